export {
  PortalCreatePaymentMethodDto,
  PortalPaymentMethodDto,
  PortalPaymentMethodListResponseDto,
  PortalSetupIntentDto,
  UpdatePaymentMethodDto,
} from './dto/payment-method.dto';
export { PaymentMethod } from './payment-method.entity';
export { PaymentMethodsModule } from './payment-methods.module';
export { ExpiringCard, PaymentMethodsService } from './payment-methods.service';
