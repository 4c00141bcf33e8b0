export { PaymentsModule } from './payments.module';
export { PaymentsProcessor } from './payments.processor';
