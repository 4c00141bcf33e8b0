import { Button, type ButtonProps } from '@settle/ui';
import { useRef, type FormHTMLAttributes, type ReactNode } from 'react';
import { FormProvider, useFormContext, type FieldValues } from 'react-hook-form';

import type { ProblemForm } from '@/lib/forms/use-problem-form';

export interface FormProps<TInput extends FieldValues, TOutput> extends Omit<
  FormHTMLAttributes<HTMLFormElement>,
  'onSubmit' | 'children'
> {
  form: ProblemForm<TInput, TOutput>;
  /**
   * Gets the schema's output once it is valid. Return the request's promise (`mutateAsync`):
   * a rejection is put on the form (see useProblemForm); the form stays busy until it settles.
   */
  onSubmit: (values: TOutput) => unknown;
  children: ReactNode;
}

/**
 * The only <form> of the admin SPA (see `@/lib/forms/use-problem-form` for the pattern): no
 * browser validation (the schema checks), the alert for form-level errors on top, one submit at
 * a time.
 */
export function Form<TInput extends FieldValues, TOutput>({
  form,
  onSubmit,
  children,
  ...rest
}: FormProps<TInput, TOutput>) {
  const inFlight = useRef(false);
  const submit = form.handleSubmit(async (values) => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await onSubmit(values);
    } catch (error) {
      form.applyProblem(error);
    } finally {
      inFlight.current = false;
    }
  });
  return (
    <FormProvider {...form}>
      <form noValidate {...rest} onSubmit={submit}>
        <FormAlert message={form.formError} />
        {children}
      </form>
    </FormProvider>
  );
}

/** The form-level error: a problem's `detail` when no field took it, or a connection failure. */
function FormAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div className="ui-alert ui-alert--error" role="alert">
      {message}
    </div>
  );
}

/** The form's submit button: busy while `onSubmit`'s promise is pending. */
export function SubmitButton({ variant = 'primary', ...rest }: Omit<ButtonProps, 'type'>) {
  const { formState } = useFormContext();
  return <Button type="submit" variant={variant} loading={formState.isSubmitting} {...rest} />;
}
