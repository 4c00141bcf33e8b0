import { fieldErrors, isApiError } from '@settle/api-client';
import { Button, TextAreaField, TextField } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import { CONNECTION_ERROR } from '@/lib/problem';

import { useRequestAccess, type AccessRequest } from '../api/request-access';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MESSAGE_MAX = 1000;

function validate(form: AccessRequest): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors.name = 'is required';
  if (!EMAIL.test(form.email.trim())) errors.email = 'must be an email address';
  if (!form.company.trim()) errors.company = 'is required';
  if ((form.message ?? '').length > MESSAGE_MAX)
    errors.message = `must be at most ${MESSAGE_MAX} characters`;
  return errors;
}

/**
 * Someone without a login asks the MSP for one. Staff are emailed who asked; they add the
 * person as a contact and send the invitation, so the confirmation promises no more than that.
 */
export function RequestAccessForm() {
  const [form, setForm] = useState<AccessRequest>({
    company: '',
    email: '',
    message: '',
    name: '',
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const request = useRequestAccess();
  const set = (field: keyof AccessRequest) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = validate(form);
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    request.mutate({
      company: form.company.trim(),
      email: form.email.trim(),
      message: form.message?.trim() ? form.message.trim() : null,
      name: form.name.trim(),
    });
  };

  if (request.isSuccess) {
    return (
      <div className="ui-alert ui-alert--info" role="status">
        Your request was sent to the billing team. If they give you access, an invitation to set
        your password will arrive at {request.variables.email}.
      </div>
    );
  }
  const serverErrors = fieldErrors(request.error);
  const errors = { ...serverErrors, ...clientErrors };
  const formMessage =
    request.error && !Object.keys(serverErrors).length
      ? isApiError(request.error)
        ? request.error.detail
        : CONNECTION_ERROR
      : null;
  return (
    <form onSubmit={submit} noValidate aria-label="Request access" className="portal-form">
      <p className="ui-muted">
        Tell the billing team who you are and which company you pay invoices for.
      </p>
      {formMessage && (
        <div className="ui-alert ui-alert--error" role="alert">
          {formMessage}
        </div>
      )}
      <TextField
        label="Your name"
        name="name"
        autoComplete="name"
        value={form.name}
        onChange={(e) => set('name')(e.target.value)}
        error={errors.name}
      />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        value={form.email}
        onChange={(e) => set('email')(e.target.value)}
        error={errors.email}
      />
      <TextField
        label="Company"
        name="company"
        autoComplete="organization"
        value={form.company}
        onChange={(e) => set('company')(e.target.value)}
        error={errors.company}
      />
      <TextAreaField
        label="Message (optional)"
        name="message"
        rows={3}
        maxLength={MESSAGE_MAX}
        value={form.message ?? ''}
        onChange={(e) => set('message')(e.target.value)}
        error={errors.message}
      />
      <Button type="submit" variant="primary" loading={request.isPending}>
        Request access
      </Button>
    </form>
  );
}
