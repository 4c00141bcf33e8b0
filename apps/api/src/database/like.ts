/** `%text%` for ILIKE, with the user's own %, _ and \ matched literally (PostgreSQL escapes with \). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
