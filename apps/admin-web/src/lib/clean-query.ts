/** Drops empty query values (`q: ''`, `status: undefined`) so they are not sent at all. */
export function clean<T extends object>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as T;
}
