import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { ApiKey } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

@Module({
  controllers: [ApiKeysController],
  exports: [ApiKeysService],
  imports: [AuditModule, TypeOrmModule.forFeature([ApiKey])],
  providers: [ApiKeysRepository, ApiKeysService],
})
export class ApiKeysModule {}
