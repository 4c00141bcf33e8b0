import { Button, Card, Dialog, formatDateTime } from '@settle/ui';
import { useState } from 'react';

import { problemMessage } from '@/lib/problem';

import { receiptHtmlUrl, usePaymentReceipts } from '../api/payments';
import type { Payment, PaymentReceipt } from '../api/types';

/** A payment charged in the last ten minutes may still be waiting for its receipt. */
const RECEIPT_WAIT_MS = 10 * 60_000;

function receiptState(receipt: PaymentReceipt): string {
  const to = receipt.to.join(', ');
  switch (receipt.status) {
    case 'sent':
      return `Emailed to ${to} on ${formatDateTime(receipt.sentAt ?? receipt.createdAt)}`;
    case 'queued':
      return `Being emailed to ${to}`;
    case 'failed':
      return `Could not be emailed to ${to}`;
    case 'skipped':
      return to ? `Not emailed to ${to}` : 'Not emailed: nobody here receives receipts';
  }
}

/** The payment's receipts: who each went to, and the receipt itself as it was emailed. */
export function PaymentReceipts({
  organizationId,
  payment,
}: {
  organizationId: string;
  payment: Payment;
}) {
  const processedAt = payment.processedAt ? Date.parse(payment.processedAt) : 0;
  const receipts = usePaymentReceipts({
    expectReceipt: payment.status === 'succeeded' && Date.now() - processedAt < RECEIPT_WAIT_MS,
    organizationId,
    paymentId: payment.id,
  });
  const [open, setOpen] = useState<PaymentReceipt | null>(null);

  if (receipts.isPending) return null;
  if (receipts.isError) {
    return (
      <Card title="Receipt">
        <p className="portal-text-danger">
          Could not load the receipt: {problemMessage(receipts.error)}
        </p>
      </Card>
    );
  }
  if (receipts.data.length === 0) {
    // nothing to show until the payment is charged; a fresh one says its receipt is coming
    return payment.status === 'succeeded' ? (
      <Card title="Receipt">
        <p className="ui-muted">The receipt is being written.</p>
      </Card>
    ) : null;
  }
  return (
    <Card title="Receipt" flush>
      <ul className="portal-list" aria-label="Receipts">
        {receipts.data.map((receipt) => (
          <li key={receipt.id} className="portal-row">
            <span className="portal-row__main">
              <span className="portal-row__title">{receipt.subject}</span>
              <span className="portal-row__meta">{receiptState(receipt)}</span>
            </span>
            <Button size="sm" onClick={() => setOpen(receipt)}>
              View receipt
            </Button>
          </li>
        ))}
      </ul>
      <Dialog open={open !== null} title="Receipt" onClose={() => setOpen(null)}>
        {open && (
          <iframe
            className="portal-receipt-frame"
            title={`Receipt: ${open.subject}`}
            sandbox=""
            src={receiptHtmlUrl(organizationId, payment.id, open.id)}
          />
        )}
      </Dialog>
    </Card>
  );
}
