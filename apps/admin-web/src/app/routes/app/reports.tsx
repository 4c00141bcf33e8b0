import { NotAvailable } from '@/components/not-available';

export default function ReportsRoute() {
  return <NotAvailable title="Reports" text="Reports are not available yet." />;
}
