import { createHmac } from 'node:crypto';

/**
 * The Settle-Signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` keyed
 * with the endpoint's secret, as Stripe signs its webhooks, so receivers can reuse what they
 * know: recompute it over the raw body, compare in constant time, and refuse an old `t`.
 */
export function webhookSignature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
