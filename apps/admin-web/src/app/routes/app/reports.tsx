import { PageHeader } from '@settle/ui';
import { Link, useSearchParams } from 'react-router';

import { AgingReport } from '@/features/reports/components/aging-report';
import { AutopayReport } from '@/features/reports/components/autopay-report';
import { MethodsReport } from '@/features/reports/components/methods-report';
import { MonthlyReport } from '@/features/reports/components/monthly-report';
import { PortalLoginsReport } from '@/features/reports/components/portal-logins-report';
import { TransactionsReport } from '@/features/reports/components/transactions-report';

const REPORTS = [
  { key: 'aging', label: 'Aging', render: () => <AgingReport /> },
  { key: 'transactions', label: 'Transactions', render: () => <TransactionsReport /> },
  { key: 'collected', label: 'Collected vs due', render: () => <MonthlyReport view="collected" /> },
  { key: 'dso', label: 'DSO', render: () => <MonthlyReport view="dso" /> },
  { key: 'autopay', label: 'AutoPay', render: () => <AutopayReport /> },
  { key: 'methods', label: 'Payment methods', render: () => <MethodsReport /> },
  { key: 'portal', label: 'Portal logins', render: () => <PortalLoginsReport /> },
] as const;

export default function ReportsRoute() {
  const [searchParams] = useSearchParams();
  const current = REPORTS.find((r) => r.key === searchParams.get('report')) ?? REPORTS[0];
  return (
    <>
      <PageHeader title="Reports" />
      <nav aria-label="Reports" className="app-tabs app-report-tabs">
        {REPORTS.map((r) => (
          <Link
            key={r.key}
            to={r.key === 'aging' ? '/reports' : `/reports?report=${r.key}`}
            aria-current={r.key === current.key ? 'page' : undefined}
            className={r.key === current.key ? 'app-tab app-tab--active' : 'app-tab'}
          >
            {r.label}
          </Link>
        ))}
      </nav>
      {current.render()}
    </>
  );
}
