import { EmailLayout } from './layout';
import { Facts, ListTable } from './parts';
import { TemplateProps } from './template-props';

export function AutopayApprovalNeededEmail({
  branding,
  data,
  intro,
}: TemplateProps<'autopay_approval_needed'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`AutoPay run on ${data.runDate} needs approval`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Review approvals', url: data.approvalsUrl }}
    >
      <ListTable
        columns={[
          { title: 'Organization' },
          { title: 'Invoice' },
          { align: 'right', title: 'Amount' },
        ]}
        rows={data.items.map((item) => [item.organizationName, item.number, item.amount])}
        total={['Total', '', data.total]}
      />
    </EmailLayout>
  );
}

export function StaffPaymentMadeEmail({
  branding,
  data,
  intro,
}: TemplateProps<'staff_payment_made'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`${data.organizationName} made a payment`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Open the payment', url: data.paymentUrl }}
    >
      <Facts
        rows={[
          ['Organization', data.organizationName],
          ['Payment', data.paymentNumber],
          ['Amount', data.amount],
          ['Payment method', data.methodLabel],
          ['Paid by', data.paidBy],
        ]}
      />
    </EmailLayout>
  );
}

export function StaffDailySummaryEmail({
  branding,
  data,
  intro,
}: TemplateProps<'staff_daily_summary'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`Daily summary for ${data.date}`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Open the overview', url: data.overviewUrl }}
    >
      <Facts
        rows={[
          ['Collected', data.collected],
          ['Payments', data.paymentsCount],
          ['Failed payments', data.failedPayments],
          ['Emails not delivered', data.failedEmails],
        ]}
      />
    </EmailLayout>
  );
}

export function StaffEmailFailuresEmail({
  branding,
  data,
  intro,
}: TemplateProps<'staff_email_failures'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`${data.failures.length} ${data.failures.length === 1 ? 'email' : 'emails'} not delivered`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Open emails', url: data.emailsUrl }}
    >
      <ListTable
        columns={[{ title: 'To' }, { title: 'Subject' }, { title: 'Error' }]}
        rows={data.failures.map((failure) => [failure.to, failure.subject, failure.error])}
      />
    </EmailLayout>
  );
}

export function StaffAutopaySummaryEmail({
  branding,
  data,
  intro,
}: TemplateProps<'staff_autopay_summary'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`AutoPay run for ${data.runDate}`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Open AutoPay', url: data.autopayUrl }}
    >
      <Facts
        rows={[
          ['Invoices looked at', data.evaluated],
          ['Charged', data.charged],
          ['Failed', data.failed],
          ['Waiting for approval', data.pendingApproval],
          ['Not charged', data.skipped],
        ]}
      />
      {data.problems.length > 0 && (
        <ListTable
          columns={[{ title: 'Problems' }]}
          rows={data.problems.map((problem) => [problem])}
        />
      )}
    </EmailLayout>
  );
}

export function StaffAccessRequestEmail({
  branding,
  data,
  intro,
}: TemplateProps<'staff_access_request'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`${data.requesterName} asks for portal access`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Find the organization', url: data.organizationsUrl }}
    >
      <Facts
        rows={[
          ['Name', data.requesterName],
          ['Email', data.requesterEmail],
          ['Company', data.company],
          ['Asked on', data.requestedAt],
          ['Message', data.message],
        ]}
      />
    </EmailLayout>
  );
}

export function StaffWebhookDisabledEmail({
  branding,
  data,
  intro,
}: TemplateProps<'staff_webhook_disabled'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="A webhook endpoint was disabled"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Open the webhooks', url: data.webhooksUrl }}
    >
      <Facts
        rows={[
          ['Endpoint', data.url],
          ['Failing since', data.failingSince],
          ['Last error', data.lastError],
        ]}
      />
    </EmailLayout>
  );
}

export function StaffSyncFailedEmail({
  branding,
  data,
  intro,
}: TemplateProps<'staff_sync_failed'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="A sync is failing"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Open the integrations', url: data.integrationsUrl }}
    >
      <Facts
        rows={[
          ['Integration', data.integrationName],
          ['Failing since', data.failingSince],
          ['Error', data.error],
        ]}
      />
    </EmailLayout>
  );
}

export function StaffSyncNotRunningEmail({
  branding,
  data,
  intro,
}: TemplateProps<'staff_sync_not_running'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="A sync has not run for 48 hours"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Open the integrations', url: data.integrationsUrl }}
    >
      <Facts
        rows={[
          ['Integration', data.integrationName],
          ['Last successful sync', data.lastSynced],
        ]}
      />
    </EmailLayout>
  );
}

export function StaffAccountingSyncFailingEmail({
  branding,
  data,
  intro,
}: TemplateProps<'staff_accounting_sync_failing'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="Payments are failing to sync"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Resolve now', url: data.paymentsUrl }}
    >
      <Facts
        rows={[
          ['Failing', `${data.failing} of ${data.pushed} payments pushed in the last 30 days`],
          ['Since', data.since],
        ]}
      />
    </EmailLayout>
  );
}

export function TestEmail({ branding, data, intro }: TemplateProps<'test'>) {
  return (
    <EmailLayout branding={branding} heading="Email delivery works" intro={intro}>
      <Facts rows={[['Sent by', data.sentBy]]} />
    </EmailLayout>
  );
}
