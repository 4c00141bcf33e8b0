import type { TwoFactorSetupResponseDto } from '@settle/api-client';
import { isApiError } from '@settle/api-client';
import { Button, Card, Dialog, useToast } from '@settle/ui';
import { useState } from 'react';

import { Form, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  currentPasswordInputSchema,
  enableTwoFactorInputSchema,
  useDisableTwoFactor,
  useEnableTwoFactor,
  useRegenerateRecoveryCodes,
  useSetupTwoFactor,
} from '../api/two-factor';

import { RecoveryCodes } from './recovery-codes';

/** Two-factor sign-in: enrol with a QR code and a code, see the recovery codes once, turn off. */
export function TwoFactorCard({ enabled, required }: { enabled: boolean; required: boolean }) {
  const toast = useToast();
  const [setup, setSetup] = useState<TwoFactorSetupResponseDto | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirming, setConfirming] = useState<'disable' | 'regenerate' | null>(null);
  const start = useSetupTwoFactor({
    mutationConfig: {
      onSuccess: setSetup,
      onError: (err) =>
        toast.show({
          title: 'Could not start the setup',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        }),
    },
  });

  let body;
  if (codes) body = <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  else if (enabled)
    body = (
      <div className="app-stack">
        <p>
          <span className="ui-badge ui-badge--success">On</span> You sign in with your password and
          a code from your authenticator app.
        </p>
        <div className="app-form-actions">
          <Button onClick={() => setConfirming('regenerate')}>New recovery codes</Button>
          <Button variant="danger" onClick={() => setConfirming('disable')}>
            Turn off
          </Button>
        </div>
      </div>
    );
  else if (setup)
    body = (
      <EnrolForm
        setup={setup}
        onEnabled={(recoveryCodes) => {
          setSetup(null);
          setCodes(recoveryCodes);
        }}
        onCancel={() => setSetup(null)}
      />
    );
  else
    body = (
      <div className="app-stack">
        {required && (
          <p role="alert">
            Your administrator requires two-factor sign-in. Set it up to continue using Settle.
          </p>
        )}
        <p>
          Protect your account with a second step at sign-in: a 6-digit code from an authenticator
          app such as 1Password, Google Authenticator or Microsoft Authenticator.
        </p>
        <div>
          <Button variant="primary" disabled={start.isPending} onClick={() => start.mutate()}>
            Set up two-factor sign-in
          </Button>
        </div>
      </div>
    );

  return (
    <Card title="Two-factor sign-in">
      {body}
      <PasswordDialog
        action={confirming}
        onClose={() => setConfirming(null)}
        onCodes={(recoveryCodes) => {
          setConfirming(null);
          setCodes(recoveryCodes);
        }}
      />
    </Card>
  );
}

function EnrolForm({
  setup,
  onEnabled,
  onCancel,
}: {
  setup: TwoFactorSetupResponseDto;
  onEnabled: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const form = useProblemForm({ schema: enableTwoFactorInputSchema, defaultValues: { code: '' } });
  const enable = useEnableTwoFactor({
    mutationConfig: { onSuccess: (result) => onEnabled(result.recoveryCodes) },
  });
  return (
    <div className="app-stack">
      <p>1. Scan this QR code with your authenticator app.</p>
      <img
        className="app-qr-code"
        src={setup.qrCodeDataUrl}
        alt="QR code for your authenticator app"
        width={200}
        height={200}
      />
      <p>
        Or type this key into the app: <code className="app-secret">{setup.secret}</code>
      </p>
      <Form
        form={form}
        onSubmit={(values) => enable.mutateAsync(values)}
        aria-label="Confirm two-factor setup"
      >
        <FormTextField
          control={form.control}
          name="code"
          label="2. Enter the 6-digit code the app shows"
          inputMode="numeric"
          autoComplete="one-time-code"
        />
        <div className="app-form-actions">
          <Button onClick={onCancel}>Cancel</Button>
          <SubmitButton>Turn on</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

function PasswordDialog({
  action,
  onClose,
  onCodes,
}: {
  action: 'disable' | 'regenerate' | null;
  onClose: () => void;
  onCodes: (codes: string[]) => void;
}) {
  return (
    <Dialog
      open={!!action}
      title={action === 'disable' ? 'Turn off two-factor sign-in' : 'New recovery codes'}
      onClose={onClose}
    >
      {action && <PasswordForm key={action} action={action} onClose={onClose} onCodes={onCodes} />}
    </Dialog>
  );
}

function PasswordForm({
  action,
  onClose,
  onCodes,
}: {
  action: 'disable' | 'regenerate';
  onClose: () => void;
  onCodes: (codes: string[]) => void;
}) {
  const toast = useToast();
  const form = useProblemForm({
    schema: currentPasswordInputSchema,
    defaultValues: { password: '' },
  });
  const disable = useDisableTwoFactor({
    mutationConfig: {
      onSuccess: () => {
        toast.show({ title: 'Two-factor sign-in is off' });
        onClose();
      },
    },
  });
  const regenerate = useRegenerateRecoveryCodes({
    mutationConfig: { onSuccess: (result) => onCodes(result.recoveryCodes) },
  });
  return (
    <Form
      form={form}
      onSubmit={(values) =>
        action === 'disable' ? disable.mutateAsync(values) : regenerate.mutateAsync(values)
      }
      aria-label={action === 'disable' ? 'Turn off two-factor sign-in' : 'New recovery codes'}
    >
      <p>
        {action === 'disable'
          ? 'You will sign in with your password alone.'
          : 'Your current recovery codes stop working.'}
      </p>
      <FormTextField
        control={form.control}
        name="password"
        label="Your password"
        type="password"
        autoComplete="current-password"
      />
      <div className="app-form-actions">
        <Button onClick={onClose}>Cancel</Button>
        <SubmitButton variant={action === 'disable' ? 'danger' : 'primary'}>
          {action === 'disable' ? 'Turn off' : 'Make new codes'}
        </SubmitButton>
      </div>
    </Form>
  );
}
