import { ComingSoon } from '@/components/coming-soon';

export default function PaymentsRoute() {
  return (
    <ComingSoon
      title="Payments"
      text="Payments arrive with the payments module: take, schedule and refund payments, and follow their sync to accounting."
    />
  );
}
