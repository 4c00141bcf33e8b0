import { unwrap } from '@settle/api-client';
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';

import { invoicesKeys } from '@/api/invoices/keys';
import { organizationsKeys } from '@/api/organizations/keys';
import { paymentMethodsKeys } from '@/api/payment-methods/keys';
import { paymentsKeys } from '@/api/payments/keys';
import { arOverviewKeys, paymentReportsKeys } from '@/api/reports/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { autopayKeys, type PageParams } from './keys';
import type { AutopayRunDto } from './types';

/** How often a queued or running run is asked about until it finishes. */
export const RUN_POLL_MS = 2000;

export const isRunFinished = (run: Pick<AutopayRunDto, 'status'>) =>
  run.status === 'succeeded' || run.status === 'failed';

export const getAutopayRuns = (params: PageParams) =>
  unwrap(api.GET('/api/v1/autopay/runs', { params: { query: params } }));

export function useAutopayRuns({ params }: { params: PageParams }) {
  return useQuery({
    queryKey: autopayKeys.runList(params),
    queryFn: () => getAutopayRuns(params),
    placeholderData: keepPreviousData,
    // a queued or running run (the daily one, or another person's Run now) is followed to its end
    refetchInterval: (query) =>
      query.state.data?.data.some((run) => !isRunFinished(run)) ? RUN_POLL_MS : false,
  });
}

export const getAutopayRun = (id: string) =>
  unwrap(api.GET('/api/v1/autopay/runs/{id}', { params: { path: { id } } }));

/** One run, asked about again every RUN_POLL_MS until it has finished. */
export function useAutopayRun({ id }: { id: string | null }) {
  return useQuery({
    queryKey: autopayKeys.run(id ?? ''),
    queryFn: () => getAutopayRun(id ?? ''),
    enabled: !!id,
    refetchInterval: (query) =>
      query.state.data && isRunFinished(query.state.data) ? false : RUN_POLL_MS,
  });
}

/** A finished run made payments: every list and balance that shows them is stale. */
export function invalidateAfterRun(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: autopayKeys.all });
  void queryClient.invalidateQueries({ queryKey: paymentsKeys.all });
  void queryClient.invalidateQueries({ queryKey: invoicesKeys.all });
  void queryClient.invalidateQueries({ queryKey: organizationsKeys.all });
  void queryClient.invalidateQueries({ queryKey: arOverviewKeys.all });
  void queryClient.invalidateQueries({ queryKey: paymentReportsKeys.all });
  // a decline can lock the method
  void queryClient.invalidateQueries({ queryKey: paymentMethodsKeys.all });
}

/** Queues a run for today (or `date`, to catch up a missed one); admins only. */
export const startAutopayRun = ({ date }: { date?: string } = {}) =>
  unwrap(api.POST('/api/v1/autopay/runs', { body: date ? { date } : {} }));

export function useStartAutopayRun({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof startAutopayRun> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: startAutopayRun,
    onSuccess: (...args) => {
      queryClient.setQueryData(autopayKeys.run(args[0].id), args[0]);
      void queryClient.invalidateQueries({ queryKey: autopayKeys.runs() });
      onSuccess?.(...args);
    },
  });
}
