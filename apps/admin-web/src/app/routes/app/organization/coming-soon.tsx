import { Card, EmptyState } from '@settle/ui';
import { Navigate, useParams } from 'react-router';

import { paths } from '@/config/paths';

const SECTIONS: Record<string, { title: string; text: string }> = {
  'pending-payments': {
    title: 'Pending Payments',
    text: 'Payments that are processing (such as ACH/EFT awaiting settlement) will be listed here. This arrives with the payments work.',
  },
  'scheduled-payments': {
    title: 'Scheduled Payments',
    text: 'Payments scheduled for a future date will be listed here, ready to reschedule or cancel. This arrives with the payments work.',
  },
  'payments-calendar': {
    title: 'Payments Calendar',
    text: 'Scheduled payments and AutoPay charges for this organization will appear on the day they are due. This arrives with the payments and AutoPay work.',
  },
  'payment-methods': {
    title: 'Payment Methods',
    text: 'Saved cards and bank accounts for this organization will be managed here. This arrives with the payments work.',
  },
  autopay: {
    title: 'AutoPay',
    text: 'AutoPay rules and approvals for this organization will be set up here. This arrives with the AutoPay work.',
  },
  'transaction-history': {
    title: 'Transaction History',
    text: 'Every payment, refund and return for this organization will be listed here. This arrives with the payments work.',
  },
};

export default function OrganizationComingSoonRoute() {
  const { id = '', section = '' } = useParams();
  const info = SECTIONS[section];
  if (!info) return <Navigate to={paths.app.organization.getHref(id)} replace />;
  return (
    <Card title={info.title}>
      <EmptyState bare title="Coming with the payments / AutoPay work" text={info.text} />
    </Card>
  );
}
