import { isApiError } from '@settle/api-client';
import { Button, ConfirmDialog, EmptyState, ErrorState, LoadingState, useToast } from '@settle/ui';
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';

import { useOrganization } from '@/api/organizations/get-organization';
import { paths, type OrganizationSection } from '@/config/paths';
import { useMsp } from '@/lib/msp-context';

import { useOpenInvoiceCount } from '../api/get-open-invoice-count';
import { useOpenPortalView } from '../api/open-portal-view';
import { useUpdateOrganization } from '../api/update-organization';

import { IntegrationChips } from './integration-chips';
import { OrganizationFormDialog } from './organization-form-dialog';

const MENU: { section: OrganizationSection; label: string; sub?: boolean }[] = [
  { section: 'details', label: 'Organization Details' },
  { section: 'contacts', label: 'Contacts', sub: true },
  { section: 'balance', label: 'Balance' },
  { section: 'open-invoices', label: 'Open Invoices' },
  { section: 'credits', label: 'Organization Credits' },
  { section: 'pending-payments', label: 'Pending Payments' },
  { section: 'scheduled-payments', label: 'Scheduled Payments' },
  { section: 'payments-calendar', label: 'Payments Calendar' },
  { section: 'payment-methods', label: 'Payment Methods' },
  { section: 'autopay', label: 'AutoPay' },
  { section: 'invoice-history', label: 'Invoice History' },
  { section: 'transaction-history', label: 'Transaction History' },
];

export function OrganizationLayout({ id }: { id: string }) {
  const toast = useToast();
  const { user } = useMsp();
  const canEdit = user.role !== 'viewer';
  const organization = useOrganization({ id });
  const openInvoiceCount = useOpenInvoiceCount({
    organizationId: id,
    queryConfig: { enabled: organization.isSuccess },
  });
  const [editing, setEditing] = useState(false);
  const menuRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    // On a phone the menu is a sideways strip: keep the current section in view.
    const menu = menuRef.current;
    const active = menu?.querySelector<HTMLElement>('.active');
    if (menu && active && menu.scrollWidth > menu.clientWidth)
      menu.scrollLeft = active.offsetLeft - menu.offsetLeft - 8;
  }, [pathname, organization.isSuccess]);
  const [togglingStatus, setTogglingStatus] = useState(false);
  const update = useUpdateOrganization({
    mutationConfig: {
      onSuccess: (org) => {
        setTogglingStatus(false);
        toast.show({
          title: org.status === 'hidden' ? 'Organization hidden' : 'Organization shown',
          message: `${org.name} is now ${org.status}.`,
        });
      },
      onError: (err) =>
        toast.show({
          title: 'Could not update the organization',
          message: isApiError(err) ? err.detail : undefined,
          variant: 'error',
        }),
    },
  });

  const portalView = useOpenPortalView();
  // The tab opens on the click (a popup blocker allows that), then goes to the link once made.
  const openCustomerPortal = () => {
    const tab = window.open('', '_blank');
    portalView.mutate(
      { organizationId: id },
      {
        onSuccess: ({ url }) => {
          if (tab) tab.location.href = url;
          else window.location.href = url;
        },
        onError: (err) => {
          tab?.close();
          toast.show({
            title: 'Could not open the Customer Portal view',
            message: isApiError(err) ? err.detail : undefined,
            variant: 'error',
          });
        },
      },
    );
  };

  const back = (
    <Link to={paths.app.organizations.getHref()} className="app-back-link">
      ‹ Back to Organizations
    </Link>
  );

  if (organization.isPending) return <LoadingState label="Loading organization…" />;
  if (organization.isError) {
    const notFound = isApiError(organization.error) && organization.error.status === 404;
    return (
      <>
        {back}
        {notFound ? (
          <EmptyState
            title="Organization not found"
            text="It may have been removed, or the link is wrong."
            action={<Link to={paths.app.organizations.getHref()}>All organizations</Link>}
          />
        ) : (
          <ErrorState
            message={
              isApiError(organization.error)
                ? organization.error.detail
                : 'Could not load the organization.'
            }
            requestId={isApiError(organization.error) ? organization.error.requestId : null}
          />
        )}
      </>
    );
  }

  const org = organization.data;
  const hidden = org.status === 'hidden';
  const openCount = openInvoiceCount.data;

  return (
    <>
      {back}
      <div className="ui-page-header app-org-header">
        <div>
          <h1>
            {org.name}
            {hidden && <span className="ui-badge app-org-header__badge">Hidden</span>}
          </h1>
          {org.parentOrganizationId && (
            <p className="ui-muted app-org-header__parent">
              Billed through{' '}
              <Link to={paths.app.organization.getHref(org.parentOrganizationId)}>
                {org.parentOrganizationName ?? 'parent organization'}
              </Link>
            </p>
          )}
        </div>
        <div className="ui-page-header__actions">
          <IntegrationChips organizationId={org.id} links={org.links} />
          <Button
            size="sm"
            onClick={openCustomerPortal}
            disabled={portalView.isPending}
            title="The portal as this organization's contacts see it, read only"
          >
            Customer Portal
          </Button>
          {canEdit && (
            <>
              <Link
                className="ui-button ui-button--secondary ui-button--sm"
                to={paths.app.reconciliation.getHref({ organizationId: org.id })}
                title="Compare this organization's payments in Settle, QuickBooks and the gateway"
              >
                Reconcile
              </Link>
              <Button size="sm" onClick={() => setEditing(true)}>
                Edit
              </Button>
              <Button size="sm" onClick={() => setTogglingStatus(true)}>
                {hidden ? 'Show organization' : 'Hide organization'}
              </Button>
            </>
          )}
        </div>
      </div>
      <div className="app-org-layout">
        <nav className="app-side-menu" aria-label="Organization sections" ref={menuRef}>
          {MENU.map((m) => (
            <NavLink
              key={m.section}
              to={paths.app.organization.section(id, m.section)}
              end
              className={({ isActive }) =>
                ['app-side-menu__link', m.sub && 'app-side-menu__link--sub', isActive && 'active']
                  .filter(Boolean)
                  .join(' ')
              }
            >
              {m.label}
              {m.section === 'open-invoices' && openCount !== undefined && (
                <span className="app-side-menu__count"> ({openCount})</span>
              )}
            </NavLink>
          ))}
        </nav>
        <div className="app-org-layout__content">
          <Outlet />
        </div>
      </div>
      <OrganizationFormDialog open={editing} organization={org} onClose={() => setEditing(false)} />
      <ConfirmDialog
        open={togglingStatus}
        title={hidden ? 'Show organization' : 'Hide organization'}
        message={
          hidden
            ? `${org.name} will be listed with the active organizations again.`
            : `${org.name} will be hidden from the organization list (choose "Hidden" or "All" to find it). Nothing is deleted.`
        }
        confirmLabel={hidden ? 'Show' : 'Hide'}
        pending={update.isPending}
        onCancel={() => setTogglingStatus(false)}
        onConfirm={() =>
          update.mutate({ id: org.id, data: { status: hidden ? 'active' : 'hidden' } })
        }
      />
    </>
  );
}
