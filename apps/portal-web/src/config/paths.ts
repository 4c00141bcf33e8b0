export const BASENAME = '/portal';

export const paths = {
  auth: { login: { path: '/login', getHref: () => '/login' } },
  app: {
    balance: { path: '/', getHref: () => '/' },
    invoices: { path: '/invoices', getHref: () => '/invoices' },
    paymentMethods: { path: '/payment-methods', getHref: () => '/payment-methods' },
    autopay: { path: '/autopay', getHref: () => '/autopay' },
    history: { path: '/history', getHref: () => '/history' },
    statements: { path: '/statements', getHref: () => '/statements' },
  },
} as const;
