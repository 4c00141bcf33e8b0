import { Card } from '@settle/ui';
import type { ReactNode } from 'react';

import { useBranding } from '@/features/branding/api/get-branding';

/** The signed-out pages' frame: the MSP's logo and name above a card. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const branding = useBranding();
  const mspName = branding.data?.mspName;
  return (
    <div className="portal-auth">
      <Card className="portal-auth__card">
        <div className="portal-auth__brand">
          {branding.data?.logoDataUrl && (
            <img src={branding.data.logoDataUrl} alt={mspName ? `${mspName} logo` : 'Logo'} />
          )}
          {mspName && <p className="ui-muted">{mspName}</p>}
          <h1>{title}</h1>
        </div>
        {children}
      </Card>
    </div>
  );
}
