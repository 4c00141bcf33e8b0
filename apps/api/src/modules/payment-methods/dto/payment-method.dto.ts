import { ApiProperty, PickType } from '@nestjs/swagger';
import { PAYMENT_METHOD_KINDS, PaymentMethodKind } from '@settle/domain';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { ValidateBoolean, ValidateEnum, ValidateText } from '../../../common/validation';
import { GATEWAY_NAMES, GatewayName } from '../../gateways';
import { PAYMENT_METHOD_STATUSES, PaymentMethodStatus } from '../payment-method.entity';

export class CreatePaymentMethodDto {
  @ValidateText({
    description:
      'A gateway token: a Stripe PaymentMethod id from Stripe Elements, or a sandbox test method such as pm_card_visa',
    example: 'pm_card_visa',
    max: 255,
  })
  token: string;

  @ValidateText({ example: 'Operating account', max: 80, optional: true })
  friendlyName?: string;

  @ValidateBoolean({
    description: 'Make it the organization default (the first one always is)',
    optional: true,
  })
  makeDefault?: boolean;
}

/** A contact adds a method by its gateway token; the first one becomes the default. */
export class PortalCreatePaymentMethodDto extends PickType(CreatePaymentMethodDto, [
  'token',
  'friendlyName',
] as const) {
  @ValidateText({
    description:
      'With the Stripe gateway (required there): the SetupIntent (seti_…) from POST …/payment-methods/setup-intents that Stripe.js confirmed; `token` is the PaymentMethod it saved',
    example: 'seti_1QxYzAbCdEfGhIjK',
    max: 255,
    optional: true,
  })
  setupIntentId?: string;
}

/** What the portal needs to mount Stripe's card fields and confirm the card with Stripe.js. */
export class PortalSetupIntentDto {
  @ApiProperty({
    description: "The SetupIntent's client secret, for stripe.confirmCardSetup",
    example: 'seti_1QxYzAbCdEfGhIjK_secret_abc',
  })
  clientSecret: string;

  @ApiProperty({ description: "The MSP's Stripe publishable key", example: 'pk_test_51H…' })
  publishableKey: string;
}

export class UpdatePaymentMethodDto {
  @ValidateText({ max: 80, optional: true })
  friendlyName?: string;

  @ValidateBoolean({
    description: 'true makes it the default; the default cannot be unset, only moved',
    optional: true,
  })
  isDefault?: boolean;
}

export class UnlockPaymentMethodDto {
  @ValidateText({ description: 'Why it is safe to charge again (audited)', max: 500 })
  reason: string;
}

export class ListPaymentMethodsQueryDto extends ListQueryDto {
  @ValidateEnum(PAYMENT_METHOD_STATUSES, { enumName: 'PaymentMethodStatus', optional: true })
  status?: PaymentMethodStatus;
}

export class PaymentMethodResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: PAYMENT_METHOD_KINDS, enumName: 'PaymentMethodType' })
  type: PaymentMethodKind;
  @ApiProperty({ example: 'visa' }) brand: string;
  @ApiProperty({ example: '4242' }) last4: string;
  @ApiProperty({ nullable: true, type: 'integer' }) expMonth: number | null;
  @ApiProperty({ nullable: true, type: 'integer' }) expYear: number | null;
  @ApiProperty() friendlyName: string;
  @ApiProperty({ enum: PAYMENT_METHOD_STATUSES, enumName: 'PaymentMethodStatus' })
  status: PaymentMethodStatus;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ enum: GATEWAY_NAMES, enumName: 'GatewayName' }) gateway: GatewayName;
  @ApiProperty({ type: 'integer' }) consecutiveFailures: number;
  @ApiProperty({ nullable: true, type: String }) lockedReason: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lockedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class LockedPaymentMethodDto extends PaymentMethodResponseDto {
  @ApiProperty() organizationName: string;
}

export class PaymentMethodListResponseDto {
  @ApiProperty({ isArray: true, type: PaymentMethodResponseDto }) data: PaymentMethodResponseDto[];
}

/** A method as its organization's contacts see it: what it is and whether it can be used. */
export class PortalPaymentMethodDto extends PickType(PaymentMethodResponseDto, [
  'id',
  'type',
  'brand',
  'last4',
  'expMonth',
  'expYear',
  'friendlyName',
  'status',
  'isDefault',
  'createdAt',
] as const) {}

export class PortalPaymentMethodListResponseDto {
  @ApiProperty({ isArray: true, type: PortalPaymentMethodDto }) data: PortalPaymentMethodDto[];
}
