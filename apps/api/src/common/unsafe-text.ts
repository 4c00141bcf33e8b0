import { FieldError } from './errors/problem';

/**
 * NUL, which PostgreSQL refuses in text, and UTF-16 surrogates without their other half, which
 * have no UTF-8 form. JSON escapes (`\u0000`, `\ud800`) and percent-encoding let both in.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

export function isUnsafeText(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/**
 * Every string of `value` (object keys included) that holds unsafe text, as dotted field
 * paths under `root`. Walks with an explicit stack: query strings and path parameters are
 * flat, and a body has been depth-limited, but nothing here depends on it.
 */
export function findUnsafeText(value: unknown, root: string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ path: root, value }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (isUnsafeText(current))
        errors.push({ field: fieldName(path), message: UNSAFE_TEXT_MESSAGE });
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ path: [...path, String(index)], value: item }));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (isUnsafeText(key)) {
          errors.push({ field: fieldName([...path, key]), message: UNSAFE_TEXT_MESSAGE });
          continue;
        }
        stack.push({ path: [...path, key], value: item });
      }
    }
  }
  return errors;
}

/** The offending characters are shown as JSON escapes, never echoed raw. */
function fieldName(path: string[]): string {
  if (!path.length) return 'body';
  return path
    .map((part) => (isUnsafeText(part) ? JSON.stringify(part).slice(1, -1) : part))
    .join('.');
}
