import { unwrap } from '@settle/api-client';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { emailSettingsKeys, type TemplatePreviewInput } from './keys';
import type { EmailType } from './types';

/** The type rendered with sample data and the MSP's branding, with unsaved texts; writes nothing. */
export const previewEmailTemplate = (type: EmailType, input: TemplatePreviewInput) =>
  unwrap(
    api.POST('/api/v1/settings/email/templates/{type}/preview', {
      params: { path: { type } },
      body: input,
    }),
  );

/** The same preview as an HTML document, for the preview frame. */
export const emailPreviewHtmlHref = (type: EmailType, input: TemplatePreviewInput) => {
  const query = new URLSearchParams();
  if (input.subject) query.set('subject', input.subject);
  if (input.intro) query.set('intro', input.intro);
  const qs = query.toString();
  return `/api/v1/settings/email/templates/${encodeURIComponent(type)}/preview.html${qs ? `?${qs}` : ''}`;
};

export const getEmailPreviewQueryOptions = (type: EmailType, input: TemplatePreviewInput) =>
  queryOptions({
    queryKey: emailSettingsKeys.preview(type, input),
    queryFn: () => previewEmailTemplate(type, input),
    // the last preview stays on screen while the next renders
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });

export function useEmailPreview({
  type,
  input,
  queryConfig,
}: {
  type: EmailType;
  input: TemplatePreviewInput;
  queryConfig?: QueryConfig<typeof getEmailPreviewQueryOptions>;
}) {
  return useQuery({ ...getEmailPreviewQueryOptions(type, input), ...queryConfig });
}
