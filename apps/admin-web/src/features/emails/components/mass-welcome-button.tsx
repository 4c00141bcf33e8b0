import { Button } from '@settle/ui';
import { useState } from 'react';

import { MassWelcomeDialog } from './mass-welcome-dialog';

/** The contacts list's "Send welcome emails" action and its dialog. */
export function MassWelcomeButton({ organizationId }: { organizationId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Send welcome emails</Button>
      {open && <MassWelcomeDialog organizationId={organizationId} onClose={() => setOpen(false)} />}
    </>
  );
}
