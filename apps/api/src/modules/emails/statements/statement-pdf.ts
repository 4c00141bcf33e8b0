import PDFDocument from 'pdfkit';

import { accentColor, accentTextColor, logoImage } from '../templates';
import { StatementDocument } from '../templates';
import { pdfLogo } from './pdf-logo';
import { winAnsiText } from './win-ansi';

type Pdf = PDFKit.PDFDocument;
type Invoice = StatementDocument['invoices'][number];

const PAGE = { height: 792, width: 612 };
const MARGIN = 48;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const RIGHT = MARGIN + CONTENT_WIDTH;
/** Where table rows stop, leaving room for the footer line. */
const BODY_BOTTOM = PAGE.height - MARGIN - 20;

const INK = '#111827';
const MUTED = '#6b7280';
const BORDER = '#e5e7eb';
const SHADE = '#f3f4f6';
const PAST_DUE = '#b91c1c';

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

const ROW_HEIGHT = 18;
const HEADER_ROW_HEIGHT = 20;
const CELL_PADDING = 6;

interface Column {
  title: string;
  width: number;
  align: 'left' | 'right';
  value: (invoice: Invoice) => string;
}

const INVOICE_COLUMNS: Column[] = [
  { align: 'left', title: 'Invoice', value: (invoice) => invoice.number, width: 116 },
  { align: 'left', title: 'Invoice date', value: (invoice) => invoice.invoiceDate, width: 80 },
  { align: 'left', title: 'Due date', value: (invoice) => invoice.dueDate, width: 80 },
  { align: 'right', title: 'Total', value: (invoice) => invoice.total, width: 82 },
  {
    align: 'right',
    title: 'Open balance',
    value: (invoice) => invoice.openBalance,
    width: 82,
  },
  {
    align: 'right',
    title: 'Days past due',
    value: (invoice) => (invoice.daysPastDue > 0 ? String(invoice.daysPastDue) : '–'),
    width: 76,
  },
];

/**
 * The account statement attached to the account-summary email: header with the MSP's logo or
 * name, summary boxes, aging buckets and the open invoices, whose table runs across as many pages
 * as it needs with its header row repeated and "Page n of N" on each page.
 */
export function renderStatementPdf(statement: StatementDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: true,
    bufferPages: true,
    info: {
      Author: winAnsiText(statement.branding.mspName),
      Creator: 'Settle',
      Title: winAnsiText(`Statement for ${statement.organizationName} as of ${statement.asOf}`),
    },
    margins: { bottom: MARGIN, left: MARGIN, right: MARGIN, top: MARGIN },
    size: 'LETTER',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    drawStatement(doc, statement);
    doc.end();
  } catch (error) {
    doc.destroy();
    return Promise.reject(error);
  }
  return done;
}

function drawStatement(doc: Pdf, statement: StatementDocument): void {
  const accent = accentTextColor(accentColor(statement.branding));
  let y = drawHeader(doc, statement, accent);
  y = drawSummary(doc, statement, y + 20);
  y = drawPortalLink(doc, statement, accent, y + 14);
  y = drawAging(doc, statement, y + 22);
  drawInvoices(doc, statement, accent, y + 24);
  drawFooters(doc, statement);
}

function drawHeader(doc: Pdf, statement: StatementDocument, accent: string): number {
  const top = MARGIN;
  const brandBottom = drawBrand(doc, statement, accent, top);

  const titleWidth = 250;
  const titleX = RIGHT - titleWidth;
  doc
    .font(BOLD)
    .fontSize(22)
    .fillColor(INK)
    .text('Statement', titleX, top, { align: 'right', lineBreak: false, width: titleWidth });
  // A long organization name wraps to a second line before it is cut.
  const organization = winAnsiText(statement.organizationName);
  const organizationOptions = {
    align: 'right' as const,
    ellipsis: true,
    height: 28,
    width: titleWidth,
  };
  doc.font(BOLD).fontSize(11);
  const organizationHeight = Math.min(doc.heightOfString(organization, organizationOptions), 28);
  doc.text(organization, titleX, top + 30, organizationOptions);
  const asOfTop = top + 32 + organizationHeight;
  doc.font(REGULAR).fontSize(10).fillColor(MUTED);
  cell(doc, `As of ${statement.asOf}`, titleX, asOfTop, titleWidth, 'right');

  const bottom = Math.max(brandBottom, asOfTop + 12) + 12;
  doc.moveTo(MARGIN, bottom).lineTo(RIGHT, bottom).lineWidth(1.5).strokeColor(accent).stroke();
  return bottom;
}

