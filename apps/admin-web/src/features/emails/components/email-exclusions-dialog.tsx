import { Button, Dialog, useToast } from '@settle/ui';

import { Form, FormCheckboxGroupField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  EXCLUDABLE_CATEGORIES,
  emailExclusionsInputSchema,
  useUpdateEmailExclusions,
} from '../api/update-email-exclusions';
import type { ExcludableCategory } from '../api/types';

export const EXCLUSION_LABELS: Record<ExcludableCategory, string> = {
  receipts: 'Receipts (payments made, failed, scheduled, refunded or returned)',
  notices: 'Notices (new invoices, due and past-due reminders, expiring payment methods)',
  statements: 'Statements (account summaries)',
};

export const EXCLUSION_SHORT_LABELS: Record<ExcludableCategory, string> = {
  receipts: 'receipts',
  notices: 'notices',
  statements: 'statements',
};

/** The automated email categories this organization does not get (checked = not sent). */
export function EmailExclusionsDialog({
  organizationId,
  excluded,
  onClose,
}: {
  organizationId: string;
  excluded: ExcludableCategory[];
  onClose: () => void;
}) {
  const toast = useToast();
  const form = useProblemForm({
    schema: emailExclusionsInputSchema,
    defaultValues: { categories: excluded },
    fieldFor: (field) => (field.startsWith('categories') ? 'categories' : null),
  });
  const save = useUpdateEmailExclusions({
    mutationConfig: {
      onSuccess: ({ categories }) => {
        toast.show({
          title: 'Email exclusions saved',
          message: categories.length
            ? `Not sent from now on: ${categories.map((c) => EXCLUSION_SHORT_LABELS[c]).join(', ')}.`
            : 'Every automated email is sent.',
        });
        onClose();
      },
    },
  });
  return (
    <Dialog open title="Email exclusions" onClose={onClose}>
      <Form
        form={form}
        onSubmit={({ categories }) => save.mutateAsync({ organizationId, categories })}
        aria-label="Email exclusions"
      >
        <FormCheckboxGroupField
          control={form.control}
          name="categories"
          legend="Do not send these automated emails"
          options={EXCLUDABLE_CATEGORIES.map((c) => ({ value: c, label: EXCLUSION_LABELS[c] }))}
        />
        <p className="ui-muted app-note-text">
          Excluded emails are still recorded in the history, as skipped. Portal invitations and
          password resets are always sent.
        </p>
        <div className="app-form-actions">
          <Button onClick={onClose} disabled={form.formState.isSubmitting}>
            Cancel
          </Button>
          <SubmitButton>Save</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
