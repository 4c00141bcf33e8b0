import { unwrap } from '@settle/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { QueryConfig } from '@/lib/react-query';

import { emailSettingsKeys } from './keys';

/** Every email type with its default subject and intro, and the MSP's own where set. */
export const getEmailTemplates = () => unwrap(api.GET('/api/v1/settings/email/templates'));

export const getEmailTemplatesQueryOptions = () =>
  queryOptions({ queryKey: emailSettingsKeys.templates(), queryFn: getEmailTemplates });

export function useEmailTemplates({
  queryConfig,
}: { queryConfig?: QueryConfig<typeof getEmailTemplatesQueryOptions> } = {}) {
  return useQuery({ ...getEmailTemplatesQueryOptions(), ...queryConfig });
}
