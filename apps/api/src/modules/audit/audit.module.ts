import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditLogEntry } from './audit-log-entry.entity';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Global: every module writes to the audit log. */
@Global()
@Module({
  controllers: [AuditController],
  exports: [AuditService],
  imports: [TypeOrmModule.forFeature([AuditLogEntry])],
  providers: [AuditService],
})
export class AuditModule {}
