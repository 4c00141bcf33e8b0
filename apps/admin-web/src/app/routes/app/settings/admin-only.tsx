import { EmptyState } from '@settle/ui';
import type { ReactNode } from 'react';

import { useMsp } from '@/lib/msp-context';

export function AdminOnly({ children }: { children: ReactNode }) {
  const { isAdmin } = useMsp();
  if (!isAdmin) {
    return (
      <EmptyState
        title="Administrators only"
        text="Ask an administrator of your MSP if you need access to this section."
      />
    );
  }
  return <>{children}</>;
}
