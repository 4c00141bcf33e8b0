import fc from 'fast-check';

import { fillPlaceholders, paragraphs, subjectLine } from './placeholders';

describe('fillPlaceholders', () => {
  const values = { count: 3, fee: null, items: [1], name: 'Dana' };

  it('fills scalars, empties known nulls and leaves unknown or non-scalar names as written', () => {
    expect(fillPlaceholders('{name} has {count} ({fee}) {items} {nope} {} { name }', values)).toBe(
      'Dana has 3 () {items} {nope} {} { name }',
    );
  });

  it('does not look names up on the prototype', () => {
    expect(fillPlaceholders('{constructor} {toString}', values)).toBe('{constructor} {toString}');
  });

  it('inserts values literally, even when they look like placeholders', () => {
    expect(fillPlaceholders('{a}', { a: '{b} $&', b: 'x' })).toBe('{b} $&');
  });
});

describe('subjectLine', () => {
  it('is always one line of at most 200 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (text) => {
        const line = subjectLine(text);
        // eslint-disable-next-line no-control-regex
        expect(line).not.toMatch(/[\u0000-\u001f\u2028\u2029]/);
        expect([...line].length).toBeLessThanOrEqual(200);
      }),
    );
  });

  it('keeps a short subject as it is and never splits a character', () => {
    expect(subjectLine('  Invoice  INV-1 \n due ')).toBe('Invoice INV-1 due');
    const emoji = subjectLine('💸'.repeat(250));
    expect(emoji).toBe(`${'💸'.repeat(199)}…`);
  });
});

describe('paragraphs', () => {
  it('splits on blank lines and keeps single line breaks inside a paragraph', () => {
    expect(paragraphs('One\ntwo\n\n  \nThree\r\n\r\nFour ')).toEqual([
      ['One', 'two'],
      ['Three'],
      ['Four'],
    ]);
  });
});
