import { ComingSoon } from '@/components/coming-soon';

export default function StatementsRoute() {
  return <ComingSoon title="Statements" text="Downloadable account statements are coming soon." />;
}
