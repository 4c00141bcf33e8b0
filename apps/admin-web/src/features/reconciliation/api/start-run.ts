import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { periodErrors } from '../utils/period';

import { reconciliationKeys } from './keys';

/** The run form: a period (checked against the MSP's today) and, optionally, one organization. */
export const startRunInputSchema = (today: string) =>
  z
    .object({
      from: z.string(),
      to: z.string(),
      /** '' for every organization. */
      organizationId: z.string(),
    })
    .superRefine((values, ctx) => {
      for (const [path, message] of Object.entries(periodErrors(values, today))) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
      }
    })
    .transform(({ from, to, organizationId }) => ({
      from,
      to,
      ...(organizationId ? { organizationId } : {}),
    }));

export type StartRunInput = z.output<ReturnType<typeof startRunInputSchema>>;

export const startRun = (body: StartRunInput) =>
  unwrap(api.POST('/api/v1/reconciliation/runs', { body }));

/**
 * Asks for a run (the API answers with the one already under way for the same period and
 * organization, if there is one); the run goes into the cache so its progress shows at once.
 */
export function useStartRun({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof startRun> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: startRun,
    onSuccess: (...args) => {
      queryClient.setQueryData(reconciliationKeys.run(args[0].id), args[0]);
      void queryClient.invalidateQueries({ queryKey: [...reconciliationKeys.all, 'runs'] });
      onSuccess?.(...args);
    },
  });
}
