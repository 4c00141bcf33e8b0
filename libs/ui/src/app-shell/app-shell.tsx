import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

import { cn } from '../utils/cn';

export interface AppShellProps {
  /** Logo or product name at the top of the left navigation. */
  brand: ReactNode;
  /** Navigation links; give active links the class `active` (react-router NavLink does). */
  nav: ReactNode;
  navFooter?: ReactNode;
  topBar: ReactNode;
  /**
   * Changes whenever the app navigates (the location's path): the phone menu closes then, however
   * the navigation happened (a menu link, the back button, a link in the page).
   */
  navigationKey?: string;
  children: ReactNode;
}

/**
 * The staff layout: a fixed sidebar on wide screens; below 900 px (styles.css) the sidebar becomes
 * a drawer behind the "Main menu" button, so the page keeps the full width of a phone.
 */
export function AppShell({
  brand,
  nav,
  navFooter,
  topBar,
  navigationKey = '',
  children,
}: AppShellProps) {
  const sidebarId = useId();
  // The menu is open for the location it was opened at: navigating anywhere closes it.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === navigationKey;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const sidebarRef = useRef<HTMLElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const wasOpen = useRef(false);

  const closeToButton = () => {
    setOpenAt(null);
    buttonRef.current?.focus();
  };

  useEffect(() => {
    if (open) {
      wasOpen.current = true;
      sidebarRef.current?.querySelector<HTMLElement>('nav a[href]')?.focus();
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== 'Escape') return;
        setOpenAt(null);
        buttonRef.current?.focus();
      };
      document.addEventListener('keydown', onKey);
      return () => document.removeEventListener('keydown', onKey);
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    // Closed by a navigation: the focused menu link is hidden now, so focus the new page.
    const focused = document.activeElement;
    if (!focused || focused === document.body || sidebarRef.current?.contains(focused))
      mainRef.current?.focus({ preventScroll: true });
  }, [open]);

  return (
    <div className={cn('ui-shell', open && 'ui-shell--menu-open')}>
      <aside className="ui-shell__sidebar" id={sidebarId} ref={sidebarRef}>
        <div className="ui-shell__brand">
          {brand}
          <button
            type="button"
            className="ui-shell__menu-close"
            aria-label="Close menu"
            onClick={closeToButton}
          >
            ×
          </button>
        </div>
        <nav className="ui-shell__nav" aria-label="Main">
          {nav}
        </nav>
        {navFooter && <div className="ui-shell__nav-footer">{navFooter}</div>}
      </aside>
      {open && <div className="ui-shell__backdrop" aria-hidden="true" onClick={closeToButton} />}
      <div className="ui-shell__main">
        <header className="ui-shell__topbar">
          <button
            type="button"
            ref={buttonRef}
            className="ui-shell__menu-button"
            aria-label="Main menu"
            aria-expanded={open}
            aria-controls={sidebarId}
            onClick={() => setOpenAt(open ? null : navigationKey)}
          >
            <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
              <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" />
            </svg>
          </button>
          {topBar}
        </header>
        <main className="ui-shell__content" ref={mainRef} tabIndex={-1}>
          {children}
        </main>
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
