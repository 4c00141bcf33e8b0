import { AppShell } from '@settle/ui';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';

import { paths } from '@/config/paths';

import { OrganizationSearch } from './organization-search';

/** Counts shown beside menu entries (from the attention report); absent while loading. */
export interface NavCounts {
  achReturns?: number;
  lockedPaymentMethods?: number;
}

export const NAV_ITEMS: readonly {
  name: string;
  to: string;
  end: boolean;
  count?: keyof NavCounts;
  /** Not shown to viewers (the API refuses them). */
  staffOnly?: boolean;
}[] = [
  { name: 'Overview', to: paths.app.overview.getHref(), end: true },
  { name: 'Organizations', to: paths.app.organizations.getHref(), end: false },
  { name: 'Payments', to: paths.app.payments.getHref(), end: false },
  { name: 'ACH Returns', to: paths.app.achReturns.getHref(), end: false, count: 'achReturns' },
  {
    name: 'Locked Payment Methods',
    to: paths.app.lockedPaymentMethods.getHref(),
    end: false,
    count: 'lockedPaymentMethods',
  },
  { name: 'AutoPay', to: paths.app.autopay.getHref(), end: false },
  { name: 'Integrations', to: paths.app.integrations.getHref(), end: false },
  { name: 'Entities', to: paths.app.entities.getHref(), end: false },
  { name: 'Reports', to: paths.app.reports.getHref(), end: false },
  {
    name: 'Reconciliation',
    to: paths.app.reconciliation.getHref(),
    end: false,
    staffOnly: true,
  },
  { name: 'Emails', to: paths.app.emails.getHref(), end: false, staffOnly: true },
  { name: 'Settings', to: paths.app.settings.getHref(), end: false },
];

const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  billing: 'Billing',
  viewer: 'Viewer',
};

export interface DashboardLayoutProps {
  user: { name: string; email: string; role: string };
  mspName: string;
  logoDataUrl: string | null;
  isAdmin: boolean;
  navCounts?: NavCounts;
  onLogout: () => void;
  loggingOut?: boolean;
  children: ReactNode;
}

export function DashboardLayout({
  user,
  mspName,
  logoDataUrl,
  isAdmin,
  navCounts = {},
  onLogout,
  loggingOut,
  children,
}: DashboardLayoutProps) {
  const { pathname } = useLocation();
  return (
    <AppShell
      navigationKey={pathname}
      brand={
        logoDataUrl ? (
          <img src={logoDataUrl} alt={mspName || 'Logo'} />
        ) : (
          <span>{mspName || 'Settle'}</span>
        )
      }
      nav={NAV_ITEMS.filter((item) => !item.staffOnly || user.role !== 'viewer').map((item) => {
        const count = item.count ? navCounts[item.count] : undefined;
        return (
          <NavLink key={item.name} to={item.to} end={item.end}>
            {item.name}
            {count !== undefined && (
              <>
                {' '}
                <span
                  className={count > 0 ? 'app-nav__count app-nav__count--alert' : 'app-nav__count'}
                >
                  ({count})
                </span>
              </>
            )}
          </NavLink>
        );
      })}
      navFooter={isAdmin ? <a href={paths.queues.getHref()}>Queues</a> : undefined}
      topBar={
        <>
          <OrganizationSearch />
          <UserMenu user={user} onLogout={onLogout} loggingOut={loggingOut} />
        </>
      }
    >
      {children}
    </AppShell>
  );
}

function UserMenu({
  user,
  onLogout,
  loggingOut,
}: {
  user: DashboardLayoutProps['user'];
  onLogout: () => void;
  loggingOut?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const initials = user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join('');

  return (
    <div className="app-user-menu" ref={ref}>
      <button
        type="button"
        className="app-user-menu__button"
        aria-label="User menu"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="app-avatar" aria-hidden="true">
          {initials || '?'}
        </span>
        <span className="app-user-menu__name">{user.name}</span>
      </button>
      {open && (
        <div className="app-user-menu__panel" role="menu">
          <div className="app-user-menu__who">
            <strong>{user.name}</strong>
            <span className="ui-muted">{user.email}</span>
            <span className="ui-badge">{ROLE_LABELS[user.role] ?? user.role}</span>
          </div>
          <NavLink
            to={paths.app.accountSecurity.getHref()}
            role="menuitem"
            className="app-user-menu__item"
            onClick={() => setOpen(false)}
          >
            Account security
          </NavLink>
          <button
            type="button"
            role="menuitem"
            className="app-user-menu__item"
            onClick={onLogout}
            disabled={loggingOut}
          >
            Log out
          </button>
        </div>
      )}
    </div>
  );
}
