import { ComingSoon } from '@/components/coming-soon';

export default function BalanceRoute() {
  return (
    <ComingSoon
      title="Balance"
      text="Your balance, past due amount and next payment will show here once customer sign-in is available."
    />
  );
}
