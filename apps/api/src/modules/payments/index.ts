/**
 * The accounting push job's contract: claim, record, re-check, health.
 * @public the integrator's push job uses the types
 */
export {
  type AccountingPushItem,
  type AccountingPushOutcome,
  type AccountingSyncHealth,
  AccountingSyncService,
} from './accounting-sync.service';
export {
  CancelPaymentDto,
  PaymentQuoteDto,
  PaymentResponseDto,
  PaymentSummaryDto,
  PortalCreatePaymentDto,
  PortalListPaymentsQueryDto,
  PortalPaymentResponseDto,
  PortalPaymentSummaryDto,
  ReschedulePaymentDto,
} from './dto/payment.dto';
export { formatAmount } from './format-amount';
export { paymentNumber } from './payment-ledger';
export { PaymentQueriesService, type ReconciliationPayment } from './payment-queries.service';
export { PaymentReportsService } from './payment-reports.service';
export { PaymentsModule } from './payments.module';
export { PaymentsProcessor } from './payments.processor';
export { AutopayChargeResult, PaymentsService } from './payments.service';
