import { fieldErrors, isApiError, type CreatedApiKeyResponseDto } from '@settle/api-client';
import { Button, Dialog, SelectField, TextField } from '@settle/ui';
import { useState, type FormEvent } from 'react';

import {
  createApiKeyInputSchema,
  useCreateApiKey,
  type CreateApiKeyInput,
} from '../api/create-api-key';

const ROLE_OPTIONS = [
  { value: 'billing', label: 'Billing' },
  { value: 'viewer', label: 'Viewer' },
  { value: 'admin', label: 'Admin' },
];

export function CreateApiKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [values, setValues] = useState<CreateApiKeyInput>({ name: '', role: 'billing' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<CreatedApiKeyResponseDto | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useCreateApiKey({ mutationConfig: { onSuccess: (key) => setCreated(key) } });

  const close = () => {
    setValues({ name: '', role: 'billing' });
    setClientErrors({});
    setCreated(null);
    setCopied(false);
    create.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = createApiKeyInputSchema.safeParse(values);
    if (!parsed.success) {
      setClientErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])),
      );
      return;
    }
    setClientErrors({});
    create.mutate(parsed.data);
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const serverErrors = fieldErrors(create.error);
  const errors = { ...serverErrors, ...clientErrors };
  const formError =
    create.error && !Object.keys(serverErrors).length
      ? isApiError(create.error)
        ? create.error.detail
        : 'Could not create the API key.'
      : null;

  if (created) {
    return (
      <Dialog
        open={open}
        title="API key created"
        onClose={close}
        footer={
          <Button variant="primary" onClick={close}>
            Done
          </Button>
        }
      >
        <div className="ui-alert ui-alert--warning" role="alert">
          Copy this secret now. It will not be shown again.
        </div>
        <div className="app-secret">
          <code aria-label="API key secret">{created.secret}</code>
          <Button size="sm" onClick={copy}>
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
        <p className="ui-muted">
          Send it as <code>Authorization: Bearer &lt;secret&gt;</code>.
        </p>
      </Dialog>
    );
  }

  return (
    <Dialog open={open} title="Create API key" onClose={close}>
      <form onSubmit={submit} noValidate aria-label="Create API key">
        {formError && (
          <div className="ui-alert ui-alert--error" role="alert">
            {formError}
          </div>
        )}
        <TextField
          label="Name"
          name="name"
          value={values.name}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          error={errors.name}
          hint="What uses this key, e.g. “Accounting export”."
        />
        <SelectField
          label="Role"
          name="role"
          value={values.role}
          options={ROLE_OPTIONS}
          onChange={(e) =>
            setValues((v) => ({ ...v, role: e.target.value as CreateApiKeyInput['role'] }))
          }
          error={errors.role}
        />
        <div className="app-form-actions">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" loading={create.isPending}>
            Create API key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
