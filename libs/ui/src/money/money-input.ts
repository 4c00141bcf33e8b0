/**
 * Money typed by a person ("1,500.50", "$20", "€20") to integer minor units, and back, without ever going
 * through a float: the text is split on the decimal point and both parts are read as integers.
 */

export type MoneyInputResult = { ok: true; minor: number } | { ok: false; error: string };

/** Largest whole amount accepted (keeps `whole * 10^digits` far inside Number.MAX_SAFE_INTEGER). */
const MAX_WHOLE_DIGITS = 12;

export function parseMoneyInput(text: string, fractionDigits = 2): MoneyInputResult {
  // a pasted sign ("$20", "CA$20", "€20") is the one the field already shows in front
  const cleaned = text
    .trim()
    .replace(/^[A-Z]{0,3}\p{Sc}/u, '')
    .replace(/,/g, '')
    .trim();
  if (cleaned === '') return { ok: false, error: 'Enter an amount' };
  if (cleaned.startsWith('-')) return { ok: false, error: 'Enter an amount greater than zero' };
  if (!/^\d*(\.\d*)?$/.test(cleaned) || cleaned === '.') {
    return { ok: false, error: 'Enter an amount such as 1500.00' };
  }
  const [wholeText = '', fractionText = ''] = cleaned.split('.');
  if (fractionText.length > fractionDigits) {
    return {
      ok: false,
      error:
        fractionDigits === 0
          ? 'Enter a whole amount'
          : `Use at most ${fractionDigits} decimal places`,
    };
  }
  const whole = wholeText.replace(/^0+(?=\d)/, '');
  if (whole.length > MAX_WHOLE_DIGITS) return { ok: false, error: 'The amount is too large' };
  const scale = 10 ** fractionDigits;
  const minor =
    Number(whole || '0') * scale + Number(fractionText.padEnd(fractionDigits, '0') || '0');
  return { ok: true, minor };
}

/** Integer minor units as the plain text an amount input holds: 150050 → "1500.50". */
export function minorToInput(minor: number, fractionDigits = 2): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Not an integer amount: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (fractionDigits === 0) return `${sign}${abs}`;
  const scale = 10 ** fractionDigits;
  const whole = Math.floor(abs / scale);
  const fraction = String(abs % scale).padStart(fractionDigits, '0');
  return `${sign}${whole}.${fraction}`;
}
