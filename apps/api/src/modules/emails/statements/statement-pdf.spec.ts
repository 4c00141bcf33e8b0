import { execFile } from 'node:child_process';
import { crc32, deflateSync } from 'node:zlib';

import { SAMPLE_STATEMENT_DOCUMENT } from '.';
import { renderStatementPdf } from './statement-pdf';
import { StatementDocument } from '../templates';

/**
 * pdf-parse runs pdf.js, which loads its worker with a dynamic import() that jest's CommonJS
 * sandbox refuses, so the PDFs are read by a plain node process.
 */
function pdfTexts(pdfs: Buffer[]): Promise<string[][]> {
  const script = `
    const { PDFParse } = require(process.argv[1]);
    let input = '';
    process.stdin.on('data', (chunk) => (input += chunk));
    process.stdin.on('end', async () => {
      const pages = [];
      for (const base64 of JSON.parse(input)) {
        const parser = new PDFParse({ data: Buffer.from(base64, 'base64') });
        const result = await parser.getText();
        pages.push(result.pages.map((page) => page.text));
        await parser.destroy();
      }
      process.stdout.write(JSON.stringify(pages));
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', script, require.resolve('pdf-parse')],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as string[][])),
    );
    child.stdin!.end(JSON.stringify(pdfs.map((pdf) => pdf.toString('base64'))));
  });
}

/** A solid-colour RGBA PNG, half transparent, the way logos usually come. */
function pngDataUrl(width: number, height: number): string {
  const row = Buffer.alloc(1 + width * 4);
  for (let x = 0; x < width; x += 1) row.set([16, 120, 80, x < width / 2 ? 255 : 0], 1 + x * 4);
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

function invoices(count: number): StatementDocument['invoices'] {
  return Array.from({ length: count }, (_, index) => ({
    daysPastDue: index % 4 === 0 ? 31 + index : 0,
    dueDate: 'Nov 30, 2026',
    invoiceDate: 'Oct 31, 2026',
    number: `INV-${String(30000 + index)}`,
    openBalance: `$${index + 1},000.00`,
    total: `$${index + 1},250.00`,
  }));
}

const hasImage = (pdf: Buffer) => pdf.includes('/Subtype /Image');

describe('renderStatementPdf', () => {
  it('shows the organization, the summary, the aging buckets and every open invoice', async () => {
    const pdf = await renderStatementPdf(SAMPLE_STATEMENT_DOCUMENT);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [[page, ...rest]] = await pdfTexts([pdf]);
    expect(rest).toEqual([]);
    expect(page).toContain('Northwind IT');
    expect(page).toContain('Statement');
    expect(page).toContain('Contoso Dental');
    expect(page).toContain('As of Dec 1, 2026');
    expect(page).toMatch(/TOTAL DUE\s+\$6,215\.50/);
    expect(page).toMatch(/PAST DUE\s+\$1,840\.00/);
    expect(page).toMatch(/1–30 days\s+\$1,240\.00/);
    expect(page).toMatch(/INV-10311\s+Sep 17, 2026\s+Oct 17, 2026\s+\$1,850\.00\s+\$600\.00\s+45/);
    for (const invoice of SAMPLE_STATEMENT_DOCUMENT.invoices) {
      expect(page).toContain(invoice.number);
      expect(page).toContain(invoice.total);
    }
    expect(page).toMatch(/Total due\s+\$6,215\.50/);
    expect(page).toContain('http://localhost:3000/portal/invoices');
    expect(page).toContain('Page 1 of 1');
  });

  it('runs 120 invoices over several pages, repeating the header row and numbering the pages', async () => {
    const many = invoices(120);
    const pdf = await renderStatementPdf({ ...SAMPLE_STATEMENT_DOCUMENT, invoices: many });
    const [pages] = await pdfTexts([pdf]);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).toMatch(
        /Invoice\s+Invoice date\s+Due date\s+Total\s+Open balance\s+Days past due/,
      );
    });
    expect(pages[1]).toContain('Page 2 of');
    expect(pages[1]).toContain('Statement for Contoso Dental as of Dec 1, 2026 (continued)');
    const all = pages.join('\n');
    for (const invoice of many) expect(all).toContain(invoice.number);
    // Each invoice once: a row is never drawn on two pages.
    expect(all.match(/INV-3\d{4}/g)).toHaveLength(120);
    expect(pages.at(-1)).toMatch(/Total due\s+\$6,215\.50/);
  });

  it('says so when nothing is open', async () => {
    const pdf = await renderStatementPdf({ ...SAMPLE_STATEMENT_DOCUMENT, invoices: [] });
    const [[page]] = await pdfTexts([pdf]);
    expect(page).toContain('No open invoices.');
    expect(page).toMatch(/OPEN INVOICES\s+0/);
  });

  it('embeds a PNG logo instead of the name, and falls back to the name for SVG or broken data', async () => {
    const branding = SAMPLE_STATEMENT_DOCUMENT.branding;
    const render = (logoDataUrl: string | null) =>
      renderStatementPdf({ ...SAMPLE_STATEMENT_DOCUMENT, branding: { ...branding, logoDataUrl } });
    const withLogo = await render(pngDataUrl(400, 120));
    const svg = await render(
      `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`,
    );
    const broken = await render('data:image/png;base64,bm90IGEgcG5n');
    expect(hasImage(withLogo)).toBe(true);
    expect(hasImage(svg)).toBe(false);
    expect(hasImage(broken)).toBe(false);
    const [logoPages, svgPages, brokenPages] = await pdfTexts([withLogo, svg, broken]);
    // The name still appears in the footer; the header shows it only without a logo.
    expect(logoPages[0]).not.toMatch(/^Northwind IT/);
    expect(svgPages[0]).toMatch(/^Northwind IT/);
    expect(brokenPages[0]).toMatch(/^Northwind IT/);
  });

  it('draws text the standard fonts lack as close as they can, and cuts what is too long', async () => {
    const pdf = await renderStatementPdf({
      ...SAMPLE_STATEMENT_DOCUMENT,
      branding: { ...SAMPLE_STATEMENT_DOCUMENT.branding, mspName: 'Łódź IT Żółw' },
      invoices: [{ ...invoices(1)[0], number: `INV-${'9'.repeat(60)}` }],
      organizationName: 'Crème Brûlée Café\nGmbH',
    });
    const [[page]] = await pdfTexts([pdf]);
    expect(page).toContain('Lódz IT Zólw');
    expect(page).toContain('Crème Brûlée Café GmbH');
    expect(page).toMatch(/INV-9+…/);
    expect(page).not.toContain('9'.repeat(60));
  });
});
