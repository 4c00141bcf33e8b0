import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { organizationsKeys } from '@/api/organizations/keys';
import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

/**
 * How many invoices of an organization can still be paid: the Open Invoices list's own filter
 * (`payable`), asked for one row, so the menu's count and the list always agree.
 */
export const getOpenInvoiceCount = async (organizationId: string) => {
  const page = await unwrap(
    api.GET('/api/v1/invoices', {
      params: { query: { organizationId, payable: 'true', page: 1, pageSize: 1 } },
    }),
  );
  return page.total;
};

export const getOpenInvoiceCountQueryOptions = (organizationId: string) =>
  queryOptions({
    queryKey: organizationsKeys.openInvoiceCount(organizationId),
    queryFn: () => getOpenInvoiceCount(organizationId),
  });

export function useOpenInvoiceCount({
  organizationId,
  queryConfig,
}: {
  organizationId: string;
  queryConfig?: QueryConfig<typeof getOpenInvoiceCountQueryOptions>;
}) {
  return useQuery({ ...getOpenInvoiceCountQueryOptions(organizationId), ...queryConfig });
}
