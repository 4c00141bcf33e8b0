export { GatewayRegistry } from './gateway-registry';
export { GatewaysModule } from './gateways.module';
export {
  ChargeOutcome,
  GATEWAY_NAMES,
  GatewayFeatureUnavailableError,
  GatewayName,
  GatewayRejectedError,
  GatewayUnavailableError,
  RefundOutcome,
  SettlementStatus,
} from './payment-gateway';
export { PaymentSettingsService } from './payment-settings.service';
export { StripeGateway } from './stripe/stripe.gateway';
