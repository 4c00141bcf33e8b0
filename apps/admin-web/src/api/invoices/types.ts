import type { components, paths } from '@settle/api-client';

type Schemas = components['schemas'];
export type InvoiceStatus = Schemas['InvoiceStatus'];
export type InvoiceResponseDto = Schemas['InvoiceResponseDto'];

type ActivityResponse =
  paths['/api/v1/invoices/{id}/activity']['get']['responses'][200]['content']['application/json'];
export type InvoiceActivityDto = ActivityResponse['data'][number];
