function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** What the email history can be narrowed to. */
export interface EmailsQuery {
  status?: 'queued' | 'sent' | 'failed' | 'skipped';
  organizationId?: string;
  contactId?: string;
  invoiceId?: string;
  paymentId?: string;
}

/** What the Entities list can be narrowed to (its filters, as the URL carries them). */
export interface EntitiesQuery {
  integrationId?: string;
  type?: 'company' | 'contact' | 'invoice' | 'payment' | 'credit_memo';
  mapped?: 'true' | 'false';
  hidden?: 'true' | 'false';
  organizationId?: string;
  q?: string;
}

export const ORGANIZATION_SECTIONS = [
  'details',
  'contacts',
  'balance',
  'open-invoices',
  'credits',
  'pending-payments',
  'scheduled-payments',
  'payments-calendar',
  'payment-methods',
  'autopay',
  'invoice-history',
  'transaction-history',
] as const;
export type OrganizationSection = (typeof ORGANIZATION_SECTIONS)[number];

export const paths = {
  auth: {
    login: {
      path: '/login',
      getHref: (redirectTo?: string | null) =>
        withQuery('/login', { redirectTo: redirectTo && redirectTo !== '/' ? redirectTo : null }),
    },
  },
  app: {
    root: { path: '/', getHref: () => '/' },
    overview: { path: '/', getHref: () => '/' },
    organizations: {
      path: '/organizations',
      getHref: (q?: string) => withQuery('/organizations', { q }),
    },
    organization: {
      path: '/organizations/:id',
      getHref: (id: string) => `/organizations/${encodeURIComponent(id)}`,
      /** Profile sections, nested under /organizations/:id (details is the index). */
      section: (id: string, section: OrganizationSection) =>
        section === 'details'
          ? `/organizations/${encodeURIComponent(id)}`
          : `/organizations/${encodeURIComponent(id)}/${section}`,
      /** The pay flow for the selected open invoices (ids in `?invoices=a,b`). */
      pay: (id: string, invoiceIds: readonly string[] = []) =>
        withQuery(`/organizations/${encodeURIComponent(id)}/pay`, {
          invoices: invoiceIds.join(','),
        }),
      /** Split the selected open invoices (ids in `?invoices=a,b`) into scheduled installments. */
      installments: (id: string, invoiceIds: readonly string[] = []) =>
        withQuery(`/organizations/${encodeURIComponent(id)}/installments`, {
          invoices: invoiceIds.join(','),
        }),
    },
    /** Invoices across organizations; `overAllocated: 'true'` lists the ones Settle over-holds. */
    invoices: {
      path: '/invoices',
      getHref: (query: { overAllocated?: 'true' } = {}) => withQuery('/invoices', query),
    },
    invoice: {
      path: '/invoices/:invoiceId',
      getHref: (invoiceId: string) => `/invoices/${encodeURIComponent(invoiceId)}`,
    },
    payments: {
      path: '/payments',
      getHref: (query: Record<string, string | null | undefined> = {}) =>
        withQuery('/payments', query),
    },
    payment: {
      path: '/payments/:id',
      getHref: (id: string) => `/payments/${encodeURIComponent(id)}`,
    },
    achReturns: { path: '/ach-returns', getHref: () => '/ach-returns' },
    lockedPaymentMethods: {
      path: '/payment-methods/locked',
      getHref: () => '/payment-methods/locked',
    },
    autopay: { path: '/autopay', getHref: () => '/autopay' },
    integrations: { path: '/integrations', getHref: () => '/integrations' },
    /** Records the integrations brought in, narrowed as the query says. */
    entities: {
      path: '/entities',
      getHref: (query: EntitiesQuery = {}) => withQuery('/entities', { ...query }),
    },
    reports: { path: '/reports', getHref: () => '/reports' },
    /**
     * Settle's payments against QuickBooks and the gateway; `run` opens a run's results,
     * `organizationId` preselects one organization for a new run.
     */
    reconciliation: {
      path: '/reconciliation',
      getHref: (query: { run?: string; organizationId?: string } = {}) =>
        withQuery('/reconciliation', { ...query }),
    },
    /** Your own two-factor sign-in and sessions. */
    accountSecurity: { path: '/account/security', getHref: () => '/account/security' },
    /**
     * Every email Settle wrote, newest first; the query narrows it to an organization, contact,
     * invoice or payment, or a status (`failed`: those that could not be delivered).
     */
    emails: {
      path: '/emails',
      getHref: (query: EmailsQuery = {}) => withQuery('/emails', { ...query }),
    },
    email: {
      path: '/emails/:emailId',
      getHref: (emailId: string) => `/emails/${encodeURIComponent(emailId)}`,
    },
    settings: {
      path: '/settings',
      getHref: () => '/settings',
      general: { path: '', getHref: () => '/settings' },
      payments: { path: 'payments', getHref: () => '/settings/payments' },
      users: { path: 'users', getHref: () => '/settings/users' },
      apiKeys: { path: 'api-keys', getHref: () => '/settings/api-keys' },
      webhooks: { path: 'webhooks', getHref: () => '/settings/webhooks' },
      auditLog: { path: 'audit-log', getHref: () => '/settings/audit-log' },
      security: { path: 'security', getHref: () => '/settings/security' },
      accessProfiles: { path: 'access-profiles', getHref: () => '/settings/access-profiles' },
      email: { path: 'email', getHref: () => '/settings/email' },
    },
  },
  /** Bull board, served by the API (not the SPA). */
  queues: { getHref: () => '/admin/queues' },
} as const;

/** Only same-app relative paths are accepted as a post-login redirect. */
export function safeRedirect(target: string | null | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return '/';
  if (target.startsWith('/login')) return '/';
  return target;
}
