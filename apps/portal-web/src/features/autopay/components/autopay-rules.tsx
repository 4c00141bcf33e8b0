import { isApiError } from '@settle/api-client';
import { Button, ConfirmDialog, EmptyState, ErrorState, LoadingState, useToast } from '@settle/ui';
import { useState } from 'react';

import { usePaymentMethods } from '@/api/payment-methods';
import { problemMessage } from '@/lib/problem';

import {
  useAutopayRules,
  useDeleteAutopayRule,
  useOrganizationCurrency,
  type AutopayRule,
} from '../api/autopay-rules';

import { AutopayRuleDialog } from './autopay-rule-dialog';
import { ruleWords } from './rule-words';

/**
 * The organization's AutoPay rules in plain words, in the order they are tried. With
 * manageAutopay a contact adds, changes and deletes unlocked rules; locked ones (set by the
 * provider) and everything without the right are read-only.
 */
export function AutopayRules({
  organizationId,
  canManage,
  canSeeMethods,
  canSeeBalance,
}: {
  organizationId: string;
  canManage: boolean;
  /** pay or manageMethods: the methods list answers, so rules name their method. */
  canSeeMethods: boolean;
  /** viewInvoices: the balance answers, and tells the organization's currency. */
  canSeeBalance: boolean;
}) {
  const toast = useToast();
  const rules = useAutopayRules({ organizationId });
  const methods = usePaymentMethods({ organizationId, enabled: canSeeMethods });
  const currency = useOrganizationCurrency({ organizationId, enabled: canSeeBalance });
  const remove = useDeleteAutopayRule(organizationId);
  const [editing, setEditing] = useState<AutopayRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AutopayRule | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const methodList = methods.data?.data;

  const confirmDelete = () => {
    const rule = deleting;
    if (!rule) return;
    setProblem(null);
    remove.mutate(rule.id, {
      onSuccess: () =>
        toast.show({ title: `Rule ${rule.position} was deleted`, variant: 'success' }),
      onError: (error) =>
        setProblem(
          isApiError(error) && error.status === 409
            ? `Rule ${rule.position} was kept: your provider has locked it. (${error.detail})`
            : `Rule ${rule.position} was not deleted: ${problemMessage(error)}`,
        ),
      onSettled: () => setDeleting(null),
    });
  };

  if (rules.isPending) return <LoadingState label="Loading AutoPay rules…" />;
  if (rules.isError) {
    return (
      <ErrorState title="Could not load AutoPay rules" message={problemMessage(rules.error)} />
    );
  }

  const addButton = canManage && (
    <div className="portal-actions portal-actions--start">
      <Button variant="primary" onClick={() => setEditing('new')}>
        Add AutoPay rule
      </Button>
    </div>
  );

  return (
    <>
      <p className="portal-intro">
        AutoPay pays your invoices on their own with a saved payment method. The rules are tried in
        order; the first one that fits an invoice pays it, once.
      </p>
      {problem && (
        <p role="alert" className="ui-alert ui-alert--error">
          {problem}
        </p>
      )}
      {rules.data.data.length === 0 ? (
        <EmptyState
          title="No AutoPay rules"
          text={
            canManage
              ? 'Nothing is paid automatically. Add a rule to pay invoices when they fall due.'
              : 'Nothing is paid automatically.'
          }
        />
      ) : (
        <div className="ui-card">
          <ul className="portal-list" aria-label="AutoPay rules">
            {rules.data.data.map((rule) => {
              const words = ruleWords(rule, methodList, currency);
              return (
                <li key={rule.id} className="portal-row portal-row--wrap">
                  <span className="portal-row__main">
                    <span className="portal-row__title">
                      Rule {rule.position}
                      {!rule.enabled && <span className="ui-badge">Off</span>}
                      {rule.locked && (
                        <span className="ui-badge portal-badge--info">Set by your provider</span>
                      )}
                      {rule.enabled && !rule.valid && (
                        <span className="ui-badge ui-badge--danger">Cannot pay</span>
                      )}
                    </span>
                    <span>{words.sentence}</span>
                    {words.limits.map((l) => (
                      <span key={l} className="portal-row__meta">
                        {l}
                      </span>
                    ))}
                    {rule.problems.map((p) => (
                      <span key={p.code} className="portal-row__meta portal-text-danger">
                        {p.message}
                      </span>
                    ))}
                    {rule.locked && canManage && (
                      <span className="portal-row__meta">
                        Only your provider can change or delete this rule.
                      </span>
                    )}
                  </span>
                  {canManage && !rule.locked && (
                    <span className="portal-row__buttons">
                      <Button
                        size="sm"
                        onClick={() => setEditing(rule)}
                        aria-label={`Change rule ${rule.position}`}
                      >
                        Change
                      </Button>
                      <Button
                        size="sm"
                        variant="danger"
                        onClick={() => setDeleting(rule)}
                        aria-label={`Delete rule ${rule.position}`}
                      >
                        Delete
                      </Button>
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {addButton}
      {editing && (
        <AutopayRuleDialog
          organizationId={organizationId}
          rule={editing === 'new' ? null : editing}
          methods={methodList ?? []}
          currency={currency}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete AutoPay rule"
        message={
          deleting &&
          `Delete rule ${deleting.position}? ${ruleWords(deleting, methodList, currency).sentence} Invoices it would pay are no longer paid by it.`
        }
        confirmLabel="Delete rule"
        danger
        pending={remove.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}
