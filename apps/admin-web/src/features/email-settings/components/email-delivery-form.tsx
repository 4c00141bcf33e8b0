import { Button, Card, useToast } from '@settle/ui';

import { Form, FormCheckboxField, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  emailSettingsInputSchema,
  useUpdateEmailSettings,
  type EmailSettingsInput,
} from '../api/update-email-settings';
import type { EmailSettingsDto } from '../api/types';

const SOURCE_TEXT: Record<EmailSettingsDto['smtpSource'], string> = {
  settings: 'Configured here (stored encrypted).',
  environment: 'Configured from the environment (SMTP_URL).',
  none: 'Not configured: emails wait in the queue until a server is set.',
};

function toInput(s: EmailSettingsDto): EmailSettingsInput {
  return { from: s.from, replyTo: s.replyTo ?? '', smtpUrl: '', useEnvironment: false };
}

/** Settings → Email: the SMTP server (write-only), From and Reply-To. */
export function EmailDeliveryForm({ settings }: { settings: EmailSettingsDto }) {
  const toast = useToast();
  const form = useProblemForm({
    schema: emailSettingsInputSchema,
    defaultValues: toInput(settings),
  });
  const save = useUpdateEmailSettings({
    mutationConfig: {
      onSuccess: (saved) => {
        form.reset(toInput(saved));
        toast.show({ title: 'Email settings saved' });
      },
    },
  });
  const useEnvironment = form.watch('useEnvironment');

  return (
    <Form form={form} onSubmit={(body) => save.mutateAsync(body)} aria-label="Email delivery">
      <Card title="Delivery">
        <dl className="app-details app-email-smtp">
          <div>
            <dt>SMTP server</dt>
            <dd data-testid="smtp-source">{SOURCE_TEXT[settings.smtpSource]}</dd>
          </div>
        </dl>
        <FormTextField
          control={form.control}
          name="smtpUrl"
          label={settings.smtpSource === 'none' ? 'SMTP URL' : 'Replace the SMTP URL'}
          placeholder="smtp://user:password@smtp.example.com:587"
          autoComplete="off"
          spellCheck={false}
          disabled={useEnvironment}
          hint="Never shown again once saved. Leave empty to keep the current server."
        />
        {settings.smtpSource === 'settings' && (
          <FormCheckboxField
            control={form.control}
            name="useEnvironment"
            label="Forget the stored URL and use the environment's SMTP_URL (if any)"
          />
        )}
        <div className="app-form-grid">
          <FormTextField
            control={form.control}
            name="from"
            label="From"
            placeholder="Acme Billing <billing@acme.example>"
            hint="The sender customers see."
          />
          <FormTextField
            control={form.control}
            name="replyTo"
            label="Reply-To"
            placeholder="ar@acme.example"
            hint="Optional: where customers' replies go."
          />
        </div>
        <div className="app-form-actions">
          <Button
            onClick={() => form.reset()}
            disabled={!form.formState.isDirty || form.formState.isSubmitting}
          >
            Undo
          </Button>
          <SubmitButton>Save</SubmitButton>
        </div>
      </Card>
    </Form>
  );
}
