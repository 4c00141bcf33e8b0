import { Button, Dialog } from '@settle/ui';
import { useState } from 'react';

/** A signing secret, shown this once: copying it is the only way to keep it. */
export function SecretDialog({
  title,
  secret,
  onClose,
}: {
  title: string;
  secret: string;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <div className="ui-alert ui-alert--warning" role="alert">
        Copy this signing secret now. It will not be shown again.
      </div>
      <div className="app-secret">
        <code aria-label="Signing secret">{secret}</code>
        <Button size="sm" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="ui-muted">
        Check each delivery&apos;s <code>Settle-Signature</code> header with it: an HMAC-SHA256 of{' '}
        <code>t.body</code>.
      </p>
    </Dialog>
  );
}
