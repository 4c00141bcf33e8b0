import type { CSSProperties } from 'react';

export const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
export const INK = '#1f2937';
export const MUTED = '#6b7280';
export const BORDER = '#e5e7eb';

export const textStyle: CSSProperties = {
  color: INK,
  fontSize: '15px',
  lineHeight: '24px',
  margin: '0 0 12px',
};
export const smallStyle: CSSProperties = { color: MUTED, fontSize: '13px', lineHeight: '20px' };
