export { ReconciliationModule } from './reconciliation.module';
export { ReconciliationProcessor } from './reconciliation.processor';
