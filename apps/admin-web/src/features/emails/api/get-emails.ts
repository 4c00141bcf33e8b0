import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { clean } from '@/lib/clean-query';
import type { QueryConfig } from '@/lib/react-query';

import { emailsKeys, type EmailsListParams } from './keys';

/** Emails, newest first, narrowed by organization, contact, invoice, payment, type or status. */
export const getEmails = (params: EmailsListParams) =>
  unwrap(api.GET('/api/v1/emails', { params: { query: clean(params) } }));

export const getEmailsQueryOptions = (params: EmailsListParams = { page: 1, pageSize: 25 }) =>
  queryOptions({
    queryKey: emailsKeys.list(params),
    queryFn: () => getEmails(params),
    placeholderData: keepPreviousData,
  });

export function useEmails({
  params,
  queryConfig,
}: {
  params: EmailsListParams;
  queryConfig?: QueryConfig<typeof getEmailsQueryOptions>;
}) {
  return useQuery({ ...getEmailsQueryOptions(params), ...queryConfig });
}
