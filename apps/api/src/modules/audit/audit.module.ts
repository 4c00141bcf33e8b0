import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditLogEntry } from './audit-log-entry.entity';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Module({
  controllers: [AuditController],
  exports: [AuditService],
  imports: [TypeOrmModule.forFeature([AuditLogEntry])],
  providers: [AuditRepository, AuditService],
})
export class AuditModule {}
