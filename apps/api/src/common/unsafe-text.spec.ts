import { findUnsafeText, isUnsafeText, UNSAFE_TEXT_MESSAGE } from './unsafe-text';

describe('isUnsafeText', () => {
  it('flags NUL and unpaired surrogates, and nothing else', () => {
    expect(isUnsafeText('a\u0000b')).toBe(true);
    expect(isUnsafeText('x\ud800')).toBe(true);
    expect(isUnsafeText('\udc00y')).toBe(true);
    expect(isUnsafeText('\udc00\ud800')).toBe(true);
    expect(isUnsafeText('😀 café \u0001 \ufffd')).toBe(false);
  });
});

describe('findUnsafeText', () => {
  it('names every offending value and key by its dotted path', () => {
    const errors = findUnsafeText({
      allocations: [{ invoiceId: 'ok' }, { invoiceId: 'a\u0000' }],
      name: 'fine',
      nested: { ['k\ud800']: 1 },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'allocations.1.invoiceId', message: UNSAFE_TEXT_MESSAGE },
        { field: 'nested.k\\ud800', message: UNSAFE_TEXT_MESSAGE },
      ]),
    );
    expect(errors).toHaveLength(2);
  });

  it('names a query value or a path parameter by its name', () => {
    expect(findUnsafeText({ page: '1', q: '\u0000' })).toEqual([
      { field: 'q', message: UNSAFE_TEXT_MESSAGE },
    ]);
    expect(findUnsafeText('a\u0000b', ['externalId'])).toEqual([
      { field: 'externalId', message: UNSAFE_TEXT_MESSAGE },
    ]);
  });

  it('finds nothing in clean or non-text values', () => {
    expect(findUnsafeText({ a: [1, true, null, { b: 'ok' }] })).toEqual([]);
    expect(findUnsafeText(undefined)).toEqual([]);
  });
});
