import { currencyFractionDigits, formatMoney } from '@settle/ui';
import { z } from 'zod';

import { minorToInput, parseMoneyInput } from '@/lib/money-input';

import type { GatewayName, PaymentSettingsDto, UpdatePaymentSettingsDto } from '../api/types';

export const GATEWAY_LABELS: Record<GatewayName, string> = {
  sandbox: 'Sandbox (test payments)',
  stripe: 'Stripe',
};

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

export function formatPercent(bps: number): string {
  return `${basisPointsToPercentText(bps)}%`;
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
export function paymentSettingsSchema({
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

export const SETTINGS_FIELDS = [
  'gateway',
  'convenienceFee.enabled',
  'convenienceFee.percentBasisPoints',
  'convenienceFee.capMinor',
  'sandbox.latencyMs',
  'sandbox.achSettlementHours',
  'stripe.publishableKey',
  'stripe.secretKey',
  'stripe.webhookSecret',
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

function describeFee(fee: PaymentSettingsDto['convenienceFee'], currency: string): string {
  if (!fee.enabled) return 'off';
  const cap = fee.capMinor === null ? '' : `, capped at ${formatMoney(fee.capMinor, currency)}`;
  return `${formatPercent(fee.percentBasisPoints)} on card payments${cap}`;
}

/** One sentence per setting that changed, for the success toast ("Gateway: Sandbox → Stripe."). */
export function describeChanges(
  before: PaymentSettingsDto,
  after: PaymentSettingsDto,
  sent: UpdatePaymentSettingsDto,
  currency: string,
): string[] {
  const out: string[] = [];
  if (before.gateway !== after.gateway)
    out.push(`Gateway: ${GATEWAY_LABELS[before.gateway]} → ${GATEWAY_LABELS[after.gateway]}.`);
  const feeBefore = describeFee(before.convenienceFee, currency);
  const feeAfter = describeFee(after.convenienceFee, currency);
  if (feeBefore !== feeAfter) out.push(`Convenience fee: ${feeBefore} → ${feeAfter}.`);
  if (before.sandbox.achSettlementHours !== after.sandbox.achSettlementHours)
    out.push(
      `ACH settlement window: ${before.sandbox.achSettlementHours} → ${after.sandbox.achSettlementHours} hours.`,
    );
  if (before.sandbox.latencyMs !== after.sandbox.latencyMs)
    out.push(`Sandbox latency: ${before.sandbox.latencyMs} → ${after.sandbox.latencyMs} ms.`);
  if (before.stripe.publishableKey !== after.stripe.publishableKey)
    out.push(
      after.stripe.publishableKey
        ? 'Stripe publishable key changed.'
        : 'Stripe publishable key removed.',
    );
  if (sent.stripe?.secretKey)
    out.push(before.stripe.secretKeySet ? 'Stripe secret key replaced.' : 'Stripe secret key set.');
  if (sent.stripe?.webhookSecret)
    out.push(
      before.stripe.webhookSecretSet
        ? 'Stripe webhook secret replaced.'
        : 'Stripe webhook secret set.',
    );
  return out;
}
