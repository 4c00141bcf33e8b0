import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type PaymentSettingsDto = Schemas['PaymentSettingsResponseDto'];
export type UpdatePaymentSettingsDto = Schemas['UpdatePaymentSettingsDto'];
export type GatewayName = Schemas['GatewayName'];
export type PaymentGatewayInfoDto = Schemas['PaymentGatewayInfoDto'];
