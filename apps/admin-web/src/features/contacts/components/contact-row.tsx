import { Button, formatDateTime, useToast } from '@settle/ui';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import type { AccessProfileResponseDto } from '@/api/access-profiles/types';
import { Form, FormCheckboxField, FormSelectField, SubmitButton } from '@/components/form';
import { paths } from '@/config/paths';
import { useProblemForm } from '@/lib/forms/use-problem-form';

import type { ContactResponseDto, UpdateContactDto } from '../api/types';
import {
  contactAccessInputSchema,
  useUpdateContact,
  type ContactAccessInput,
} from '../api/update-contact';

import { LinkOrganizationDialog } from './link-organization-dialog';

/**
 * The select's value for "no portal access" (the API's `accessProfileId: null`: the contact keeps
 * its place in the organization but cannot sign in to the portal for it).
 */
const REVOKED = '';

/**
 * One contact of an organization: profile and notification flag are edited locally, then saved
 * together (or undone). The parent keys rows by their saved values, so a refetch resets the row.
 */
export function ContactRow({
  contact,
  organizationId,
  profiles,
  timeZone,
  readOnly,
  actions,
}: {
  contact: ContactResponseDto;
  organizationId: string;
  profiles: AccessProfileResponseDto[];
  timeZone: string;
  readOnly: boolean;
  /** More actions on the contact, composed by the route (the Email menu). */
  actions?: ReactNode;
}) {
  const toast = useToast();
  const saved: ContactAccessInput = {
    accessProfileId: contact.accessProfileId ?? REVOKED,
    isDefaultNotification: contact.isDefaultNotification,
  };
  const form = useProblemForm({ schema: contactAccessInputSchema, defaultValues: saved });
  const [linking, setLinking] = useState(false);
  const { isDirty, isSubmitting } = form.formState;

  const update = useUpdateContact({
    mutationConfig: {
      onSuccess: (c, { data }) =>
        toast.show(
          data.accessProfileId === null
            ? {
                title: 'Portal access removed',
                message: `${c.name} can no longer use the portal for this organization.`,
              }
            : { title: 'Contact saved', message: `${c.name} was updated.` },
        ),
    },
  });

  const options = [
    ...profiles.map((p) => ({ value: p.id, label: p.name })),
    // the contact's profile may not be in the list yet (still loading)
    ...(contact.accessProfileId && !profiles.some((p) => p.id === contact.accessProfileId)
      ? [{ value: contact.accessProfileId, label: contact.accessProfileName ?? 'Current profile' }]
      : []),
    { value: REVOKED, label: 'No portal access' },
  ];

  /** Sends only what changed. */
  const save = (values: ContactAccessInput) => {
    const data: UpdateContactDto = {};
    if (values.accessProfileId !== saved.accessProfileId) {
      data.accessProfileId = values.accessProfileId === REVOKED ? null : values.accessProfileId;
    }
    if (values.isDefaultNotification !== saved.isDefaultNotification) {
      data.isDefaultNotification = values.isDefaultNotification;
    }
    return update.mutateAsync({ organizationId, contactId: contact.id, data });
  };

  const others = contact.organizations.filter((o) => o.organizationId !== organizationId);

  return (
    <li className="app-contact" data-testid={`contact-row-${contact.email}`}>
      <div className="app-contact__who">
        <strong className="app-contact__name">{contact.name}</strong>
        {!contact.accessProfileId && <span className="ui-badge">No portal access</span>}
        {contact.isDefaultNotification && (
          <span className="ui-badge ui-badge--success">Default notification</span>
        )}
        <div>
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
          {contact.phone && <span className="ui-muted"> · {contact.phone}</span>}
        </div>
        <div className="ui-muted app-contact__meta">
          Last login:{' '}
          {contact.lastLoginAt ? formatDateTime(contact.lastLoginAt, timeZone) : 'Never'}
        </div>
        {others.length > 0 && (
          <div className="app-contact__meta">
            <span className="ui-muted">Also at: </span>
            {others.map((o, i) => (
              <span key={o.organizationId}>
                {i > 0 && ', '}
                <Link to={paths.app.organization.section(o.organizationId, 'contacts')}>
                  {o.name}
                </Link>
              </span>
            ))}
          </div>
        )}
      </div>
      <Form
        form={form}
        onSubmit={save}
        aria-label={`Access of ${contact.name}`}
        className="app-contact__controls"
      >
        <FormSelectField
          control={form.control}
          name="accessProfileId"
          label="Access profile"
          options={options}
          disabled={readOnly || isSubmitting}
        />
        <FormCheckboxField
          control={form.control}
          name="isDefaultNotification"
          label="Default notification contact"
          disabled={readOnly || isSubmitting}
        />
        {!readOnly && (
          <div className="app-form-actions app-contact__actions">
            {actions}
            <Button size="sm" variant="ghost" onClick={() => setLinking(true)}>
              Add to organization…
            </Button>
            <Button size="sm" onClick={() => form.reset()} disabled={!isDirty || isSubmitting}>
              Undo Changes
            </Button>
            <SubmitButton size="sm" disabled={!isDirty}>
              Save
            </SubmitButton>
          </div>
        )}
      </Form>
      {linking && (
        <LinkOrganizationDialog
          contact={contact}
          profiles={profiles}
          onClose={() => setLinking(false)}
        />
      )}
    </li>
  );
}
