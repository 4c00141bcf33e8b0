import { Branding } from './email-types';

const DEFAULT_ACCENT = '#2563eb';
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const IMAGE_DATA_URL = /^data:(image\/(?:png|jpeg|gif|webp|svg\+xml));base64,([a-z0-9+/]+=*)$/i;

/**
 * The accent colour goes into style attributes and PDF drawing calls, so anything but a plain hex
 * colour (a stray `;` would start another CSS declaration) falls back to the default.
 */
export function accentColor(branding: Branding): string {
  const color = branding.accentColor.trim();
  if (!HEX_COLOR.test(color)) return DEFAULT_ACCENT;
  if (color.length === 4)
    return `#${[...color.slice(1)].map((digit) => digit + digit).join('')}`.toLowerCase();
  return color.toLowerCase();
}

function channels(hexColor: string): number[] {
  return [1, 3, 5].map((start) => parseInt(hexColor.slice(start, start + 2), 16));
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
function luminance(hexColor: string): number {
  const [red, green, blue] = channels(hexColor).map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** White on dark accents, near-black on light ones. */
export function textColorOn(hexColor: string): string {
  return luminance(hexColor) > 0.45 ? '#111827' : '#ffffff';
}

/**
 * The accent for text on white: a light brand colour (yellow, pale green) is darkened in steps
 * until it reaches WCAG's 4.5:1 contrast, keeping its hue.
 */
export function accentTextColor(hexColor: string): string {
  let color = hexColor;
  for (let factor = 0.9; 1.05 / (luminance(color) + 0.05) < 4.5 && factor > 0; factor -= 0.1) {
    color = `#${channels(hexColor)
      .map((channel) =>
        Math.round(channel * factor)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
  }
  return color;
}

export interface LogoImage {
  mediaType: string;
  dataUrl: string;
  base64: string;
}

/** The logo when it is an image data URL; anything else (a remote URL, garbage) means no logo. */
export function logoImage(branding: Branding): LogoImage | null {
  const match = branding.logoDataUrl?.trim().match(IMAGE_DATA_URL);
  if (!match) return null;
  return { base64: match[2], dataUrl: match[0], mediaType: match[1].toLowerCase() };
}
