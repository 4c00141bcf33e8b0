/**
 * THE form pattern of the admin SPA (lint enforces it: no raw <form>, no other useForm):
 *
 *   const form = useProblemForm({ schema: createUserInputSchema, defaultValues });
 *   <Form form={form} onSubmit={(values) => create.mutateAsync(values)} aria-label="Add user">
 *     <FormTextField control={form.control} name="email" label="Email" />
 *     <SubmitButton>Add user</SubmitButton>
 *   </Form>
 *
 * - The zod schema lives in the mutation file (features/<f>/api/<verb>-<noun>.ts) and checks the
 *   input before any request; its output (after transforms) is what `onSubmit` receives.
 * - `onSubmit` returns the mutation's promise; when it rejects, the problem+json is put on the
 *   form: each `errors[].field` (a dotted path such as `allocations.0.amount`) onto the field of
 *   that name, and `detail` into the form's alert when no field matches.
 * - Fields and <Form> are in `@/components/form`.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { isApiError } from '@settle/api-client';
import {
  useForm,
  type FieldPath,
  type FieldValues,
  type UseFormProps,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';

export const CONNECTION_ERROR = 'Could not reach the server. Check your connection and try again.';

/** RHF clears `root.*` errors at every submit, so the alert never outlives the next attempt. */
const FORM_ERROR = 'root.server';

export interface UseProblemFormOptions<TInput extends FieldValues, TOutput> extends Omit<
  UseFormProps<TInput, unknown, TOutput>,
  'resolver'
> {
  schema: z.ZodType<TOutput, z.ZodTypeDef, TInput>;
  /**
   * The form field an API field is shown on, when their names differ (`paymentMethodId` →
   * `methodId`); null leaves it to the alert. Without it, API names are form names.
   */
  fieldFor?: (apiField: string) => FieldPath<TInput> | null;
}

export type ProblemForm<TInput extends FieldValues, TOutput> = UseFormReturn<
  TInput,
  unknown,
  TOutput
> & {
  /** Puts a failed request on the form: `errors[]` on their fields, the rest in the alert. */
  applyProblem: (error: unknown) => void;
  /** Shows a message in the form's alert (cleared by the next submit). */
  setFormError: (message: string) => void;
  /** The alert's message, if any. */
  formError: string | undefined;
};

export function useProblemForm<TInput extends FieldValues, TOutput>({
  schema,
  fieldFor,
  ...options
}: UseProblemFormOptions<TInput, TOutput>): ProblemForm<TInput, TOutput> {
  const form = useForm<TInput, unknown, TOutput>({
    ...options,
    resolver: zodResolver(schema),
  });

  const setFormError = (message: string) =>
    form.setError(FORM_ERROR as FieldPath<TInput>, { type: 'server', message });

  const isField = (name: string) => {
    const value: unknown = form.getValues(name as FieldPath<TInput>);
    // an object is a group of fields (an address), not one input that can show a message
    return (
      value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))
    );
  };

  const applyProblem = (error: unknown) => {
    if (!isApiError(error)) {
      setFormError(CONNECTION_ERROR);
      return;
    }
    const shown = new Set<string>();
    const unmatched: string[] = [];
    for (const { field, message } of error.errors) {
      const name = fieldFor ? fieldFor(field) : field;
      if (name && isField(name)) {
        // the first message per field wins; the first field with one gets the focus
        if (!shown.has(name)) {
          form.setError(
            name as FieldPath<TInput>,
            { type: 'server', message },
            {
              shouldFocus: shown.size === 0,
            },
          );
        }
        shown.add(name);
      } else {
        unmatched.push(`${field} ${message}`);
      }
    }
    if (shown.size === 0) setFormError(error.detail);
    else if (unmatched.length) setFormError(unmatched.join('; '));
  };

  const formError = form.formState.errors.root?.server?.message;
  return { ...form, applyProblem, setFormError, formError };
}
