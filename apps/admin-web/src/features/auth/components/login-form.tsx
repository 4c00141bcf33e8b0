import { Form, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import { loginInputSchema, useLogin } from '../api/login';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const form = useProblemForm({
    schema: loginInputSchema,
    defaultValues: { email: '', password: '' },
  });
  const login = useLogin({ mutationConfig: { onSuccess } });

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
