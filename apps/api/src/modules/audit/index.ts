export { AuditModule } from './audit.module';
export { AuditRecord, AuditService } from './audit.service';
