import { Button, Dialog, formatMoney, useToast } from '@settle/ui';
import { useState } from 'react';

import { Form, FormTextAreaField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  closeAchReturnsInputSchema,
  useCloseAchReturns,
  type CloseAction,
} from '../api/close-ach-returns';
import type { AchReturnDto } from '../api/types';

const COPY: Record<CloseAction, { title: string; button: string; warning: string; done: string }> =
  {
    resolve: {
      title: 'Resolve ACH returns',
      button: 'Resolve',
      warning:
        'Resolving is final: the return is closed with your note and cannot be reopened. Record what was done (for example, the customer paid by card).',
      done: 'resolved',
    },
    dismiss: {
      title: 'Dismiss ACH returns',
      button: 'Dismiss',
      warning:
        'Dismissing is final and cannot be undone. Settle does not change your accounting package: adjust the invoice and the payment there by hand.',
      done: 'dismissed',
    },
  };

export function CloseAchReturnsDialog({
  action,
  returns,
  onClose,
  onDone,
}: {
  action: CloseAction | null;
  returns: AchReturnDto[];
  onClose: () => void;
  onDone: (closedIds: string[]) => void;
}) {
  return (
    <Dialog open={!!action} title={action ? COPY[action].title : ''} onClose={onClose}>
      {action && <CloseForm action={action} returns={returns} onClose={onClose} onDone={onDone} />}
    </Dialog>
  );
}

function CloseForm({
  action,
  returns,
  onClose,
  onDone,
}: {
  action: CloseAction;
  returns: AchReturnDto[];
  onClose: () => void;
  onDone: (closedIds: string[]) => void;
}) {
  const toast = useToast();
  const copy = COPY[action];
  const form = useProblemForm({ schema: closeAchReturnsInputSchema, defaultValues: { note: '' } });
  const [failures, setFailures] = useState<{ id: string; message: string }[]>([]);
  const close = useCloseAchReturns({
    mutationConfig: {
      onSuccess: ({ closed, failed }) => {
        onDone(closed.map((r) => r.id));
        if (closed.length) {
          toast.show({
            title: `${closed.length} ACH ${closed.length === 1 ? 'return' : 'returns'} ${copy.done}`,
          });
        }
        if (failed.length) setFailures(failed);
        else onClose();
      },
    },
  });
  const byId = new Map(returns.map((r) => [r.id, r]));

  /** Tries the returns that failed last time, or all of them the first time. */
  const submit = ({ note }: { note: string }) => {
    const ids = failures.length ? failures.map((f) => f.id) : returns.map((r) => r.id);
    setFailures([]);
    return close.mutateAsync({ ids, action, note });
  };

  return (
    <Form form={form} onSubmit={submit} aria-label={copy.title}>
      <div className="ui-alert ui-alert--warning" role="note">
        {copy.warning}
      </div>
      {failures.length > 0 && (
        <div className="ui-alert ui-alert--error" role="alert">
          Some returns could not be {copy.done}:
          <ul>
            {failures.map((f) => (
              <li key={f.id}>
                {byId.get(f.id)?.paymentNumber ?? f.id}: {f.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ul className="app-plain-list app-close-list" aria-label="Selected returns">
        {returns.map((r) => (
          <li key={r.id}>
            <strong>{r.paymentNumber}</strong> · {r.organizationName} · {r.returnCode} ·{' '}
            {formatMoney(r.amount, r.currency)}
          </li>
        ))}
      </ul>
      <FormTextAreaField
        control={form.control}
        name="note"
        label="Note"
        maxLength={1000}
        hint="Required. Kept with the return for the audit trail."
      />
      <div className="app-form-actions">
        <Button onClick={onClose} disabled={form.formState.isSubmitting}>
          Cancel
        </Button>
        <SubmitButton variant={action === 'dismiss' ? 'danger' : 'primary'}>
          {failures.length ? `${copy.button} again` : copy.button}
        </SubmitButton>
      </div>
    </Form>
  );
}
