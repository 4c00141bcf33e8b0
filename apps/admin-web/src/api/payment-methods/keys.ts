import type { PaymentMethodStatus } from './types';

export interface AllPaymentMethodsParams {
  page: number;
  pageSize: number;
  q?: string;
  status?: PaymentMethodStatus;
}

export const paymentMethodsKeys = {
  all: ['payment-methods'] as const,
  /** One organization's methods (unpaged). */
  organization: (organizationId: string) =>
    [...paymentMethodsKeys.all, 'organization', organizationId] as const,
  /** Across organizations (the locked methods page). */
  lists: () => [...paymentMethodsKeys.all, 'list'] as const,
  list: (params: AllPaymentMethodsParams) => [...paymentMethodsKeys.lists(), params] as const,
  gateway: () => ['payment-gateway'] as const,
};
