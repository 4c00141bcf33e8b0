import { unwrap } from '@settle/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';

import { getEmailTemplatesQueryOptions } from './get-email-templates';
import type { EmailTemplateDto, EmailType } from './types';

export const emailTemplateInputSchema = z.object({
  subject: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  intro: z.string().trim().min(1, 'is required').max(2000, 'must be at most 2000 characters'),
});

export type EmailTemplateInput = z.infer<typeof emailTemplateInputSchema>;

/**
 * What to store for a type: a text equal to the default is stored as null (the default), so a
 * later change of the default reaches it; both null restores the default.
 */
export function templateBody(template: EmailTemplateDto, input: EmailTemplateInput | null) {
  return {
    subject: input && input.subject !== template.defaultSubject ? input.subject : null,
    intro: input && input.intro !== template.defaultIntro ? input.intro : null,
  };
}

export const updateEmailTemplate = ({
  type,
  subject,
  intro,
}: {
  type: EmailType;
  subject: string | null;
  intro: string | null;
}) =>
  unwrap(
    api.PUT('/api/v1/settings/email/templates/{type}', {
      params: { path: { type } },
      body: { subject, intro },
    }),
  );

export function useUpdateEmailTemplate({
  mutationConfig,
}: { mutationConfig?: MutationConfig<typeof updateEmailTemplate> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: updateEmailTemplate,
    onSuccess: (saved, ...args) => {
      queryClient.setQueryData(getEmailTemplatesQueryOptions().queryKey, (list) =>
        list ? { data: list.data.map((t) => (t.type === saved.type ? saved : t)) } : list,
      );
      onSuccess?.(saved, ...args);
    },
  });
}
