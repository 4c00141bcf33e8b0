export const paymentSettingsKeys = {
  all: ['payment-settings'] as const,
  settings: () => [...paymentSettingsKeys.all, 'settings'] as const,
  waivers: () => [...paymentSettingsKeys.all, 'fee-waivers'] as const,
};
