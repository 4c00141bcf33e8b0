import { isApiError } from '@settle/api-client';
import {
  Button,
  Card,
  CheckboxField,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  Skeleton,
  useToast,
} from '@settle/ui';
import { useState } from 'react';

import { usePaymentMethods } from '@/api/payment-methods/get-payment-methods';
import { useMsp } from '@/lib/msp-context';

import { useAutopayRules } from '../api/get-autopay-rules';
import {
  useDeleteAutopayRule,
  useOrderAutopayRules,
  useUpdateAutopayRule,
} from '../api/save-autopay-rule';
import type { AutopayRuleDto } from '../api/types';

import { AutopayRuleDialog } from './autopay-rule-dialog';
import { ruleSummary } from './rule-summary';

/**
 * An organization's AutoPay rules in the order they are tried (seed 000 "AutoPay"): the first
 * enabled, valid rule that matches an invoice charges it. Add, change, reorder, switch off, lock
 * against portal changes, delete.
 */
export function AutopayRules({ organizationId }: { organizationId: string }) {
  const { user, currency } = useMsp();
  const canEdit = user.role !== 'viewer';
  const toast = useToast();
  const rules = useAutopayRules({ organizationId });
  const methods = usePaymentMethods({ organizationId });
  const [editing, setEditing] = useState<AutopayRuleDto | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AutopayRuleDto | null>(null);

  const onError = (title: string) => (err: Error) =>
    toast.show({ title, message: isApiError(err) ? err.detail : undefined, variant: 'error' });
  const update = useUpdateAutopayRule({
    organizationId,
    mutationConfig: { onError: onError('Could not change the rule') },
  });
  const order = useOrderAutopayRules({
    organizationId,
    mutationConfig: { onError: onError('Could not reorder the rules') },
  });
  const remove = useDeleteAutopayRule({
    organizationId,
    mutationConfig: {
      onSuccess: () => {
        toast.show({ title: 'AutoPay rule deleted' });
        setDeleting(null);
      },
      onError: (err) => {
        setDeleting(null);
        onError('Could not delete the rule')(err);
      },
    },
  });

  const list = rules.data?.data ?? [];
  const move = (index: number, by: -1 | 1) => {
    const ids = list.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + by, 0, id);
    order.mutate({ organizationId, ruleIds: ids });
  };
  const busy = update.isPending || order.isPending;

  let body;
  if (rules.isError) {
    body = (
      <ErrorState
        message={isApiError(rules.error) ? rules.error.detail : 'Could not load the AutoPay rules.'}
        requestId={isApiError(rules.error) ? rules.error.requestId : null}
        action={<Button onClick={() => void rules.refetch()}>Try again</Button>}
      />
    );
  } else if (rules.isPending) {
    body = (
      <div className="app-autopay-rules" role="status" aria-label="Loading AutoPay rules">
        <Skeleton height={56} />
        <Skeleton height={56} />
      </div>
    );
  } else if (list.length === 0) {
    body = (
      <EmptyState
        bare
        title="No AutoPay rules"
        text="Without a rule, Settle charges none of this organization's invoices automatically. Add a rule to charge invoices on their due date, or on a day of the month."
      />
    );
  } else {
    body = (
      <ol className="app-autopay-rules" aria-label="AutoPay rules, in the order they are tried">
        {list.map((rule, index) => (
          <li key={rule.id} className="app-autopay-rule">
            <div className="app-autopay-rule__head">
              <span className="app-autopay-rule__position" aria-label={`Rule ${rule.position}`}>
                {rule.position}
              </span>
              <p className="app-autopay-rule__summary">
                {ruleSummary(rule, methods.data?.data, currency)}
              </p>
            </div>
            <div className="app-flags">
              {!rule.enabled && <span className="ui-badge">Disabled</span>}
              {rule.locked && <span className="ui-badge">Locked</span>}
              {!rule.valid && <span className="ui-badge ui-badge--danger">Cannot charge</span>}
            </div>
            {rule.problems.length > 0 && (
              <ul
                className="app-autopay-rule__problems"
                aria-label={`Problems of rule ${rule.position}`}
              >
                {rule.problems.map((p) => (
                  <li key={p.code}>{p.message}</li>
                ))}
              </ul>
            )}
            {canEdit && (
              <div className="app-autopay-rule__actions">
                {/* the API's PATCH schema lists both flags as required */}
                <CheckboxField
                  label="Enabled"
                  checked={rule.enabled}
                  disabled={busy}
                  onChange={(e) =>
                    update.mutate({
                      id: rule.id,
                      data: { enabled: e.target.checked, locked: rule.locked },
                    })
                  }
                />
                <CheckboxField
                  label="Locked"
                  checked={rule.locked}
                  disabled={busy}
                  onChange={(e) =>
                    update.mutate({
                      id: rule.id,
                      data: { locked: e.target.checked, enabled: rule.enabled },
                    })
                  }
                />
                <span className="app-toolbar__spacer" />
                <Button
                  size="sm"
                  disabled={busy || index === 0}
                  aria-label={`Move rule ${rule.position} up`}
                  onClick={() => move(index, -1)}
                >
                  ↑ Up
                </Button>
                <Button
                  size="sm"
                  disabled={busy || index === list.length - 1}
                  aria-label={`Move rule ${rule.position} down`}
                  onClick={() => move(index, 1)}
                >
                  ↓ Down
                </Button>
                <Button
                  size="sm"
                  aria-label={`Change rule ${rule.position}`}
                  onClick={() => setEditing(rule)}
                >
                  Change
                </Button>
                <Button
                  size="sm"
                  variant="danger"
                  aria-label={`Delete rule ${rule.position}`}
                  onClick={() => setDeleting(rule)}
                >
                  Delete
                </Button>
              </div>
            )}
          </li>
        ))}
      </ol>
    );
  }

  return (
    <>
      <Card
        title="AutoPay"
        actions={
          canEdit && (
            <Button variant="primary" size="sm" onClick={() => setEditing('new')}>
              Add rule
            </Button>
          )
        }
      >
        {list.length > 1 && (
          <p className="ui-muted app-autopay-note">
            Rules are tried in this order; the first enabled rule that matches an invoice charges
            it.
          </p>
        )}
        {body}
      </Card>
      <AutopayRuleDialog
        open={editing !== null}
        organizationId={organizationId}
        rule={editing === 'new' ? null : editing}
        methods={methods.data?.data ?? []}
        currency={currency}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={!!deleting}
        title="Delete AutoPay rule"
        message={
          deleting
            ? `Rule ${deleting.position} (“${ruleSummary(deleting, methods.data?.data, currency)}”) will be deleted; the rules after it move up.`
            : ''
        }
        confirmLabel="Delete rule"
        danger
        pending={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </>
  );
}
