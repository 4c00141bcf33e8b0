import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type PaymentSummary = Schemas['PortalPaymentSummaryDto'];
export type Payment = Schemas['PortalPaymentResponseDto'];
export type PaymentStatus = Schemas['PaymentStatus'];
export type CreatePayment = Schemas['PortalCreatePaymentDto'];
export type PaymentQuote = Schemas['PaymentQuoteDto'];
export type PaymentReceipt = Schemas['PortalReceiptDto'];
