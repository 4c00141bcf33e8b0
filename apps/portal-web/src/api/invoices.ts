import { unwrap, type components } from '@settle/api-client';
import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export type PortalInvoice = components['schemas']['PortalInvoiceResponseDto'];

export const invoicesKeys = {
  all: (organizationId: string) => ['portal', organizationId, 'invoices'] as const,
  payable: (organizationId: string, ids?: readonly string[]) =>
    [...invoicesKeys.all(organizationId), 'payable', ids ?? 'all'] as const,
  detail: (organizationId: string, invoiceId: string) =>
    [...invoicesKeys.all(organizationId), 'detail', invoiceId] as const,
};

/** The most a page asks for (the API's limit); a portal organization rarely has more open. */
const PAGE_SIZE = 200;

/**
 * The invoices a contact can pay now (open, with an open balance), oldest due first; `ids`
 * narrows them to those, as the pay flow does.
 */
export function usePayableInvoices({
  organizationId,
  ids,
  enabled = true,
}: {
  organizationId: string;
  ids?: readonly string[];
  enabled?: boolean;
}) {
  return useQuery({
    queryKey: invoicesKeys.payable(organizationId, ids),
    enabled,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/organizations/{organizationId}/invoices', {
          params: {
            path: { organizationId },
            query: {
              payable: 'true',
              sort: 'dueDate',
              pageSize: PAGE_SIZE,
              ...(ids ? { id: [...ids] } : {}),
            },
          },
        }),
      ),
  });
}

export function useInvoice({
  organizationId,
  invoiceId,
}: {
  organizationId: string;
  invoiceId: string;
}) {
  return useQuery({
    queryKey: invoicesKeys.detail(organizationId, invoiceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/organizations/{organizationId}/invoices/{invoiceId}', {
          params: { path: { organizationId, invoiceId } },
        }),
      ),
  });
}
