import type { ReconciliationRun } from '../api/types';

/** The gateway's name as staff know it. */
export function gatewayName(gateway: ReconciliationRun['sources']['gateway']): string {
  return gateway.kind === 'stripe' ? 'Stripe' : 'Sandbox gateway';
}
