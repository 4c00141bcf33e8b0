import { Button, Dialog, useToast } from '@settle/ui';

import type { AccessProfileResponseDto } from '@/api/access-profiles/types';
import {
  Form,
  FormCheckboxField,
  FormSelectField,
  FormTextField,
  SubmitButton,
} from '@/components/form';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import {
  contactInputSchema,
  useCreateContact,
  type ContactFormValues,
} from '../api/create-contact';

const EMPTY: ContactFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  accessProfileId: '',
  isDefaultNotification: false,
};

export function AddContactDialog({
  organizationId,
  profiles,
  onClose,
}: {
  organizationId: string;
  profiles: AccessProfileResponseDto[];
  onClose: () => void;
}) {
  const toast = useToast();
  const form = useProblemForm({ schema: contactInputSchema, defaultValues: EMPTY });
  const create = useCreateContact({
    mutationConfig: {
      onSuccess: (c) => {
        toast.show({ title: 'Contact added', message: `${c.name} was added.` });
        onClose();
      },
    },
  });

  return (
    <Dialog open title="Add contact" onClose={onClose}>
      <Form
        form={form}
        onSubmit={(data) => create.mutateAsync({ organizationId, data })}
        aria-label="Add contact"
      >
        <div className="app-form-grid">
          <FormTextField control={form.control} name="firstName" label="First name" />
          <FormTextField control={form.control} name="lastName" label="Last name" />
        </div>
        <FormTextField
          control={form.control}
          name="email"
          label="Email"
          type="email"
          hint="An existing contact with this email is linked to this organization."
        />
        <FormTextField control={form.control} name="phone" label="Phone" type="tel" />
        <FormSelectField
          control={form.control}
          name="accessProfileId"
          label="Access profile"
          options={[
            { value: '', label: 'No portal access yet' },
            ...profiles.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <FormCheckboxField
          control={form.control}
          name="isDefaultNotification"
          label="Default notification contact"
        />
        <div className="app-form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <SubmitButton>Add contact</SubmitButton>
        </div>
      </Form>
    </Dialog>
  );
}
