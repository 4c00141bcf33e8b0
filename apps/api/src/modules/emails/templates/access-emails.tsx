import { EmailLayout } from './layout';
import { TemplateProps } from './template-props';

export function WelcomeEmail({ branding, data, intro }: TemplateProps<'welcome'>) {
  return (
    <EmailLayout
      branding={branding}
      heading={`Welcome to the ${branding.mspName} billing portal`}
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Set your password', url: data.acceptUrl }}
      note={`This invitation expires in ${plural(data.expiresInDays, 'day')}. If you weren't expecting it, you can ignore this email.`}
    />
  );
}

export function PasswordResetEmail({ branding, data, intro }: TemplateProps<'password_reset'>) {
  return (
    <EmailLayout
      branding={branding}
      heading="Reset your password"
      intro={intro}
      recipientName={data.recipientName}
      action={{ label: 'Choose a new password', url: data.resetUrl }}
      note={`This link expires in ${plural(data.expiresInMinutes, 'minute')} and works once.`}
    />
  );
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
