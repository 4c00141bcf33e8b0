interface Box {
  top: number;
  right: number;
  bottom: number;
  left: number;
}
interface Size {
  width: number;
  height: number;
}

/** Between the button and its menu, and between the menu and the window's edges. */
const GAP = 4;
const MARGIN = 8;

/**
 * Where a menu opens, in window coordinates (it is fixed, so a table that scrolls sideways does
 * not clip it): under the button and from its left edge; from its right edge when the window
 * ends first, and above it when there is no room below but room above; never off the left edge.
 */
export function menuPlace(button: Box, menu: Size, window: Size): { top: number; left: number } {
  const fitsRight = button.left + menu.width <= window.width - MARGIN;
  const left = Math.max(MARGIN, fitsRight ? button.left : button.right - menu.width);
  const below = button.bottom + GAP;
  const above = button.top - GAP - menu.height;
  const fitsBelow = below + menu.height <= window.height - MARGIN;
  return { left, top: !fitsBelow && above >= MARGIN ? above : below };
}
