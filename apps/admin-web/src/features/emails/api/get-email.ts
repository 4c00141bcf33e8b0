import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { emailsKeys } from './keys';

/** One email with its HTML and text, attachments and event trail. */
export const getEmail = (id: string) =>
  unwrap(api.GET('/api/v1/emails/{id}', { params: { path: { id } } }));

export const getEmailQueryOptions = (id: string) =>
  queryOptions({
    queryKey: emailsKeys.detail(id),
    queryFn: () => getEmail(id),
  });

export function useEmail({
  id,
  queryConfig,
}: {
  id: string;
  queryConfig?: QueryConfig<typeof getEmailQueryOptions>;
}) {
  return useQuery({ ...getEmailQueryOptions(id), ...queryConfig });
}

/** The email's HTML as a document of its own, for the preview frame. */
export const emailHtmlHref = (id: string) => `/api/v1/emails/${encodeURIComponent(id)}/html`;

/**
 * An attachment as the file it was sent as: a plain link, so the browser downloads it with the
 * session cookie.
 */
export const emailAttachmentHref = (id: string, index: number) =>
  `/api/v1/emails/${encodeURIComponent(id)}/attachments/${index}`;
