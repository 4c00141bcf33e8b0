import { NotAvailable } from '@/components/not-available';

export default function AutoPayRoute() {
  return (
    <NotAvailable
      title="AutoPay"
      text="Settle cannot charge invoices automatically yet: there are no AutoPay rules or approvals. To collect later, schedule a payment or split it into installments from an organization's Open Invoices."
    />
  );
}
