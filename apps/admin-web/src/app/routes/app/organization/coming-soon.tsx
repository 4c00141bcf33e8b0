import { Card, EmptyState } from '@settle/ui';
import { Navigate, useParams } from 'react-router';

import { paths } from '@/config/paths';

const SECTIONS: Record<string, { title: string; text: string }> = {
  autopay: {
    title: 'AutoPay',
    text: 'AutoPay rules and approvals for this organization will be set up here. This arrives with the AutoPay work.',
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
