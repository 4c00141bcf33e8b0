import type { EmailType } from './types';

/** Unsaved texts to preview; a missing one is previewed as saved. */
export interface TemplatePreviewInput {
  subject?: string;
  intro?: string;
}

export const emailSettingsKeys = {
  all: ['settings', 'email'] as const,
  settings: () => [...emailSettingsKeys.all, 'delivery'] as const,
  templates: () => [...emailSettingsKeys.all, 'templates'] as const,
  staffNotifications: () => [...emailSettingsKeys.all, 'staff-notifications'] as const,
  testEmail: (id: string) => [...emailSettingsKeys.all, 'test-email', id] as const,
  preview: (type: EmailType, input: TemplatePreviewInput) =>
    [...emailSettingsKeys.templates(), type, 'preview', input] as const,
};
