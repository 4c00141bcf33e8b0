import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type PaymentMethodDto = Schemas['PaymentMethodResponseDto'];
export type PaymentMethodStatus = Schemas['PaymentMethodStatus'];
export type PaymentMethodType = Schemas['PaymentMethodType'];
export type LockedPaymentMethodDto = Schemas['LockedPaymentMethodDto'];
