import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type PaymentStatus = Schemas['PaymentStatus'];
export type AccountingSyncStatus = Schemas['AccountingSyncStatus'];
export type AccountingSyncDto = Schemas['AccountingSyncDto'];
export type PaymentSummaryDto = Schemas['PaymentSummaryDto'];
export type PaymentDto = Schemas['PaymentResponseDto'];
export type AllocationDto = Schemas['AllocationResponseDto'];
export type RefundDto = Schemas['RefundResponseDto'];
export type PaymentQuoteDto = Schemas['PaymentQuoteDto'];
export type CreatePaymentDto = Schemas['CreatePaymentDto'];
export type CreateInstallmentsDto = Schemas['CreateInstallmentsDto'];
export type InstallmentsResponseDto = Schemas['InstallmentsResponseDto'];
