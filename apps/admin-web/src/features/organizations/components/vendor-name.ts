/** How vendors write their own names; a link's `source` is a lower-case slug of one of them. */
const VENDOR_NAMES: Record<string, string> = {
  autotask: 'Autotask',
  connectwise: 'ConnectWise',
  halopsa: 'HaloPSA',
  quickbooks: 'QuickBooks',
  sandbox: 'Sandbox',
  stripe: 'Stripe',
  xero: 'Xero',
};

/** "connectwise" → "ConnectWise"; a slug we do not know is title-cased ("acme-erp" → "Acme Erp"). */
export function vendorName(source: string): string {
  const known = VENDOR_NAMES[source.toLowerCase()];
  if (known) return known;
  return source
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
