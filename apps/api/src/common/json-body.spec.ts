import { nestsDeeperThan } from './json-body';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('nestsDeeperThan', () => {
  it('counts arrays and objects alike, and allows exactly the limit', () => {
    expect(nestsDeeperThan(bytes('[[{"a":[1]}]]'), 4)).toBe(false);
    expect(nestsDeeperThan(bytes('[[{"a":[[1]]}]]'), 4)).toBe(true);
    expect(nestsDeeperThan(bytes('{"a":1,"b":{"c":2}}'), 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(bytes('{"a":"[[[[{{{{"}'), 1)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a":"\\"[[[[","b":"\\\\"}'), 1)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a\\"{":["\\\\",[1]]}'), 2)).toBe(true);
  });

  it('is not fooled by multi-byte characters', () => {
    expect(nestsDeeperThan(bytes('{"名前":"[{","€":["😀"]}'), 2)).toBe(false);
  });

  it('scans a very deep body without recursion', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(nestsDeeperThan(bytes(deep), 20)).toBe(true);
  });
});
