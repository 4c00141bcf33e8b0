/**
 * What each audit action code the API writes means, as the start of a sentence whose object is
 * the entity ("Made payment PAY-000123"). A test reads the API's sources and fails on a code
 * missing here; a code from a newer API than this build still reads as words (humaniseAction).
 */
export const AUDIT_ACTIONS: Record<string, string> = {
  'access_profile.created': 'Created access profile',
  'access_profile.deleted': 'Deleted access profile',
  'access_profile.updated': 'Changed access profile',
  'ach_return.dismissed': 'Dismissed ACH return',
  'ach_return.resolved': 'Resolved ACH return',
  'api_key.created': 'Created API key',
  'api_key.revoked': 'Revoked API key',
  'auth.login': 'Signed in',
  'autopay.run_started': 'Started',
  'autopay_rule.created': 'Added AutoPay rule',
  'autopay_rule.deleted': 'Deleted AutoPay rule',
  'autopay_rule.updated': 'Changed AutoPay rule',
  'autopay_rules.reordered': 'Reordered the AutoPay rules of',
  'auth.throttled': 'Slowed down repeated sign-in attempts for',
  'contact.access_revoked': 'Removed the portal access of contact',
  'portal.invitation_accepted': 'Accepted the portal invitation:',
  'portal.login': 'Signed in to the portal:',
  'portal.password_reset': 'Reset the portal password:',
  'contact.added': 'Added contact',
  'contact.linked': 'Linked contact to another organization:',
  'contact.updated': 'Changed contact',
  'email.account_summary_sent': 'Sent the account summary of',
  'email.password_reset_sent': 'Sent a password reset email to contact',
  'email.resent': 'Resent email',
  'email.test_sent': 'Sent a test email to',
  'email.welcome_sent': 'Sent a welcome email to contact',
  'entity.hidden': 'Hid synced record',
  'entity.mapped': 'Linked synced record to an organization:',
  'entity.resynced': 'Synced again the record',
  'entity.unhidden': 'Showed again synced record',
  'entity.unmapped': 'Unlinked synced record',
  'integration.created': 'Connected integration',
  'integration.deleted': 'Removed integration',
  'integration.updated': 'Changed integration',
  'invoice.upserted': 'Received invoice',
  'invoices.bulk_upserted': 'Received a batch of invoices',
  'sync_run.started': 'Started a sync of',
  'organization.created': 'Created organization',
  'organization.email_exclusions_set': 'Chose the email exclusions of',
  'organization.notification_contacts_set': 'Chose the notification contacts of',
  'organization.portal_viewed': 'Opened the Customer Portal view of',
  'organization.updated': 'Changed organization',
  'organization.upserted': 'Received organization',
  'organization_note.created': 'Added a note',
  'organization_note.deleted': 'Deleted a note',
  'organization_note.updated': 'Changed a note',
  'payment.approved': 'Approved AutoPay payment',
  'payment.cancelled': 'Cancelled payment',
  'payment.rejected': 'Rejected AutoPay payment',
  'payment.created': 'Made payment',
  'payment.refund_requested': 'Asked for a refund of payment',
  'payment.rescheduled': 'Rescheduled payment',
  'payment.scheduled': 'Scheduled payment',
  'payment_method.created': 'Added payment method',
  'payment_method.removed': 'Removed payment method',
  'payment_method.unlocked': 'Unlocked payment method',
  'payment_method.updated': 'Changed payment method',
  'sandbox.clock_advanced': 'Moved the sandbox clock forward',
  'settings.autopay_updated': 'Changed when declined AutoPay charges are retried',
  'settings.email_notices_updated': 'Changed when invoice and card notices are emailed',
  'settings.email_template_updated': 'Changed the template of the',
  'settings.email_updated': 'Changed the email settings',
  'settings.general_updated': 'Changed the general settings',
  'settings.payments_updated': 'Changed the payment settings',
  'settings.staff_notifications_updated': 'Changed which staff get notification emails',
  'user.created': 'Added user',
  'user.password_reset': 'Reset the password of user',
  'user.updated': 'Changed user',
};

/** "payment_method.lock_cleared" → "Payment method: lock cleared". */
export function humaniseAction(code: string): string {
  const words = (part: string) => part.replace(/[_-]+/g, ' ').trim();
  const [subject = '', ...rest] = code.split('.');
  const text = rest.length ? `${words(subject)}: ${words(rest.join(' '))}` : words(subject);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function describeAction(code: string): string {
  return AUDIT_ACTIONS[code] ?? humaniseAction(code);
}
