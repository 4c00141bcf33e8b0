import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { menuPlace } from './menu-place';

const WINDOW = { height: 844, width: 390 };
const MENU = { height: 130, width: 220 };
const button = (left: number, top: number, width = 48, height = 32) => ({
  bottom: top + height,
  left,
  right: left + width,
  top,
});

describe('menuPlace', () => {
  it('opens under the button, from its left edge, when there is room', () => {
    expect(menuPlace(button(20, 100), MENU, WINDOW)).toEqual({ left: 20, top: 136 });
  });

  it('opens from the button’s right edge in a last column at the window’s right', () => {
    // the accounting sync menu of a payment at 1440 px: the button ends 16 px from the edge
    expect(menuPlace(button(1376, 400), MENU, { height: 900, width: 1440 })).toEqual({
      left: 1424 - 220,
      top: 436,
    });
  });

  it('opens above the button in the last row at the window’s bottom', () => {
    expect(menuPlace(button(20, 780), MENU, WINDOW)).toEqual({ left: 20, top: 780 - 4 - 130 });
  });

  it('stays under the button when there is room neither below nor above', () => {
    expect(menuPlace(button(20, 100), { height: 800, width: 220 }, WINDOW).top).toBe(136);
  });

  it('is never off the window’s left edge, and within its right edge whenever it fits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: WINDOW.width - 48 }),
        fc.integer({ min: 0, max: WINDOW.height - 32 }),
        fc.integer({ min: 80, max: WINDOW.width - 16 }),
        (left, top, width) => {
          const place = menuPlace(button(left, top), { height: 130, width }, WINDOW);
          expect(place.left).toBeGreaterThanOrEqual(8);
          expect(place.left + width).toBeLessThanOrEqual(Math.max(WINDOW.width - 8, left + 48));
          // touching the button: just under it or just above it
          expect([top + 32 + 4, top - 4 - 130]).toContain(place.top);
        },
      ),
    );
  });
});