/** The logo when it is a PNG or JPEG that can be read; otherwise the MSP's name in the accent. */
function drawBrand(doc: Pdf, statement: StatementDocument, accent: string, top: number): number {
  const logo = logoImage(statement.branding);
  const image = logo && pdfLogo(logo);
  if (image) {
    try {
      doc.image(image, MARGIN, top, { fit: [200, 56] });
      return top + 56;
    } catch {
      // An unreadable image: the name below is what the logo would have said.
    }
  }
  doc.font(BOLD).fontSize(18).fillColor(accent);
  const name = winAnsiText(statement.branding.mspName);
  doc.text(name, MARGIN, top, { ellipsis: true, height: 46, width: 250 });
  return top + Math.min(doc.heightOfString(name, { width: 250 }), 46);
}

function drawSummary(doc: Pdf, statement: StatementDocument, top: number): number {
  const gap = 12;
  const width = (CONTENT_WIDTH - 2 * gap) / 3;
  const height = 58;
  const hasPastDue = statement.invoices.some((invoice) => invoice.daysPastDue > 0);
  const boxes = [
    { color: INK, label: 'Total due', value: statement.totalDue },
    { color: hasPastDue ? PAST_DUE : INK, label: 'Past due', value: statement.pastDue },
    { color: INK, label: 'Open invoices', value: String(statement.invoices.length) },
  ];
  boxes.forEach((box, index) => {
    const x = MARGIN + index * (width + gap);
    const alarming = box.color === PAST_DUE;
    doc
      .roundedRect(x, top, width, height, 6)
      .lineWidth(1)
      .fillAndStroke(alarming ? '#fef2f2' : '#f9fafb', alarming ? '#fecaca' : BORDER);
    doc
      .font(REGULAR)
      .fontSize(9)
      .fillColor(alarming ? PAST_DUE : MUTED);
    cell(doc, box.label.toUpperCase(), x + 12, top + 12, width - 24, 'left');
    doc.font(BOLD).fontSize(18).fillColor(box.color);
    cell(doc, box.value, x + 12, top + 27, width - 24, 'left');
  });
  return top + height;
}

function drawAging(doc: Pdf, statement: StatementDocument, top: number): number {
  doc.font(BOLD).fontSize(12).fillColor(INK).text('Aging', MARGIN, top, { lineBreak: false });
  const tableTop = top + 20;
  const buckets = statement.aging;
  if (buckets.length === 0) return tableTop;
  const width = CONTENT_WIDTH / buckets.length;
  doc.rect(MARGIN, tableTop, CONTENT_WIDTH, HEADER_ROW_HEIGHT).fill(SHADE);
  buckets.forEach((bucket, index) => {
    const x = MARGIN + index * width;
    doc.font(BOLD).fontSize(9).fillColor(MUTED);
    cell(doc, bucket.label, x + CELL_PADDING, tableTop + 6, width - 2 * CELL_PADDING, 'right');
    doc.font(REGULAR).fontSize(10).fillColor(INK);
    cell(
      doc,
      bucket.amount,
      x + CELL_PADDING,
      tableTop + HEADER_ROW_HEIGHT + 6,
      width - 2 * CELL_PADDING,
      'right',
    );
  });
  const bottom = tableTop + HEADER_ROW_HEIGHT + ROW_HEIGHT + 4;
  rule(doc, bottom);
  return bottom;
}

function drawInvoices(doc: Pdf, statement: StatementDocument, accent: string, top: number): void {
  doc
    .font(BOLD)
    .fontSize(12)
    .fillColor(INK)
    .text('Open invoices', MARGIN, top, { lineBreak: false });
  let y = drawInvoiceHeaderRow(doc, top + 20);
  if (statement.invoices.length === 0) {
    doc.font(REGULAR).fontSize(10).fillColor(MUTED);
    cell(doc, 'No open invoices.', MARGIN + CELL_PADDING, y + 5, CONTENT_WIDTH, 'left');
    return;
  }
  const last = statement.invoices.length - 1;
  statement.invoices.forEach((invoice, index) => {
    // The last row takes the total row along, so a page never holds the total alone.
    const needed = index === last ? 2 * ROW_HEIGHT + 4 : ROW_HEIGHT;
    if (y + needed > BODY_BOTTOM) {
      doc.addPage();
      y = drawInvoiceHeaderRow(doc, drawContinuationHeader(doc, statement, accent));
    }
    if (index % 2 === 1) doc.rect(MARGIN, y, CONTENT_WIDTH, ROW_HEIGHT).fill('#fafafa');
    const pastDue = invoice.daysPastDue > 0;
    doc
      .font(REGULAR)
      .fontSize(9.5)
      .fillColor(pastDue ? PAST_DUE : INK);
    let x = MARGIN;
    for (const column of INVOICE_COLUMNS) {
      cell(
        doc,
        column.value(invoice),
        x + CELL_PADDING,
        y + 5,
        column.width - 2 * CELL_PADDING,
        column.align,
      );
      x += column.width;
    }
    y += ROW_HEIGHT;
  });
  rule(doc, y);

  const labelWidth = INVOICE_COLUMNS.slice(0, 4).reduce((sum, column) => sum + column.width, 0);
  doc.font(BOLD).fontSize(10).fillColor(INK);
  cell(doc, 'Total due', MARGIN + CELL_PADDING, y + 6, labelWidth - 2 * CELL_PADDING, 'right');
  cell(
    doc,
    statement.totalDue,
    MARGIN + labelWidth + CELL_PADDING,
    y + 6,
    INVOICE_COLUMNS[4].width - 2 * CELL_PADDING,
    'right',
  );
}

