import type { PaymentMethodStatus, PaymentMethodType } from '@/api/payment-methods/types';

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

interface MethodLike {
  type: PaymentMethodType;
  brand: string;
  last4: string;
  friendlyName?: string;
  expMonth?: number | null;
  expYear?: number | null;
}

export function brandLabel(m: Pick<MethodLike, 'type' | 'brand'>): string {
  if (m.type === 'us_bank_account') return m.brand ? m.brand : 'Bank account';
  return BRANDS[m.brand?.toLowerCase()] ?? (m.brand ? m.brand : 'Card');
}

/** "Visa •••• 4242 · expires 12/2030", "STRIPE TEST BANK •••• 6789 (bank account)". */
export function methodDescription(m: MethodLike): string {
  const base = `${brandLabel(m)} •••• ${m.last4}`;
  if (m.type === 'us_bank_account') return `${base} (bank account)`;
  if (m.expMonth && m.expYear)
    return `${base} · expires ${String(m.expMonth).padStart(2, '0')}/${m.expYear}`;
  return base;
}

/** What a method is called in lists and radios: its friendly name, else brand and last4. */
export function methodName(m: MethodLike): string {
  return m.friendlyName?.trim() || `${brandLabel(m)} •••• ${m.last4}`;
}

/** Whether the method's name already says its last four digits, as the default name does. */
export function nameShowsLast4(m: MethodLike): boolean {
  return methodName(m).includes(m.last4);
}

const STATUS: Record<PaymentMethodStatus, { label: string; className: string }> = {
  active: { label: 'Active', className: 'ui-badge ui-badge--success' },
  expired: { label: 'Expired', className: 'ui-badge ui-badge--warning' },
  locked: { label: 'Locked', className: 'ui-badge ui-badge--danger' },
};

export function PaymentMethodStatusBadge({ status }: { status: PaymentMethodStatus }) {
  const s = STATUS[status] ?? { label: status, className: 'ui-badge' };
  return <span className={s.className}>{s.label}</span>;
}
