import { useEffect } from 'react';

import { useBranding } from '../api/get-branding';

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** White or near-black text, whichever reads better on the accent colour. */
export function contrastColor(hex: string): string {
  let h = hex.slice(1);
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  return luminance > 0.45 ? '#0f172a' : '#ffffff';
}

export function applyBranding(branding: { mspName?: string; accentColor?: string } | undefined) {
  const root = document.documentElement;
  if (branding?.accentColor && HEX.test(branding.accentColor)) {
    root.style.setProperty('--accent', branding.accentColor);
    root.style.setProperty('--accent-contrast', contrastColor(branding.accentColor));
  }
  document.title = branding?.mspName ? `${branding.mspName} · Settle` : 'Settle';
}

/** Fetches the public branding once and applies accent colour and title to the document. */
export function ApplyBranding() {
  const { data } = useBranding();
  useEffect(() => {
    if (data) applyBranding(data);
  }, [data]);
  return null;
}
