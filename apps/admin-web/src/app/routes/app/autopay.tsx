import { ComingSoon } from '@/components/coming-soon';

export default function AutoPayRoute() {
  return (
    <ComingSoon
      title="AutoPay"
      text="AutoPay rules and approvals arrive with the payments module."
    />
  );
}
