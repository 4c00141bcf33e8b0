import { PageHeader } from '@settle/ui';

import { AgingReport } from '@/features/reports/components/aging-report';

export default function ReportsRoute() {
  return (
    <>
      <PageHeader title="Reports" />
      <AgingReport />
    </>
  );
}
