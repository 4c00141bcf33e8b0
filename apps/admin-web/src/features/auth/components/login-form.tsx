import { Button } from '@settle/ui';
import { useState } from 'react';

import { Form, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import { loginInputSchema, useLogin } from '../api/login';
import {
  recoveryCodeInputSchema,
  twoFactorCodeInputSchema,
  useLoginTwoFactor,
} from '../api/login-two-factor';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const [secondStep, setSecondStep] = useState(false);
  const form = useProblemForm({
    schema: loginInputSchema,
    defaultValues: { email: '', password: '' },
  });
  const login = useLogin({
    mutationConfig: {
      onSuccess: (result) => ('twoFactorRequired' in result ? setSecondStep(true) : onSuccess()),
    },
  });

  if (secondStep)
    return <SecondFactorForm onSuccess={onSuccess} onRestart={() => setSecondStep(false)} />;

  return (
    <Form form={form} onSubmit={(values) => login.mutateAsync(values)} aria-label="Sign in">
      <FormTextField
        control={form.control}
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        autoFocus
      />
      <FormTextField
        control={form.control}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
      />
      <SubmitButton>Sign in</SubmitButton>
    </Form>
  );
}

/** The password was right: a code from the authenticator app, or a recovery code. */
function SecondFactorForm({
  onSuccess,
  onRestart,
}: {
  onSuccess: () => void;
  onRestart: () => void;
}) {
  const [useRecovery, setUseRecovery] = useState(false);
  const verify = useLoginTwoFactor({ mutationConfig: { onSuccess: () => onSuccess() } });
  const codeForm = useProblemForm({
    schema: twoFactorCodeInputSchema,
    defaultValues: { code: '' },
  });
  const recoveryForm = useProblemForm({
    schema: recoveryCodeInputSchema,
    defaultValues: { recoveryCode: '' },
  });

  return (
    <div className="app-stack">
      {useRecovery ? (
        <Form
          form={recoveryForm}
          onSubmit={(values) => verify.mutateAsync(values)}
          aria-label="Sign in with a recovery code"
        >
          <p>Enter one of the recovery codes you saved when you set up two-factor sign-in.</p>
          <FormTextField
            control={recoveryForm.control}
            name="recoveryCode"
            label="Recovery code"
            autoComplete="off"
            autoFocus
          />
          <SubmitButton>Verify</SubmitButton>
        </Form>
      ) : (
        <Form
          form={codeForm}
          onSubmit={(values) => verify.mutateAsync(values)}
          aria-label="Two-factor code"
        >
          <p>Enter the 6-digit code from your authenticator app.</p>
          <FormTextField
            control={codeForm.control}
            name="code"
            label="Authentication code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
          />
          <SubmitButton>Verify</SubmitButton>
        </Form>
      )}
      <Button variant="ghost" onClick={() => setUseRecovery(!useRecovery)}>
        {useRecovery ? 'Use a code from your app instead' : 'Use a recovery code instead'}
      </Button>
      <Button variant="ghost" onClick={onRestart}>
        Start over
      </Button>
    </div>
  );
}
