import type { CreatedApiKeyResponseDto } from '@settle/api-client';
import { Button, Dialog } from '@settle/ui';
import { useState } from 'react';

import { Form, FormSelectField, FormTextField, SubmitButton } from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import { createApiKeyInputSchema, useCreateApiKey } from '../api/create-api-key';

const ROLE_OPTIONS = [
  { value: 'billing', label: 'Billing' },
  { value: 'viewer', label: 'Viewer' },
  { value: 'admin', label: 'Admin' },
];

export function CreateApiKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [created, setCreated] = useState<CreatedApiKeyResponseDto | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };

  if (created) {
    return <CreatedApiKey open={open} apiKey={created} onClose={close} />;
  }
  return (
    <Dialog open={open} title="Create API key" onClose={close}>
      {/* mounted per opening: a fresh form each time */}
      {open && <CreateApiKeyForm onCreated={setCreated} onClose={close} />}
    </Dialog>
  );
}

function CreateApiKeyForm({
  onCreated,
  onClose,
}: {
  onCreated: (key: CreatedApiKeyResponseDto) => void;
  onClose: () => void;
}) {
  const form = useProblemForm({
    schema: createApiKeyInputSchema,
    defaultValues: { name: '', role: 'billing' },
  });
  const create = useCreateApiKey({ mutationConfig: { onSuccess: onCreated } });
  return (
    <Form form={form} onSubmit={(values) => create.mutateAsync(values)} aria-label="Create API key">
      <FormTextField
        control={form.control}
        name="name"
        label="Name"
        hint="What uses this key, e.g. “Accounting export”."
      />
      <FormSelectField control={form.control} name="role" label="Role" options={ROLE_OPTIONS} />
      <div className="app-form-actions">
        <Button onClick={onClose}>Cancel</Button>
        <SubmitButton>Create API key</SubmitButton>
      </div>
    </Form>
  );
}

/** The secret, shown once: copying it is the only way to keep it. */
function CreatedApiKey({
  open,
  apiKey,
  onClose,
}: {
  open: boolean;
  apiKey: CreatedApiKeyResponseDto;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Dialog
      open={open}
      title="API key created"
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <div className="ui-alert ui-alert--warning" role="alert">
        Copy this secret now. It will not be shown again.
      </div>
      <div className="app-secret">
        <code aria-label="API key secret">{apiKey.secret}</code>
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
