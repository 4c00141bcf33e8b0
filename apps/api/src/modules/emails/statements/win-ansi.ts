/**
 * The characters pdfkit's built-in Helvetica can show (Windows-1252): Latin-1 plus a few
 * typographic ones. Anything else would come out as unrelated glyphs.
 */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function isWinAnsi(character: string): boolean {
  const code = character.codePointAt(0)!;
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WIN_ANSI_EXTRAS.has(character)
  );
}

/**
 * Text the standard PDF fonts can draw: a letter they lack loses its accent ("Łódź" → "Lódz"),
 * line breaks become spaces, and what still has no glyph becomes "?".
 */
export function winAnsiText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  let result = '';
  for (const character of text.normalize('NFC')) {
    if (isWinAnsi(character)) {
      result += character;
      continue;
    }
    if (/\s/.test(character)) {
      result += ' ';
      continue;
    }
    const base = [...character.normalize('NFD')].filter(isWinAnsi).join('');
    result += base || (LETTER_FALLBACKS[character] ?? '?');
  }
  return result;
}

/** Letters whose decomposition keeps no base letter. */
const LETTER_FALLBACKS: Record<string, string> = {
  Đ: 'D',
  đ: 'd',
  Ł: 'L',
  ł: 'l',
  ı: 'i',
};