function drawInvoiceHeaderRow(doc: Pdf, top: number): number {
  doc.rect(MARGIN, top, CONTENT_WIDTH, HEADER_ROW_HEIGHT).fill(SHADE);
  doc.font(BOLD).fontSize(9).fillColor(MUTED);
  let x = MARGIN;
  for (const column of INVOICE_COLUMNS) {
    cell(
      doc,
      column.title,
      x + CELL_PADDING,
      top + 6,
      column.width - 2 * CELL_PADDING,
      column.align,
    );
    x += column.width;
  }
  return top + HEADER_ROW_HEIGHT;
}

/** Pages after the first say whose statement they continue, so a loose page still makes sense. */
function drawContinuationHeader(doc: Pdf, statement: StatementDocument, accent: string): number {
  doc.font(BOLD).fontSize(10).fillColor(accent);
  cell(doc, statement.branding.mspName, MARGIN, MARGIN, CONTENT_WIDTH / 2, 'left');
  doc.font(REGULAR).fontSize(10).fillColor(MUTED);
  cell(
    doc,
    `Statement for ${statement.organizationName} as of ${statement.asOf} (continued)`,
    MARGIN + CONTENT_WIDTH / 3,
    MARGIN,
    (CONTENT_WIDTH * 2) / 3,
    'right',
  );
  rule(doc, MARGIN + 18);
  return MARGIN + 30;
}

/** On the first page, where a reader who wants to pay looks first; it can't be left alone either. */
function drawPortalLink(doc: Pdf, statement: StatementDocument, accent: string, top: number) {
  const lead = 'Pay online or download your invoices at ';
  doc.font(REGULAR).fontSize(10).fillColor(INK).text(lead, MARGIN, top, { lineBreak: false });
  const x = MARGIN + doc.widthOfString(lead);
  doc.font(BOLD).fillColor(accent);
  const url = fitted(doc, winAnsiText(statement.portalUrl), RIGHT - x).text;
  doc.text(url, x, top, { lineBreak: false, link: statement.portalUrl, underline: true });
  return top + 12;
}

function drawFooters(doc: Pdf, statement: StatementDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    // The footer sits inside the bottom margin; without this pdfkit would open a page for it.
    doc.page.margins.bottom = 0;
    const y = PAGE.height - MARGIN + 8;
    rule(doc, y - 6);
    doc.font(REGULAR).fontSize(8).fillColor(MUTED);
    cell(
      doc,
      `${statement.branding.mspName} · Statement for ${statement.organizationName} as of ${statement.asOf}`,
      MARGIN,
      y,
      CONTENT_WIDTH - 90,
      'left',
    );
    cell(doc, `Page ${index - start + 1} of ${count}`, RIGHT - 90, y, 90, 'right');
  }
}

function rule(doc: Pdf, y: number): void {
  doc.moveTo(MARGIN, y).lineTo(RIGHT, y).lineWidth(0.75).strokeColor(BORDER).stroke();
}

/** One line of text that never wraps: too long, it is cut with an ellipsis to fit `width`. */
function cell(
  doc: Pdf,
  text: string,
  x: number,
  y: number,
  width: number,
  align: 'left' | 'right',
): void {
  const line = fitted(doc, winAnsiText(text), width);
  const left = align === 'right' ? x + width - line.width : x;
  doc.text(line.text, left, y, { lineBreak: false });
}

/** The text, or the longest start of it that fits with an ellipsis (found by bisection). */
function fitted(doc: Pdf, text: string, width: number): { text: string; width: number } {
  const fullWidth = doc.widthOfString(text);
  if (fullWidth <= width) return { text, width: fullWidth };
  const withEllipsis = (end: number) => `${text.slice(0, end).trimEnd()}…`;
  let fits = 0;
  let tooLong = text.length;
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (doc.widthOfString(withEllipsis(middle)) <= width) fits = middle;
    else tooLong = middle;
  }
  const cut = withEllipsis(fits);
  return { text: cut, width: doc.widthOfString(cut) };
}
