import { ComingSoon } from '@/components/coming-soon';

export default function ReportsRoute() {
  return (
    <ComingSoon title="Reports" text="Aging, payments and A/R reports arrive with the A/R core." />
  );
}
