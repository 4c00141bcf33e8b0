import type { components } from '@settle/api-client';
import { unwrap } from '@settle/api-client';
import { currencyFractionDigits, minorToInput, parseMoneyInput } from '@settle/ui';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { autopayForecastKeys } from '@/api/autopay/get-autopay-forecast';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { autopayKeys } from './keys';
import type { AutopayRuleDto } from './types';

type CreateBody = components['schemas']['CreateAutopayRuleDto'];
type UpdateBody = components['schemas']['UpdateAutopayRuleDto'];

/** The API's limits (libs/domain AUTOPAY_MAX_DAYS, the DTO's list sizes and slug pattern). */
const MAX_DAYS = 365;
const MAX_LIST = 20;
const SOURCE = /^[a-z0-9-]{1,40}$/;

/** What the rule form holds: text as typed; the schema turns it into the API's body. */
export interface AutopayRuleFormValues {
  triggerType: 'days_after_due' | 'days_after_invoice' | 'day_of_month';
  days: string;
  dayOfMonth: string;
  /** '' = the organization's default method, whichever it is on the day. */
  paymentMethodId: string;
  maxAmount: string;
  /** Comma-separated. */
  terms: string;
  sources: string;
  approval: 'never' | 'always' | 'above';
  approvalThreshold: string;
  enabled: boolean;
  locked: boolean;
}

const words = (text: string) =>
  text
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);

function wholeNumber(text: string, min: number, max: number): number | string {
  const t = text.trim();
  if (!t) return 'Enter a number';
  if (!/^[-+]?\d+$/.test(t)) return 'Enter a whole number';
  const n = Number(t);
  if (n < min || n > max) return `Enter a number from ${min} to ${max}`;
  return n;
}

/**
 * The rule form, checked as the API checks it: days for the "days after" triggers (−365 to 365),
 * a day of the month 1–31, amounts of zero or more in the currency's minor units, a threshold
 * when approval is "above", at most 20 terms and sources (sources are slugs).
 */
export function autopayRuleInputSchema(currency: string) {
  const digits = currencyFractionDigits(currency);
  const amount = (text: string, ctx: z.RefinementCtx, path: string): number | null => {
    if (!text.trim()) return null;
    const parsed = parseMoneyInput(text, digits);
    if (!parsed.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message: parsed.error });
      return null;
    }
    if (parsed.minor < 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message: 'Cannot be negative' });
      return null;
    }
    return parsed.minor;
  };
  return z
    .object({
      triggerType: z.enum(['days_after_due', 'days_after_invoice', 'day_of_month']),
      days: z.string(),
      dayOfMonth: z.string(),
      paymentMethodId: z.string(),
      maxAmount: z.string(),
      terms: z.string(),
      sources: z.string(),
      approval: z.enum(['never', 'always', 'above']),
      approvalThreshold: z.string(),
      enabled: z.boolean(),
      locked: z.boolean(),
    })
    .transform((v, ctx): CreateBody => {
      const trigger: CreateBody['trigger'] = { type: v.triggerType };
      if (v.triggerType === 'day_of_month') {
        const day = wholeNumber(v.dayOfMonth, 1, 31);
        if (typeof day === 'string')
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['dayOfMonth'], message: day });
        else trigger.dayOfMonth = day;
      } else {
        const days = wholeNumber(v.days, -MAX_DAYS, MAX_DAYS);
        if (typeof days === 'string')
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['days'], message: days });
        else trigger.days = days;
      }
      const terms = words(v.terms);
      if (terms.length > MAX_LIST)
        ctx.addIssue({ code: 'custom', path: ['terms'], message: `At most ${MAX_LIST} terms` });
      if (terms.some((t) => t.length > 60))
        ctx.addIssue({ code: 'custom', path: ['terms'], message: 'Each at most 60 characters' });
      const sources = words(v.sources).map((s) => s.toLowerCase());
      if (sources.length > MAX_LIST)
        ctx.addIssue({ code: 'custom', path: ['sources'], message: `At most ${MAX_LIST} sources` });
      if (sources.some((s) => !SOURCE.test(s)))
        ctx.addIssue({
          code: 'custom',
          path: ['sources'],
          message: 'Sources are names such as connectwise: a–z, 0–9 and -',
        });
      const maxAmount = amount(v.maxAmount, ctx, 'maxAmount');
      const body: CreateBody = {
        paymentMethodId: v.paymentMethodId || null,
        trigger,
        criteria: { maxAmount, terms, sources },
        approval: v.approval,
        enabled: v.enabled,
        locked: v.locked,
      };
      if (v.approval === 'above') {
        if (!v.approvalThreshold.trim())
          ctx.addIssue({
            code: 'custom',
            path: ['approvalThreshold'],
            message: 'Enter the amount above which a charge needs approval',
          });
        const threshold = amount(v.approvalThreshold, ctx, 'approvalThreshold');
        if (threshold !== null) body.approvalThreshold = threshold;
      }
      return body;
    });
}

