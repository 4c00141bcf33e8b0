import { Button, useToast } from '@settle/ui';

/** The recovery codes, shown once: copy them or save them as a text file. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const toast = useToast();
  const text = `Settle recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      toast.show({ title: 'Copied', message: 'The recovery codes are on your clipboard.' });
    } catch {
      toast.show({
        title: 'Could not copy',
        message: 'Select the codes and copy them.',
        variant: 'error',
      });
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'settle-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="app-stack" role="region" aria-label="Recovery codes">
      <p>
        <strong>Save these recovery codes now.</strong> They are shown only this once. Each signs
        you in once if you lose your authenticator app.
      </p>
      <ul className="app-recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="app-form-actions">
        <Button onClick={() => void copy()}>Copy</Button>
        <Button onClick={download}>Download</Button>
        <Button variant="primary" onClick={onDone}>
          I have saved them
        </Button>
      </div>
    </div>
  );
}
