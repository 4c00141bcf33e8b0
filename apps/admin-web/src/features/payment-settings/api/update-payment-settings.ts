import { unwrap } from '@settle/api-client';
import { currencyFractionDigits, minorToInput, parseMoneyInput } from '@settle/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { paymentMethodsKeys } from '@/api/payment-methods/keys';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { paymentSettingsKeys } from './keys';
import type { GatewayName, PaymentSettingsDto, UpdatePaymentSettingsDto } from './types';

/** The API's limits (UpdatePaymentSettingsDto). */
const MAX_FEE_BASIS_POINTS = 1000;
const MAX_ACH_SETTLEMENT_HOURS = 720;
const MAX_LATENCY_MS = 10_000;

/**
 * The form holds text as typed; its field names are the API's paths, so that a 400's
 * `errors[].field` (e.g. `convenienceFee.percentBasisPoints`) lands on the input it names.
 */
export interface PaymentSettingsFormValues {
  gateway: GatewayName;
  convenienceFee: { enabled: boolean; percentBasisPoints: string; capMinor: string };
  sandbox: { latencyMs: string; achSettlementHours: string };
  stripe: { publishableKey: string; secretKey: string; webhookSecret: string };
}

/** 300 → "3", 250 → "2.5", 275 → "2.75": a percentage as staff would type it. */
export function basisPointsToPercentText(bps: number): string {
  const whole = Math.floor(bps / 100);
  const fraction = String(bps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** "2.5" → 250 basis points, read as integers (never a float); null for anything else. */
export function percentTextToBasisPoints(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/%$/, '').trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function toFormValues(
  settings: PaymentSettingsDto,
  currency: string,
): PaymentSettingsFormValues {
  const { convenienceFee: fee } = settings;
  return {
    gateway: settings.gateway,
    convenienceFee: {
      enabled: fee.enabled,
      percentBasisPoints: basisPointsToPercentText(fee.percentBasisPoints),
      capMinor:
        fee.capMinor === null ? '' : minorToInput(fee.capMinor, currencyFractionDigits(currency)),
    },
    sandbox: {
      latencyMs: String(settings.sandbox.latencyMs),
      achSettlementHours: String(settings.sandbox.achSettlementHours),
    },
    stripe: {
      publishableKey: settings.stripe.publishableKey ?? '',
      secretKey: '',
      webhookSecret: '',
    },
  };
}

function wholeNumber(max: number, unit: string) {
  return z.string().transform((text, ctx) => {
    const trimmed = text.trim();
    if (!/^\d+$/.test(trimmed) || Number(trimmed) > max) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `Enter whole ${unit} from 0 to ${max}`,
      });
      return z.NEVER;
    }
    return Number(trimmed);
  });
}

/**
 * Form text → the PUT body. Secrets left blank are not sent (the API keeps the stored ones);
 * Stripe needs a secret key, typed now or stored before.
 */
export function paymentSettingsInputSchema({
  currency,
  secretKeySet,
}: {
  currency: string;
  secretKeySet: boolean;
}) {
  const digits = currencyFractionDigits(currency);
  return z
    .object({
      gateway: z.enum(['sandbox', 'stripe']),
      convenienceFee: z.object({
        enabled: z.boolean(),
        percentBasisPoints: z.string().transform((text, ctx) => {
          const bps = percentTextToBasisPoints(text);
          if (bps === null || bps > MAX_FEE_BASIS_POINTS) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: 'Enter a percentage from 0 to 10, such as 2.9',
            });
            return z.NEVER;
          }
          return bps;
        }),
        capMinor: z.string().transform((text, ctx) => {
          if (text.trim() === '') return null;
          const parsed = parseMoneyInput(text, digits);
          if (!parsed.ok) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
            return z.NEVER;
          }
          return parsed.minor;
        }),
      }),
      sandbox: z.object({
        latencyMs: wholeNumber(MAX_LATENCY_MS, 'milliseconds'),
        achSettlementHours: wholeNumber(MAX_ACH_SETTLEMENT_HOURS, 'hours'),
      }),
      stripe: z.object({
        publishableKey: z.string().trim().max(255, 'must be at most 255 characters'),
        secretKey: z.string().trim().max(255, 'must be at most 255 characters'),
        webhookSecret: z.string().trim().max(255, 'must be at most 255 characters'),
      }),
    })
    .superRefine((v, ctx) => {
      if (v.gateway === 'stripe' && !v.stripe.secretKey && !secretKeySet)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['stripe', 'secretKey'],
          message: 'is required to use Stripe',
        });
    })
    .transform((v): UpdatePaymentSettingsDto => ({
      gateway: v.gateway,
      convenienceFee: v.convenienceFee,
      sandbox: v.sandbox,
      stripe: {
        publishableKey: v.stripe.publishableKey || null,
        ...(v.stripe.secretKey ? { secretKey: v.stripe.secretKey } : {}),
        ...(v.stripe.webhookSecret ? { webhookSecret: v.stripe.webhookSecret } : {}),
      },
    }));
}

export const updatePaymentSettings = (body: UpdatePaymentSettingsDto) =>
  unwrap(api.PUT('/api/v1/settings/payments', { body }));

export function useUpdatePaymentSettings({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updatePaymentSettings> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updatePaymentSettings,
    onSuccess: (saved, ...args) => {
      queryClient.setQueryData(paymentSettingsKeys.settings(), saved);
      // the gateway and fee every pay flow reads
      void queryClient.invalidateQueries({ queryKey: paymentMethodsKeys.gateway() });
      onSuccess?.(saved, ...args);
    },
  });
}
