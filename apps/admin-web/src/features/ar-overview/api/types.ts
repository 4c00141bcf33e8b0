import type { components } from '@settle/api-client';

type Schemas = components['schemas'];
export type ArOverviewResponseDto = Schemas['ArOverviewResponseDto'];
export type ArOverviewCompany = Schemas['ArCompanyDto'];
export type CalendarDayDto = Schemas['CalendarDayDto'];
export type CalendarPaymentDto = Schemas['CalendarPaymentDto'];
