import { csvField, csvLine } from './csv';

describe('csvField', () => {
  it('leaves plain text alone', () => {
    expect(csvField('Contoso Ltd')).toBe('Contoso Ltd');
    expect(csvField('1250.50')).toBe('1250.50');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('Smith, Jones & Co')).toBe('"Smith, Jones & Co"');
    expect(csvField('The "Best" MSP')).toBe('"The ""Best"" MSP"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('keeps text a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('csvLine', () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });
});
