const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;
const MAX_SUBJECT_LENGTH = 200;

/**
 * Replaces `{name}` with the scalar value of that name. A name the data doesn't have as a scalar
 * (a typo, a list) stays visible as written, so whoever edited the template sees the mistake in
 * the preview; a known but empty value (no first name, no fee) becomes empty.
 */
export function fillPlaceholders(template: string, values: object): string {
  const record = values as Record<string, unknown>;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!Object.hasOwn(record, name)) return whole;
    const value = record[name];
    if (value === null || value === undefined) return '';
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    return whole;
  });
}

/**
 * One header line: control characters (CR/LF would let text start new mail headers) become
 * spaces, runs of spaces collapse, and it is cut to 200 characters without splitting a character.
 */
export function subjectLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029\s]+/g, ' ').trim();
  const characters = [...line];
  if (characters.length <= MAX_SUBJECT_LENGTH) return line;
  return `${characters
    .slice(0, MAX_SUBJECT_LENGTH - 1)
    .join('')
    .trimEnd()}…`;
}

/** Paragraphs of an intro: blank lines separate them, single line breaks stay inside one. */
export function paragraphs(text: string): string[][] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((paragraph) =>
      paragraph
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0);
}
