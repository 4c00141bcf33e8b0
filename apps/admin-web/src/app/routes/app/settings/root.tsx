import { PageHeader } from '@settle/ui';
import { NavLink, Outlet } from 'react-router';

import { paths } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

const TABS = [
  { name: 'General', to: paths.app.settings.general.getHref(), end: true, adminOnly: false },
  { name: 'Payments', to: paths.app.settings.payments.getHref(), end: false, adminOnly: false },
  { name: 'Email', to: paths.app.settings.email.getHref(), end: false, adminOnly: true },
  { name: 'Users', to: paths.app.settings.users.getHref(), end: false, adminOnly: true },
  { name: 'Security', to: paths.app.settings.security.getHref(), end: false, adminOnly: true },
  {
    name: 'Access profiles',
    to: paths.app.settings.accessProfiles.getHref(),
    end: false,
    adminOnly: true,
  },
  { name: 'API keys', to: paths.app.settings.apiKeys.getHref(), end: false, adminOnly: true },
  { name: 'Webhooks', to: paths.app.settings.webhooks.getHref(), end: false, adminOnly: true },
  { name: 'Audit log', to: paths.app.settings.auditLog.getHref(), end: false, adminOnly: true },
];

export default function SettingsRoot() {
  const { isAdmin } = useMsp();
  return (
    <>
      <PageHeader title="Settings" />
      <nav className="ui-tabs" aria-label="Settings sections">
        {TABS.filter((t) => isAdmin || !t.adminOnly).map((t) => (
          <NavLink key={t.name} to={t.to} end={t.end}>
            {t.name}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
