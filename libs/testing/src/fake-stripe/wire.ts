import type { ParsedQs } from 'qs';
import { list, snapshot, type ListEnvelope, type Metadata } from './objects';
import type { Store } from './store';

/** Stripe's wire conventions shared by all handlers: error envelopes, form params, expand, lists. */

export type Params = ParsedQs;

/** A Stripe error response. Handlers throw it; the server turns it into `{"error": {...}}`. */
export class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: Record<string, unknown>,
  ) {
    super(String(error.message));
  }

  body(): { error: Record<string, unknown> } {
    return { error: this.error };
  }
}

export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

export function invalidRequest(message: string, param?: string, code?: string): StripeHttpError {
  return new StripeHttpError(400, {
    type: 'invalid_request_error',
    message,
    ...(param ? { param } : {}),
    ...(code ? { code, doc_url: docUrl(code) } : {}),
  });
}

export function resourceMissing(kind: string, id: string, param = 'id'): StripeHttpError {
  return new StripeHttpError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: docUrl('resource_missing'),
    message: `No such ${kind}: '${id}'`,
    param,
  });
}

export function optionalString(params: Params, name: string): string | null {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name}`, name);
  return value;
}

export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === null) throw invalidRequest(`Missing required param: ${name}.`, name);
  return value;
}

export function positiveInteger(params: Params, name: string): number {
  const raw = requiredString(params, name);
  if (!/^\d+$/.test(raw)) throw invalidRequest(`Invalid integer: ${raw}`, name);
  const value = Number(raw);
  if (value < 1) {
    throw invalidRequest('This value must be greater than or equal to 1.', name);
  }
  return value;
}

export function optionalBoolean(params: Params, name: string): boolean {
  const value = params[name];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw invalidRequest(`Invalid boolean: ${String(value)}`, name);
}

/** `a[0]=x&a[1]=y`; qs turns indices above its array limit into an object, hence the fallback. */
export function stringArray(params: Params, name: string): string[] {
  const value = params[name];
  if (value === undefined || value === '') return [];
  const items = typeof value === 'string' ? [value] : Object.values(value);
  if (!items.every((item): item is string => typeof item === 'string')) {
    throw invalidRequest(`Invalid array: ${name}`, name);
  }
  return items;
}

/**
 * Stripe's metadata update semantics: keys merge into what is stored, a key set to '' is removed,
 * and `metadata=` (empty) clears everything.
 */
export function metadataParam(params: Params, current: Metadata = {}): Metadata {
  const value = params.metadata;
  if (value === undefined) return current;
  if (value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest('Invalid object', 'metadata');
  }
  const merged = { ...current };
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw invalidRequest('Invalid object', `metadata[${key}]`);
    if (item === '') delete merged[key];
    else merged[key] = item;
  }
  return merged;
}

/** Sorted-key JSON, so two requests with the same params compare equal whatever their order. */
export function canonicalParams(params: unknown): string {
  return JSON.stringify(params, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

/**
 * Returns a copy of `value` with the `expand[]` paths (`latest_charge`, `data.customer`,
 * `invoice_settings.default_payment_method`) replaced by the stored objects they name.
 */
export function expand<T>(value: T, params: Params, store: Store): T {
  const copy = snapshot(value);
  for (const path of stringArray(params, 'expand')) {
    expandPath(copy, path.split('.'), path, store);
  }
  return copy;
}

function expandPath(node: unknown, segments: string[], path: string, store: Store): void {
  const [head, ...rest] = segments;
  const cannotExpand = () =>
    invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
  if (!node || typeof node !== 'object' || !(head in node)) throw cannotExpand();
  const parent = node as Record<string, unknown>;
  let child = parent[head];
  if (child === null) return;
  if (typeof child === 'string') {
    const found = store.find(child);
    if (!found) throw cannotExpand();
    child = parent[head] = snapshot(found);
  }
  if (rest.length === 0) {
    if (typeof child !== 'object') throw cannotExpand();
    return;
  }
  const children = Array.isArray(child) ? child : [child];
  for (const item of children) expandPath(item, rest, path, store);
}

/** Cursor pagination over items already ordered newest first, as Stripe lists are. */
export function paginate<T extends { id: string }>(
  items: T[],
  params: Params,
  url: string,
): ListEnvelope<T> {
  const limit = params.limit === undefined ? 10 : positiveInteger(params, 'limit');
  if (limit > 100) throw invalidRequest('This value must be less than or equal to 100.', 'limit');
  const startingAfter = optionalString(params, 'starting_after');
  const endingBefore = optionalString(params, 'ending_before');
  if (endingBefore !== null) {
    const before = items.slice(
      0,
      Math.max(
        0,
        items.findIndex((item) => item.id === endingBefore),
      ),
    );
    return list(before.slice(-limit), url, before.length > limit);
  }
  const start =
    startingAfter === null ? 0 : items.findIndex((item) => item.id === startingAfter) + 1;
  const rest = items.slice(start);
  return list(rest.slice(0, limit), url, rest.length > limit);
}

/** `created[gte]=…` style filters, or a plain `created=…` for an exact match. */
export function matchesCreated(created: number, params: Params): boolean {
  const filter = params.created;
  if (filter === undefined) return true;
  if (typeof filter === 'string') return created === Number(filter);
  if (typeof filter !== 'object' || Array.isArray(filter)) return true;
  const bound = (name: string) => {
    const value = (filter as Record<string, unknown>)[name];
    return typeof value === 'string' ? Number(value) : undefined;
  };
  const [gt, gte, lt, lte] = ['gt', 'gte', 'lt', 'lte'].map(bound);
  return (
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte)
  );
}
