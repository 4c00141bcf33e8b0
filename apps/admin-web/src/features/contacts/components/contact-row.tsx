import { isApiError } from '@settle/api-client';
import { Button, CheckboxField, SelectField, formatDateTime, useToast } from '@settle/ui';
import { useState } from 'react';
import { Link } from 'react-router';

import type { AccessProfileResponseDto } from '@/api/access-profiles/types';
import { paths } from '@/config/paths';

import type { ContactResponseDto, UpdateContactDto } from '../api/types';
import { useUpdateContact } from '../api/update-contact';

import { LinkOrganizationDialog } from './link-organization-dialog';

/** The select's value for "no access": saving it sends `accessProfileId: null`. */
export const REVOKED = '';

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
}: {
  contact: ContactResponseDto;
  organizationId: string;
  profiles: AccessProfileResponseDto[];
  timeZone: string;
  readOnly: boolean;
}) {
  const toast = useToast();
  const saved = {
    profile: contact.accessProfileId ?? REVOKED,
    notify: contact.isDefaultNotification,
  };
  const [profile, setProfile] = useState(saved.profile);
  const [notify, setNotify] = useState(saved.notify);
  const [linking, setLinking] = useState(false);
  const dirty = profile !== saved.profile || notify !== saved.notify;

  const update = useUpdateContact({
    mutationConfig: {
      onSuccess: (c) => toast.show({ title: 'Contact saved', message: `${c.name} was updated.` }),
      onError: (err) =>
        toast.show({
          title: 'Could not save the contact',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        }),
    },
  });

  const options = [
    ...profiles.map((p) => ({ value: p.id, label: p.name })),
    // the contact's profile may not be in the list yet (still loading)
    ...(contact.accessProfileId && !profiles.some((p) => p.id === contact.accessProfileId)
      ? [{ value: contact.accessProfileId, label: contact.accessProfileName ?? 'Current profile' }]
      : []),
    { value: REVOKED, label: 'Revoke Access' },
  ];

  const save = () => {
    const data: UpdateContactDto = {};
    if (profile !== saved.profile) data.accessProfileId = profile === REVOKED ? null : profile;
    if (notify !== saved.notify) data.isDefaultNotification = notify;
    update.mutate({ organizationId, contactId: contact.id, data });
  };
  const undo = () => {
    setProfile(saved.profile);
    setNotify(saved.notify);
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
      <div className="app-contact__controls">
        <SelectField
          label="Access profile"
          value={profile}
          options={options}
          disabled={readOnly || update.isPending}
          onChange={(e) => setProfile(e.target.value)}
        />
        <CheckboxField
          label="Default notification contact"
          checked={notify}
          disabled={readOnly || update.isPending}
          onChange={(e) => setNotify(e.target.checked)}
        />
        {!readOnly && (
          <div className="app-form-actions">
            <Button size="sm" variant="ghost" onClick={() => setLinking(true)}>
              Add to organization…
            </Button>
            <Button size="sm" onClick={undo} disabled={!dirty || update.isPending}>
              Undo Changes
            </Button>
            <Button
              size="sm"
              variant="primary"
              onClick={save}
              disabled={!dirty}
              loading={update.isPending}
            >
              Save
            </Button>
          </div>
        )}
      </div>
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
