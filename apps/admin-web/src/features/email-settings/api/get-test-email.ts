import { unwrap } from '@settle/api-client';
import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { emailSettingsKeys } from './keys';

/** How long Settings → Email follows a test email before leaving it to the history. */
const WATCH_MS = 20_000;

/**
 * The test email just sent, fetched again each second while it waits in the queue, so the
 * screen can say what the mail server answered (or why it failed).
 */
export function useTestEmail({ id, startedAt }: { id: string | null; startedAt: number }) {
  return useQuery({
    queryKey: emailSettingsKeys.testEmail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/emails/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
    refetchInterval: (query) =>
      query.state.data?.status === 'queued' && Date.now() - startedAt < WATCH_MS ? 1000 : false,
  });
}
