export const accountSecurityKeys = {
  all: ['account-security'] as const,
  sessions: () => [...accountSecurityKeys.all, 'sessions'] as const,
};
