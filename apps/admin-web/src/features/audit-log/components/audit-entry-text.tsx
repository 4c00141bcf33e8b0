import type { AuditLogEntryResponseDto } from '@settle/api-client';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

import { describeAction } from './audit-actions';

/** Actions about the actor or the whole MSP: naming an entity would add nothing. */
const NO_OBJECT = new Set([
  'auth.login',
  'settings.email_notices_updated',
  'settings.email_updated',
  'sandbox.clock_advanced',
  'settings.general_updated',
  'settings.payments_updated',
  'settings.staff_notifications_updated',
]);

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** The entity's label from the API, else a name or number the change itself recorded. */
function entityLabel(e: AuditLogEntryResponseDto): string | null {
  return (
    text(e.entityLabel) ??
    text(e.after?.number) ??
    text(e.after?.name) ??
    text(e.before?.name) ??
    text(e.after?.friendlyName) ??
    text(e.after?.email) ??
    text(e.before?.email)
  );
}

function entityHref(e: AuditLogEntryResponseDto): string | null {
  const id = e.entityId;
  const org = e.organizationId;
  switch (e.entityType) {
    case 'payment':
      return id ? paths.app.payment.getHref(id) : null;
    case 'organization':
      return id ? paths.app.organization.getHref(id) : null;
    case 'contact':
      return org ? paths.app.organization.section(org, 'contacts') : null;
    case 'organization_note':
      return org ? paths.app.organization.getHref(org) : null;
    case 'payment_method':
      return org ? paths.app.organization.section(org, 'payment-methods') : null;
    case 'invoice':
      return id ? paths.app.invoice.getHref(id) : null;
    case 'autopay_rule':
      return org ? paths.app.organization.section(org, 'autopay') : null;
    case 'autopay_run':
      return paths.app.autopay.getHref();
    case 'ach_return':
      return paths.app.achReturns.getHref();
    case 'user':
      return paths.app.settings.users.getHref();
    case 'api_key':
      return paths.app.settings.apiKeys.getHref();
    case 'access_profile':
      return paths.app.settings.accessProfiles.getHref();
    case 'email':
      return id ? paths.app.email.getHref(id) : null;
    default:
      return null;
  }
}

/** Counts a batch recorded ("12 invoices, 3 new"). */
function batchDetail(e: AuditLogEntryResponseDto): string | null {
  const ids = e.after?.ids;
  const created = e.after?.created;
  if (!Array.isArray(ids)) return null;
  const count = `${ids.length} ${ids.length === 1 ? 'invoice' : 'invoices'}`;
  return typeof created === 'number' ? `${count}, ${created} new` : count;
}

/** "Made payment PAY-000123" with the payment linked; never a raw code or id. */
export function AuditEntryText({ entry }: { entry: AuditLogEntryResponseDto }) {
  const sentence = describeAction(entry.action);
  if (NO_OBJECT.has(entry.action)) return <>{sentence}</>;
  const batch = batchDetail(entry);
  if (batch) return <>{`${sentence} (${batch})`}</>;
  const label = entityLabel(entry);
  const href = entityHref(entry);
  if (!label) return href ? <Link to={href}>{sentence}</Link> : <>{sentence}</>;
  return (
    <>
      {sentence} {href ? <Link to={href}>{label}</Link> : <strong>{label}</strong>}
    </>
  );
}
