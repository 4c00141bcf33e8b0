import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

import { menuPlace } from './menu-place';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  /** Why the item is disabled, shown under it. */
  hint?: string;
}

/**
 * A button that opens a short menu of actions (ARIA menu button): arrow keys move between the
 * items, Escape or a click elsewhere closes it and focus returns to the button. The menu is
 * placed in the window (fixed), so in a table's last column or last row it is not cut off by the
 * table's sideways scrolling; it follows the button when the page or the table scrolls.
 */
export function MenuButton({
  label,
  accessibleLabel,
  items,
  size = 'sm',
}: {
  label: ReactNode;
  /** The button's name for screen readers when `label` alone is ambiguous ("Email Dana Lee"). */
  accessibleLabel?: string;
  items: readonly MenuItem[];
  size?: 'sm' | 'md';
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const menuId = useId();

  const itemsOf = () =>
    Array.from(
      ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [],
    );

  useEffect(() => {
    if (!open) return;
    itemsOf()[0]?.focus();
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  // placed before it is painted, and again whenever anything scrolls or the window resizes
  useLayoutEffect(() => {
    if (!open) return;
    const position = () => {
      const button = buttonRef.current;
      const panel = panelRef.current;
      if (!button || !panel) return;
      setPlace(
        menuPlace(
          button.getBoundingClientRect(),
          { height: panel.offsetHeight, width: panel.offsetWidth },
          { height: window.innerHeight, width: window.innerWidth },
        ),
      );
    };
    position();
    window.addEventListener('scroll', position, true);
    window.addEventListener('resize', position);
    return () => {
      window.removeEventListener('scroll', position, true);
      window.removeEventListener('resize', position);
      setPlace(null);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onMenuKey = (e: React.KeyboardEvent) => {
    const all = itemsOf();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      all[(at + 1) % all.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      all[(at - 1 + all.length) % all.length]?.focus();
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="app-menu" ref={ref}>
      <button
        ref={buttonRef}
        type="button"
        className={size === 'sm' ? 'ui-button ui-button--secondary ui-button--sm' : 'ui-button'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={accessibleLabel}
        onClick={() => setOpen((o) => !o)}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          ref={panelRef}
          className="app-menu__panel"
          role="menu"
          id={menuId}
          style={place ?? undefined}
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              className="app-menu__item"
              disabled={item.disabled}
              onClick={() => {
                close();
                item.onSelect();
              }}
            >
              {item.label}
              {item.hint && <span className="ui-muted app-menu__hint">{item.hint}</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
