import { formatMoney } from '@settle/ui';

import type { GatewayName, PaymentSettingsDto, UpdatePaymentSettingsDto } from '../api/types';
import { basisPointsToPercentText } from '../api/update-payment-settings';

export const GATEWAY_LABELS: Record<GatewayName, string> = {
  sandbox: 'Sandbox (test payments)',
  stripe: 'Stripe',
};

export function formatPercent(bps: number): string {
  return `${basisPointsToPercentText(bps)}%`;
}

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
