import { createHash } from 'node:crypto';

/** A strong entity tag for these exact bytes. */
export function strongETag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/**
 * Whether an If-None-Match header names this entity tag, so a 304 may answer it. RFC 9110
 * compares weakly here: W/"x" names "x" as well.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
