import { unwrap, type components } from '@settle/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { autopayKeys } from './keys';

export type AutopaySettingsDto = components['schemas']['AutopaySettingsDto'];

/** The API's limits (AutopaySettingsDto). */
const MAX_RETRIES = 5;
const MAX_RETRY_DAY = 30;

const settingsKey = [...autopayKeys.all, 'settings'] as const;

export function useAutopaySettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: () => unwrap(api.GET('/api/v1/settings/autopay')),
  });
}

export const updateAutopaySettings = (body: AutopaySettingsDto) =>
  unwrap(api.PUT('/api/v1/settings/autopay', { body }));

export function useUpdateAutopaySettings({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateAutopaySettings> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateAutopaySettings,
    onSuccess: (...args) => {
      queryClient.setQueryData(settingsKey, args[0]);
      // explanations and forecasts follow the schedule
      void queryClient.invalidateQueries({ queryKey: autopayKeys.all });
      onSuccess?.(...args);
    },
  });
}

/** The form holds the days as typed ("1, 3"); its field is the API's, so a 400 lands on it. */
export interface AutopaySettingsFormValues {
  retryOffsetsDays: string;
}

export const toFormValues = (settings: AutopaySettingsDto): AutopaySettingsFormValues => ({
  retryOffsetsDays: settings.retryOffsetsDays.join(', '),
});

/** "1, 3" → [1, 3]; empty → [] (no retries); checked as the API checks it. */
export const autopaySettingsInputSchema = z.object({
  retryOffsetsDays: z.string().transform((text, ctx) => {
    const parts = text.split(/[\s,]+/).filter(Boolean);
    const days = parts.map(Number);
    const problem = !parts.every((p) => /^\d+$/.test(p))
      ? 'Enter whole days separated by commas, such as 1, 3'
      : days.length > MAX_RETRIES
        ? `At most ${MAX_RETRIES} retries`
        : days.some((d) => d < 1 || d > MAX_RETRY_DAY)
          ? `Each retry is 1 to ${MAX_RETRY_DAY} days after the charge's date`
          : days.some((d, i) => i > 0 && d <= days[i - 1]!)
            ? 'Each retry must come after the one before, such as 1, 3'
            : null;
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      return z.NEVER;
    }
    return days;
  }),
});

/** "the next day and 3 days later": a schedule in words. */
export function retryScheduleText(days: readonly number[]): string {
  if (days.length === 0) return 'AutoPay does not try declined charges again.';
  const words = days.map((d) => (d === 1 ? '1 day' : `${d} days`));
  const list =
    words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
  return `AutoPay tries a charge declined for lack of funds or a processing error again ${list} after its date. Other declines are not retried.`;
}
