export { IntegrationsModule } from './integrations.module';
export { IntegrationsProcessor } from './integrations.processor';
export { IntegrationsService } from './integrations.service';
export { QuickBooksAuthorization } from './quickbooks-authorization.service';
export { SyncRunsService } from './sync-runs.service';
export { SyncAlertDto } from './dto/sync-alert.dto';
export { SyncAlertsService } from './sync-alerts.service';
export { connectWiseSettings } from './integration.entity';
export {
  AccountingPaymentsReader,
  type AccountingPaymentRecord,
} from './accounting-payments.reader';