/** The form's starting values: a new rule (on the due date, default method), or `rule` as saved. */
export function autopayRuleFormValues(
  rule: AutopayRuleDto | null,
  currency: string,
): AutopayRuleFormValues {
  const digits = currencyFractionDigits(currency);
  const money = (minor: number | null) => (minor === null ? '' : minorToInput(minor, digits));
  if (!rule)
    return {
      triggerType: 'days_after_due',
      days: '0',
      dayOfMonth: '',
      paymentMethodId: '',
      maxAmount: '',
      terms: '',
      sources: '',
      approval: 'never',
      approvalThreshold: '',
      enabled: true,
      locked: false,
    };
  return {
    triggerType: rule.trigger.type,
    days: rule.trigger.days === null ? '' : String(rule.trigger.days),
    dayOfMonth: rule.trigger.dayOfMonth === null ? '' : String(rule.trigger.dayOfMonth),
    paymentMethodId: rule.paymentMethodId ?? '',
    maxAmount: money(rule.criteria.maxAmount),
    terms: rule.criteria.terms.join(', '),
    sources: rule.criteria.sources.join(', '),
    approval: rule.approval,
    approvalThreshold: money(rule.approvalThreshold),
    enabled: rule.enabled,
    locked: rule.locked,
  };
}

/** The form field an API error names (`trigger.days`, `criteria.terms.3`). */
export function ruleFieldFor(apiField: string): keyof AutopayRuleFormValues | null {
  const [head = '', second = ''] = apiField.split('.');
  if (head === 'trigger') {
    if (second === 'type') return 'triggerType';
    if (second === 'days' || second === 'dayOfMonth') return second;
    return 'triggerType';
  }
  if (head === 'criteria') {
    if (second === 'maxAmount' || second === 'terms' || second === 'sources') return second;
    return null;
  }
  if (
    head === 'paymentMethodId' ||
    head === 'approval' ||
    head === 'approvalThreshold' ||
    head === 'enabled' ||
    head === 'locked'
  )
    return head;
  return null;
}

function invalidateRules(queryClient: QueryClient, organizationId: string) {
  void queryClient.invalidateQueries({ queryKey: autopayKeys.rules(organizationId) });
  // an invoice's explainer and the calendars' forecast depend on the rules
  void queryClient.invalidateQueries({ queryKey: [...autopayKeys.all, 'invoice'] });
  void queryClient.invalidateQueries({ queryKey: autopayForecastKeys.all });
}

export const createAutopayRule = ({
  organizationId,
  data,
}: {
  organizationId: string;
  data: CreateBody;
}) =>
  unwrap(
    api.POST('/api/v1/organizations/{organizationId}/autopay-rules', {
      params: { path: { organizationId } },
      body: data,
    }),
  );

export const updateAutopayRule = ({ id, data }: { id: string; data: UpdateBody }) =>
  unwrap(api.PATCH('/api/v1/autopay-rules/{id}', { params: { path: { id } }, body: data }));

export const deleteAutopayRule = ({ id }: { id: string }) =>
  unwrap(api.DELETE('/api/v1/autopay-rules/{id}', { params: { path: { id } } }));

export const orderAutopayRules = ({
  organizationId,
  ruleIds,
}: {
  organizationId: string;
  ruleIds: string[];
}) =>
  unwrap(
    api.PUT('/api/v1/organizations/{organizationId}/autopay-rules/order', {
      params: { path: { organizationId } },
      body: { ruleIds },
    }),
  );

export function useCreateAutopayRule({
  organizationId,
  mutationConfig,
}: {
  organizationId: string;
  mutationConfig?: MutationConfig<typeof createAutopayRule>;
}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createAutopayRule,
    onSuccess: (...args) => {
      invalidateRules(queryClient, organizationId);
      onSuccess?.(...args);
    },
  });
}

export function useUpdateAutopayRule({
  organizationId,
  mutationConfig,
}: {
  organizationId: string;
  mutationConfig?: MutationConfig<typeof updateAutopayRule>;
}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateAutopayRule,
    onSuccess: (...args) => {
      invalidateRules(queryClient, organizationId);
      onSuccess?.(...args);
    },
  });
}

export function useDeleteAutopayRule({
  organizationId,
  mutationConfig,
}: {
  organizationId: string;
  mutationConfig?: MutationConfig<typeof deleteAutopayRule>;
}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: deleteAutopayRule,
    onSuccess: (...args) => {
      invalidateRules(queryClient, organizationId);
      onSuccess?.(...args);
    },
  });
}

export function useOrderAutopayRules({
  organizationId,
  mutationConfig,
}: {
  organizationId: string;
  mutationConfig?: MutationConfig<typeof orderAutopayRules>;
}) {
  const queryClient = useQueryClient();
  const { onSuccess, onSettled, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: orderAutopayRules,
    onSuccess: (...args) => {
      queryClient.setQueryData(autopayKeys.rules(organizationId), args[0]);
      onSuccess?.(...args);
    },
    onSettled: (...args) => {
      invalidateRules(queryClient, organizationId);
      onSettled?.(...args);
    },
  });
}
