import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type AutopayRuleDto = Schemas['AutopayRuleResponseDto'];
export type AutopayRunDto = Schemas['AutopayRunResponseDto'];
export type ApprovalPaymentDto = Schemas['PaymentSummaryDto'];
