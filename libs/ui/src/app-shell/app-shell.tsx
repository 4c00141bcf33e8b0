import type { ReactNode } from 'react';

export interface AppShellProps {
  /** Logo or product name at the top of the left navigation. */
  brand: ReactNode;
  /** Navigation links; give active links the class `active` (react-router NavLink does). */
  nav: ReactNode;
  navFooter?: ReactNode;
  topBar: ReactNode;
  children: ReactNode;
}

export function AppShell({ brand, nav, navFooter, topBar, children }: AppShellProps) {
  return (
    <div className="ui-shell">
      <aside className="ui-shell__sidebar">
        <div className="ui-shell__brand">{brand}</div>
        <nav className="ui-shell__nav" aria-label="Main">
          {nav}
        </nav>
        {navFooter && <div className="ui-shell__nav-footer">{navFooter}</div>}
      </aside>
      <div className="ui-shell__main">
        <header className="ui-shell__topbar">{topBar}</header>
        <main className="ui-shell__content">{children}</main>
      </div>
    </div>
  );
}

export function PageHeader({ title, actions }: { title: ReactNode; actions?: ReactNode }) {
  return (
    <div className="ui-page-header">
      <h1>{title}</h1>
      {actions && <div className="ui-page-header__actions">{actions}</div>}
    </div>
  );
}
