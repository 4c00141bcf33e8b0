import { ComingSoon } from '@/components/coming-soon';

export default function AutoPayRoute() {
  return (
    <ComingSoon
      title="AutoPay"
      text="Paying invoices automatically when they are issued or due is coming soon."
    />
  );
}
