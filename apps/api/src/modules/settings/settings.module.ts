import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { Setting } from './setting.entity';
import { SettingsController } from './settings.controller';
import { SettingsRepository } from './settings.repository';
import { SettingsService } from './settings.service';

@Module({
  controllers: [SettingsController],
  exports: [SettingsService],
  imports: [AuditModule, TypeOrmModule.forFeature([Setting])],
  providers: [SettingsRepository, SettingsService],
})
export class SettingsModule {}
