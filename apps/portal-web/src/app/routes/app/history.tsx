import { ComingSoon } from '@/components/coming-soon';

export default function HistoryRoute() {
  return (
    <ComingSoon title="History" text="Your paid invoices and past payments are coming soon." />
  );
}
