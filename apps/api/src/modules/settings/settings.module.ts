import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { Setting } from './setting.entity';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

@Module({
  controllers: [SettingsController],
  exports: [SettingsService],
  imports: [TypeOrmModule.forFeature([Setting])],
  providers: [SettingsService],
})
export class SettingsModule {}
