export { PaymentMethod } from './payment-method.entity';
export { PaymentMethodsModule } from './payment-methods.module';
export { PaymentMethodsService } from './payment-methods.service';
