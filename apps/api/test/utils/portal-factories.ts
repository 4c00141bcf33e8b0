import { randomUUID } from 'node:crypto';

import { ContactTokensService } from '../../src/modules/contacts';
import { TestApp } from './test-app';

export const PORTAL_PASSWORD = 'portal pass phrase 42';

export type ProfileName = 'Billing Admin' | 'User';

/** What a browser holds after a portal sign-in: its cookies and the CSRF token to echo. */
export interface PortalSession {
  cookie: string;
  csrf: string;
}

export async function accessProfileIds(
  t: TestApp,
  bearer: string,
): Promise<Record<ProfileName, string>> {
  const response = await t.http
    .get('/api/v1/access-profiles')
    .set('authorization', bearer)
    .expect(200);
  const byName = Object.fromEntries(
    (response.body.data as { id: string; name: string }[]).map((p) => [p.name, p.id]),
  );
  return { 'Billing Admin': byName['Billing Admin'], User: byName.User };
}

/** A contact of the organization with this profile there, added by staff through the API. */
export async function addContact(
  t: TestApp,
  bearer: string,
  organizationId: string,
  accessProfileId: string | null,
  email = `contact-${randomUUID().slice(0, 8)}@portal.example`,
): Promise<{ id: string; email: string }> {
  const response = await t.http
    .post(`/api/v1/organizations/${organizationId}/contacts`)
    .set('authorization', bearer)
    .send({ accessProfileId, email, firstName: 'Pat', lastName: 'Payer' });
  if (response.status !== 201)
    throw new Error(`add contact: ${response.status} ${JSON.stringify(response.body)}`);
  return { email, id: response.body.id as string };
}

/** A welcome link's token, as the emails module would put in the invitation. */
export function issueToken(
  t: TestApp,
  contactId: string,
  purpose: 'welcome' | 'password_reset',
): Promise<string> {
  return t.dataSource.transaction(async (manager) => {
    const { token } = await t.app.get(ContactTokensService).issue(manager, contactId, purpose);
    return token;
  });
}

export function sessionFrom(setCookie: string[] | string | undefined): PortalSession {
  const pairs = ([] as string[]).concat(setCookie ?? []).map((c) => c.split(';')[0]);
  const csrf = pairs.find((p) => p.startsWith('settle_portal_csrf='))?.split('=')[1];
  if (!csrf || !pairs.some((p) => p.startsWith('settle_portal_session=')))
    throw new Error(`no portal session cookies in ${JSON.stringify(setCookie)}`);
  return { cookie: pairs.join('; '), csrf };
}

/** Accepts an invitation through the API, as the contact would from the welcome email. */
export async function acceptInvitation(
  t: TestApp,
  contactId: string,
  password = PORTAL_PASSWORD,
): Promise<PortalSession> {
  const token = await issueToken(t, contactId, 'welcome');
  const response = await t.http
    .post('/api/v1/portal/auth/invitations/accept')
    .send({ password, token });
  if (response.status !== 200)
    throw new Error(`accept invitation: ${response.status} ${JSON.stringify(response.body)}`);
  return sessionFrom(response.headers['set-cookie']);
}

export async function portalLogin(
  t: TestApp,
  email: string,
  password = PORTAL_PASSWORD,
): Promise<PortalSession> {
  const response = await t.http.post('/api/v1/portal/auth/login').send({ email, password });
  if (response.status !== 200)
    throw new Error(`portal login: ${response.status} ${JSON.stringify(response.body)}`);
  return sessionFrom(response.headers['set-cookie']);
}

/** A signed-in contact with this profile for the organization. */
export async function signedInContact(
  t: TestApp,
  bearer: string,
  organizationId: string,
  accessProfileId: string,
): Promise<PortalSession & { contactId: string; email: string }> {
  const contact = await addContact(t, bearer, organizationId, accessProfileId);
  return {
    ...(await acceptInvitation(t, contact.id)),
    contactId: contact.id,
    email: contact.email,
  };
}
