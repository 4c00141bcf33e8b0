import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type InvoiceStatus = Schemas['InvoiceStatus'];
export type InvoiceResponseDto = Schemas['InvoiceResponseDto'];
