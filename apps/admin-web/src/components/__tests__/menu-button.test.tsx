import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { MenuButton } from '../menu-button';

const ITEMS = [
  { label: 'Retry', onSelect: () => {} },
  { label: 'Dismiss Syncing', onSelect: () => {} },
  { label: 'Hide from portal', onSelect: () => {} },
];

/** The button sits at the right and bottom of a 1440 × 900 window, as in a table's last row. */
function placeButton(rect: { left: number; top: number; width: number; height: number }) {
  vi.spyOn(window, 'innerWidth', 'get').mockReturnValue(1440);
  vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(900);
  const original = HTMLElement.prototype.getBoundingClientRect;
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
    this: HTMLElement,
  ) {
    if (this.getAttribute('aria-haspopup') !== 'menu') return original.call(this);
    return DOMRect.fromRect({ height: rect.height, width: rect.width, x: rect.left, y: rect.top });
  });
  vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get').mockReturnValue(220);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(130);
}

describe('MenuButton', () => {
  it('opens its menu in the window, clear of a scrolling table, beside and above a button at the bottom right', async () => {
    placeButton({ height: 32, left: 1376, top: 850, width: 48 });
    const user = userEvent.setup();
    render(
      <div style={{ overflowX: 'auto' }}>
        <MenuButton label="⋯" accessibleLabel="Actions for PAY-000002" items={ITEMS} />
      </div>,
    );
    await user.click(screen.getByRole('button', { name: 'Actions for PAY-000002' }));
    const menu = screen.getByRole('menu');
    expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual([
      'Retry',
      'Dismiss Syncing',
      'Hide from portal',
    ]);
    // right edges aligned (1424 − 220), and above the button (850 − 4 − 130)
    expect(menu.style.left).toBe('1204px');
    expect(menu.style.top).toBe('716px');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Retry' }));
  });

  it('follows the button when something scrolls', async () => {
    placeButton({ height: 32, left: 100, top: 200, width: 48 });
    const user = userEvent.setup();
    render(<MenuButton label="Actions" items={ITEMS} />);
    await user.click(screen.getByRole('button', { name: /Actions/ }));
    expect(screen.getByRole('menu').style.top).toBe('236px');

    placeButton({ height: 32, left: 60, top: 150, width: 48 });
    window.dispatchEvent(new Event('scroll'));
    expect(await screen.findByRole('menu')).toHaveStyle({ left: '60px', top: '186px' });
  });
});
