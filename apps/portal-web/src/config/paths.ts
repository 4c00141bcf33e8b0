export const BASENAME = '/portal';

/** An invoice and the minor units to put toward it, as the pay flow's URL carries them. */
export interface PayAllocation {
  invoiceId: string;
  amount: number;
}

export const paths = {
  auth: {
    login: { path: '/login', getHref: () => '/login' },
    acceptInvitation: { path: '/accept-invitation' },
    resetPassword: { path: '/reset-password' },
    requestAccess: { path: '/request-access', getHref: () => '/request-access' },
  },
  app: {
    balance: { path: '/', getHref: () => '/' },
    invoices: { path: '/invoices', getHref: () => '/invoices' },
    invoice: {
      path: '/invoices/:invoiceId',
      getHref: (invoiceId: string) => `/invoices/${invoiceId}`,
    },
    /** `?pay=<invoiceId>:<minor units>` per invoice, in the order they are paid. */
    pay: {
      path: '/pay',
      getHref: (allocations: readonly PayAllocation[]) =>
        `/pay?${new URLSearchParams(allocations.map((a) => ['pay', `${a.invoiceId}:${a.amount}`])).toString()}`,
    },
    paymentMethods: { path: '/payment-methods', getHref: () => '/payment-methods' },
    autopay: { path: '/autopay', getHref: () => '/autopay' },
    history: { path: '/history', getHref: () => '/history' },
    payment: {
      path: '/history/:paymentId',
      getHref: (paymentId: string) => `/history/${paymentId}`,
    },
    statements: { path: '/statements', getHref: () => '/statements' },
  },
} as const;

/** The pay flow's allocations back from its URL; anything malformed, or repeated, is left out. */
export function readPayAllocations(search: URLSearchParams): PayAllocation[] {
  const seen = new Set<string>();
  return search.getAll('pay').flatMap((value) => {
    const match = /^([0-9a-f-]{36}):(\d{1,15})$/i.exec(value);
    if (!match || seen.has(match[1]!)) return [];
    seen.add(match[1]!);
    return [{ invoiceId: match[1]!, amount: Number(match[2]) }];
  });
}
