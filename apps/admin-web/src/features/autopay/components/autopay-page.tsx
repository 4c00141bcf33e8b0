import { PageHeader } from '@settle/ui';
import { useState } from 'react';

import { useMsp } from '@/lib/msp-context';

import { ApprovalsQueue } from './approvals-queue';
import { AutopayRunsList } from './autopay-runs-list';
import { RetrySettings } from './retry-settings';
import { RunNowButton, RunProgress } from './run-now';

/** The AutoPay page (menu): charges waiting for approval, the run history, Run now (admins). */
export function AutopayPage() {
  const { isAdmin } = useMsp();
  const [runId, setRunId] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="AutoPay"
        actions={isAdmin && !runId && <RunNowButton onStarted={setRunId} />}
      />
      <div className="app-stack">
        {runId && <RunProgress key={runId} runId={runId} onClose={() => setRunId(null)} />}
        <ApprovalsQueue />
        <AutopayRunsList />
        <RetrySettings />
      </div>
    </>
  );
}
