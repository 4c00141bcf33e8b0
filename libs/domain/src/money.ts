/**
 * Money is an integer count of minor units, with its ISO 4217 code kept alongside (a column, a
 * `currency` field). Floats never touch amounts: a float cent is how ledgers drift by a penny and
 * then refuse to reconcile.
 */
export class MoneyError extends Error {
  override name = 'MoneyError';
}

// String() throws on some objects (no prototype); an error message must never throw.
function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

function assertCurrency(currency: unknown): string {
  if (typeof currency !== 'string' || !CURRENCY_CODE.test(currency)) {
    throw new MoneyError(`Currency must be three upper-case letters, got ${describe(currency)}`);
  }
  return currency;
}

// -0 and 0 must be the same amount, or equality checks and JSON round trips disagree.
function checked(amount: number, what: string): number {
  if (!Number.isSafeInteger(amount)) {
    throw new MoneyError(`${what} is not a safe integer number of minor units: ${amount}`);
  }
  return amount === 0 ? 0 : amount;
}

/** Building an Intl.NumberFormat takes tens of µs: too slow per amount of a large CSV. */
const minorUnitDigitsByCurrency = new Map<string, number>();

/**
 * Digits after the decimal point for a currency, as ICU/CLDR knows them. CLDR gives display
 * digits, which for a few currencies (HUF, IDR, PKR, IQD, COP...) differ from ISO 4217 and from
 * what gateways expect; check a currency here before enabling it.
 */
export function minorUnitDigits(currency: string): number {
  const code = assertCurrency(currency);
  let digits = minorUnitDigitsByCurrency.get(code);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits as number;
    minorUnitDigitsByCurrency.set(code, digits);
  }
  return digits;
}

/**
 * An amount in major units as a plain decimal string (`125050` USD → `"1250.50"`, `1250` JPY →
 * `"1250"`), exact at any size, for edge formats such as CSV that a spreadsheet reads as a number.
 */
export function toDecimalString(minor: number, currency: string): string {
  const amount = checked(minor, 'Amount');
  const digits = minorUnitDigits(currency);
  const magnitude = String(Math.abs(amount)).padStart(digits + 1, '0');
  const sign = amount < 0 ? '-' : '';
  if (digits === 0) return `${sign}${magnitude}`;
  return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
}

/**
 * A source system's decimal amount (a JSON number in major units: `1540.5` USD) in minor units
 * (`154050`), by the currency's own digits (`1250` JPY stays `1250`). Rounded to the nearest
 * minor unit, which also absorbs binary noise such as `0.1 + 0.2`.
 */
export function fromDecimalNumber(amount: number, currency: string): number {
  if (!Number.isFinite(amount)) throw new MoneyError(`Amount is not a finite number: ${amount}`);
  return checked(Math.round(amount * 10 ** minorUnitDigits(currency)), 'Amount');
}

const BASIS_POINTS_PER_WHOLE = 10_000n;

/**
 * `basisPoints`/10000 of an amount in minor units, rounded half-up (half away from zero for
 * negative amounts, so a refunded fee mirrors the fee charged). Half-up rather than banker's
 * rounding because card processors compute their fees that way, and our fee must match the
 * processor's to the cent. BigInt keeps the product exact however large it gets; only the
 * result has to fit back into a safe integer.
 */
export function percentOf(amount: number, basisPoints: number): number {
  checked(amount, 'Amount');
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new MoneyError(`Basis points must be a non-negative integer, got ${basisPoints}`);
  }
  const product = BigInt(amount) * BigInt(basisPoints);
  const magnitude = product < 0n ? -product : product;
  const rounded = (magnitude + BASIS_POINTS_PER_WHOLE / 2n) / BASIS_POINTS_PER_WHOLE;
  return checked(Number(product < 0n ? -rounded : rounded), 'Percentage');
}

/** Validates a raw amount from outside (JSON, a DTO, a source system) before it becomes money. */
export function assertMinorUnits(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new MoneyError(
      `Expected a non-negative safe integer number of minor units, got ${describe(value)}`,
    );
  }
  return value === 0 ? 0 : value;
}
