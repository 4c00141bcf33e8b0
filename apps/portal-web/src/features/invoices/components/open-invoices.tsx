import {
  Button,
  currencyFractionDigits,
  EmptyState,
  ErrorState,
  formatDate,
  formatMoney,
  LoadingState,
  minorToInput,
  MoneyField,
  parseMoneyInput,
} from '@settle/ui';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { usePayableInvoices, type PortalInvoice } from '@/api/invoices';
import { paths, type PayAllocation } from '@/config/paths';
import { problemMessage } from '@/lib/problem';

/** The typed amount of a selected invoice, as minor units or why it cannot be paid. */
function amountOf(text: string, invoice: PortalInvoice): { minor?: number; error?: string } {
  const parsed = parseMoneyInput(text, currencyFractionDigits(invoice.currency));
  if (!parsed.ok) return { error: parsed.error };
  if (parsed.minor <= 0) return { error: 'Enter an amount greater than zero' };
  if (parsed.minor > invoice.openBalance) {
    return {
      error: `Cannot be more than the open balance of ${formatMoney(invoice.openBalance, invoice.currency)}`,
    };
  }
  return { minor: parsed.minor };
}

/**
 * The invoices the organization can pay now. With `canPay`, each can be selected and paid in
 * full or in part (the amount starts at the open balance); Pay goes to the pay flow with them.
 * `initial` restores a selection coming back from the pay flow.
 */
export function OpenInvoices({
  organizationId,
  canPay,
  initial,
}: {
  organizationId: string;
  canPay: boolean;
  initial: readonly PayAllocation[];
}) {
  const invoices = usePayableInvoices({ organizationId });
  // selected invoice id → the amount text typed for it
  const [selected, setSelected] = useState<Map<string, string>>(() => new Map());
  const [restored, setRestored] = useState(false);
  const navigate = useNavigate();
  const rows = useMemo(() => invoices.data?.data ?? [], [invoices.data]);

  if (!restored && invoices.isSuccess) {
    setRestored(true);
    if (canPay && initial.length) {
      const next = new Map<string, string>();
      for (const a of initial) {
        const invoice = rows.find((i) => i.id === a.invoiceId);
        if (invoice)
          next.set(invoice.id, minorToInput(a.amount, currencyFractionDigits(invoice.currency)));
      }
      setSelected(next);
    }
  }

  if (invoices.isPending) return <LoadingState label="Loading your invoices…" />;
  if (invoices.isError) {
    return (
      <ErrorState title="Could not load your invoices" message={problemMessage(invoices.error)} />
    );
  }
  if (rows.length === 0) {
    return <EmptyState title="No open invoices" text="You have nothing to pay right now." />;
  }

  const toggle = (invoice: PortalInvoice, on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (on)
        next.set(
          invoice.id,
          minorToInput(invoice.openBalance, currencyFractionDigits(invoice.currency)),
        );
      else next.delete(invoice.id);
      return next;
    });

  const chosen = rows.filter((i) => selected.has(i.id));
  const checked = chosen.map((invoice) => ({
    invoice,
    ...amountOf(selected.get(invoice.id)!, invoice),
  }));
  const valid = checked.every((c) => c.minor !== undefined);
  const currencies = new Set(chosen.map((i) => i.currency));
  const currency = chosen[0]?.currency ?? rows[0]!.currency;
  const total = checked.reduce((sum, c) => sum + (c.minor ?? 0), 0);
  const allSelected = chosen.length === rows.length;

  const pay = () =>
    navigate(
      paths.app.pay.getHref(checked.map((c) => ({ invoiceId: c.invoice.id, amount: c.minor! }))),
    );

  const more = (invoices.data?.total ?? 0) - rows.length;
  return (
    <div className="portal-stack">
      {more > 0 && (
        <p className="ui-muted">
          Showing the {rows.length} invoices due soonest; {more} more are open. Pay these first to
          see the rest.
        </p>
      )}
      <div className="ui-card">
        {canPay && (
          <div className="portal-select-all">
            <div className="ui-checkbox">
              <input
                id="select-all-invoices"
                type="checkbox"
                checked={allSelected}
                onChange={(e) =>
                  setSelected(
                    e.target.checked
                      ? new Map(
                          rows.map((i) => [
                            i.id,
                            minorToInput(i.openBalance, currencyFractionDigits(i.currency)),
                          ]),
                        )
                      : new Map(),
                  )
                }
              />
              <label htmlFor="select-all-invoices">Select all</label>
            </div>
          </div>
        )}
        <ul className="portal-list" aria-label="Open invoices">
          {rows.map((invoice) => {
            const isSelected = selected.has(invoice.id);
            const check = checked.find((c) => c.invoice.id === invoice.id);
            return (
              <li
                key={invoice.id}
                className="portal-invoice"
                data-selected={isSelected || undefined}
              >
                <div className="portal-row">
                  {canPay && (
                    <input
                      type="checkbox"
                      className="portal-invoice__check"
                      aria-label={`Pay invoice ${invoice.number}`}
                      checked={isSelected}
                      onChange={(e) => toggle(invoice, e.target.checked)}
                    />
                  )}
                  <span className="portal-row__main">
                    <Link className="portal-row__title" to={paths.app.invoice.getHref(invoice.id)}>
                      Invoice {invoice.number}
                    </Link>
                    <span className="portal-row__meta">
                      Due {formatDate(invoice.dueDate)}
                      {invoice.pastDue && (
                        <>
                          {' '}
                          <span className="ui-badge ui-badge--danger">Past due</span>
                        </>
                      )}
                    </span>
                  </span>
                  <span className="portal-row__side">
                    <span className="portal-row__amount">
                      {formatMoney(invoice.openBalance, invoice.currency)}
                    </span>
                    {invoice.openBalance !== invoice.total && (
                      <span className="portal-row__meta">
                        of {formatMoney(invoice.total, invoice.currency)}
                      </span>
                    )}
                  </span>
                </div>
                {isSelected && (
                  <MoneyField
                    className="portal-invoice__amount"
                    label={`Amount to pay on invoice ${invoice.number}`}
                    currency={invoice.currency}
                    value={selected.get(invoice.id)}
                    onChange={(e) =>
                      setSelected((prev) => new Map(prev).set(invoice.id, e.target.value))
                    }
                    error={check?.error}
                  />
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {canPay ? (
        <div className="portal-paybar">
          <span aria-live="polite">
            {chosen.length === 0
              ? 'Select the invoices to pay.'
              : `${chosen.length} selected · ${formatMoney(total, currency)}`}
          </span>
          {currencies.size > 1 && (
            <span className="portal-text-danger">Pay invoices of one currency at a time.</span>
          )}
          <Button
            variant="primary"
            disabled={chosen.length === 0 || !valid || currencies.size > 1}
            onClick={pay}
          >
            Pay
          </Button>
        </div>
      ) : (
        <p className="ui-muted">
          Your access lets you view these invoices; paying them is not part of it.
        </p>
      )}
    </div>
  );
}
