import { EmailLayout } from './layout';
import { Facts } from './parts';
import { TemplateProps } from './template-props';

export function MethodExpiringEmail({ branding, data, intro }: TemplateProps<'method_expiring'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="Your payment method expires soon"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Update payment methods', url: data.portalUrl }}
    >
      <Facts
        rows={[
          ['Payment method', data.methodLabel],
          ['Expires', data.expires],
        ]}
      />
    </EmailLayout>
  );
}

export function MethodExpiredEmail({ branding, data, intro }: TemplateProps<'method_expired'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="Your payment method has expired"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Add a payment method', url: data.portalUrl }}
    >
      <Facts
        rows={[
          ['Payment method', data.methodLabel],
          ['Expired', data.expires],
        ]}
      />
    </EmailLayout>
  );
}
