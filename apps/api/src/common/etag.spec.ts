import { ifNoneMatchHits, strongETag } from './etag';

describe('entity tags', () => {
  const etag = strongETag('{"mspName":"Settle"}');

  it('is a quoted, strong tag that changes with the bytes', () => {
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(strongETag('{"mspName":"Settle"}')).toBe(etag);
    expect(strongETag('{"mspName":"Settle!"}')).not.toBe(etag);
  });

  it('hits on the same tag, its weak form, one of a list, or *', () => {
    expect(ifNoneMatchHits(etag, etag)).toBe(true);
    expect(ifNoneMatchHits(`W/${etag}`, etag)).toBe(true);
    expect(ifNoneMatchHits(`"other", ${etag}`, etag)).toBe(true);
    expect(ifNoneMatchHits('*', etag)).toBe(true);
  });

  it('misses on no header, another tag, or the tag without its quotes', () => {
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
    expect(ifNoneMatchHits('', etag)).toBe(false);
    expect(ifNoneMatchHits('"other"', etag)).toBe(false);
    expect(ifNoneMatchHits(etag.slice(1, -1), etag)).toBe(false);
  });
});
