import { formatDate, formatMoney } from '@settle/ui';
import { useFormContext } from 'react-hook-form';

import type { InvoiceResponseDto } from '@/api/invoices/types';
import { FormMoneyField } from '@/components/form';
import { useMsp } from '@/lib/msp-context';

import type { PayFormValues } from '../api/create-payment';

/** Pay flow, details step: the chosen invoices, each with the amount to pay (its open balance to start). */
export function PayInvoicesTable({ invoices }: { invoices: readonly InvoiceResponseDto[] }) {
  const { timeZone } = useMsp();
  const { control } = useFormContext<PayFormValues>();
  return (
    <>
      <h3 className="app-subheading">Invoices</h3>
      <table className="ui-table app-pay-table" aria-label="Invoices to pay">
        <thead>
          <tr>
            <th scope="col">Invoice #</th>
            <th scope="col">Due date</th>
            <th scope="col" style={{ textAlign: 'right' }}>
              Open balance
            </th>
            <th scope="col" style={{ textAlign: 'right' }}>
              Amount to pay
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((inv, i) => (
            <tr key={inv.id}>
              <td>
                {inv.number}
                {inv.pastDue && (
                  <>
                    {' '}
                    <span className="ui-badge ui-badge--danger">Past due</span>
                  </>
                )}
              </td>
              <td>{formatDate(inv.dueDate, timeZone)}</td>
              <td style={{ textAlign: 'right' }}>{formatMoney(inv.openBalance, inv.currency)}</td>
              <td style={{ textAlign: 'right' }}>
                <FormMoneyField
                  control={control}
                  name={`allocations.${i}.amount`}
                  label={`Amount for ${inv.number}`}
                  currency={inv.currency}
                  className="app-amount-field"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
