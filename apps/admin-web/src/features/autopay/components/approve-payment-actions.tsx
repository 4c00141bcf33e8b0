import { isApiError } from '@settle/api-client';
import { Button, ConfirmDialog, formatMoney, useToast } from '@settle/ui';
import { useState } from 'react';

import { newIdempotencyKey } from '@/lib/idempotency-key';

import { useDecideAutopayApprovals, type ApprovalDecision } from '../api/autopay-approvals';

/** Approve (charge now) or reject (cancel) one AutoPay payment waiting for approval. */
export function ApprovePaymentActions({
  payment,
}: {
  payment: { id: string; number: string; total: number; currency: string };
}) {
  const toast = useToast();
  const [decision, setDecision] = useState<ApprovalDecision | null>(null);
  // one key per confirmation dialog: a retried confirmation charges nothing twice
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const confirm = (chosen: ApprovalDecision) => {
    setIdempotencyKey(newIdempotencyKey());
    setDecision(chosen);
  };
  const total = formatMoney(payment.total, payment.currency);
  const decide = useDecideAutopayApprovals({
    mutationConfig: {
      onSuccess: (result, { decision: done }) => {
        setDecision(null);
        const r = result.data[0];
        if (r?.ok)
          toast.show({
            title:
              done === 'reject'
                ? `${payment.number} rejected`
                : r.status === 'failed'
                  ? `${payment.number} approved, and the charge was declined`
                  : `${payment.number} approved`,
          });
        else
          toast.show({
            title: `${payment.number} was not ${done === 'approve' ? 'approved' : 'rejected'}`,
            message: r?.error ?? undefined,
            variant: 'error',
          });
      },
      onError: (err) => {
        setDecision(null);
        toast.show({
          title: 'Nothing was changed',
          message: isApiError(err) ? err.detail : 'Could not reach the server.',
          variant: 'error',
        });
      },
    },
  });
  return (
    <>
      <Button size="sm" variant="primary" onClick={() => confirm('approve')}>
        Approve
      </Button>
      <Button size="sm" variant="danger" onClick={() => confirm('reject')}>
        Reject
      </Button>
      <ConfirmDialog
        open={decision !== null}
        title={decision === 'approve' ? `Approve ${payment.number}` : `Reject ${payment.number}`}
        message={
          decision === 'approve'
            ? `${total} will be charged now to the payment method.`
            : `${payment.number} (${total}) will be cancelled and not charged; the invoices stay open.`
        }
        confirmLabel={decision === 'approve' ? `Approve and charge ${total}` : 'Reject payment'}
        danger={decision === 'reject'}
        pending={decide.isPending}
        onCancel={() => setDecision(null)}
        onConfirm={() =>
          decision && decide.mutate({ decision, idempotencyKey, paymentIds: [payment.id] })
        }
      />
    </>
  );
}
