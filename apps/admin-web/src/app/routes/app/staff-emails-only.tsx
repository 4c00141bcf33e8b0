import { EmptyState } from '@settle/ui';
import type { ReactNode } from 'react';

import { useMsp } from '@/lib/msp-context';

/** Emails carry customers' statements and links: administrators and billing staff only. */
export function StaffEmailsOnly({ children }: { children: ReactNode }) {
  const { user } = useMsp();
  if (user.role === 'viewer') {
    return (
      <EmptyState
        title="Emails are for administrators and billing staff"
        text="Ask an administrator of your MSP if you need to see what was sent to a customer."
      />
    );
  }
  return <>{children}</>;
}
