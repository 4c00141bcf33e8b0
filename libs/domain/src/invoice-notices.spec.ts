import fc from 'fast-check';

import { addDays, daysBetween } from './calendar-date';
import {
  InvoiceNoticeCadence,
  InvoiceNoticeError,
  invoiceNoticeDue,
  NEW_INVOICE_WINDOW_DAYS,
  NoticeInvoice,
} from './invoice-notices';

const CADENCE: InvoiceNoticeCadence = {
  dueSoonDays: [7, 1],
  newInvoice: true,
  pastDueDays: [1, 7, 14, 30],
};

const invoice = (over: Partial<NoticeInvoice> = {}): NoticeInvoice => ({
  arrivedOn: '2025-03-01',
  dueDate: '2025-03-31',
  invoiceDate: '2025-03-01',
  openBalance: 125_000,
  ...over,
});

const stepOn = (today: string, over: Partial<NoticeInvoice> = {}, cadence = CADENCE) =>
  invoiceNoticeDue(invoice(over), today, cadence)?.step ?? null;

describe('invoiceNoticeDue', () => {
  it('walks an invoice through announcement, reminders and past-due steps', () => {
    expect(stepOn('2025-03-01')).toBe('new_invoice');
    expect(stepOn('2025-03-04')).toBe('new_invoice');
    expect(stepOn('2025-03-05')).toBeNull();
    expect(stepOn('2025-03-24')).toBe('due_soon:7');
    expect(stepOn('2025-03-29')).toBe('due_soon:7');
    expect(stepOn('2025-03-30')).toBe('due_soon:1');
    expect(stepOn('2025-03-31')).toBe('due_soon:1');
    expect(stepOn('2025-04-01')).toBe('past_due:1');
    expect(stepOn('2025-04-07')).toBe('past_due:7');
    expect(stepOn('2025-04-30')).toBe('past_due:30');
    expect(stepOn('2026-01-01')).toBe('past_due:30');
  });

  it('reports the days past due of the day it runs, not of the step', () => {
    expect(invoiceNoticeDue(invoice(), '2025-04-10', CADENCE)).toEqual({
      daysPastDue: 10,
      step: 'past_due:7',
      stepDate: '2025-04-07',
      type: 'invoice_past_due',
    });
  });

  it('sends nothing on a zero or negative balance', () => {
    expect(stepOn('2025-04-07', { openBalance: 0 })).toBeNull();
    expect(stepOn('2025-04-07', { openBalance: -100 })).toBeNull();
  });

  it('sends only the latest step after missed days', () => {
    expect(stepOn('2025-04-20')).toBe('past_due:14');
  });

  it('never sends a due-soon reminder after the due date', () => {
    expect(stepOn('2025-04-01', {}, { ...CADENCE, pastDueDays: [] })).toBeNull();
    expect(stepOn('2025-04-03', {}, { ...CADENCE, pastDueDays: [5] })).toBeNull();
  });

  it('does not announce an old invoice that arrives through a first sync', () => {
    const imported = { arrivedOn: '2025-06-01', invoiceDate: '2025-03-01' };
    expect(stepOn('2025-06-01', imported)).toBe('past_due:30');
    expect(stepOn('2025-03-26', { arrivedOn: '2025-03-26' })).toBe('due_soon:7');
  });

  it('lets an announcement stand in for reminders that fell before it, even after its window', () => {
    const late = { arrivedOn: '2025-03-27', invoiceDate: '2025-03-26' };
    expect(stepOn('2025-03-27', late)).toBe('new_invoice');
    expect(stepOn('2025-03-29', late)).toBe('new_invoice');
    expect(stepOn('2025-03-30', late)).toBe('due_soon:1');
    expect(stepOn('2025-03-24', { arrivedOn: '2025-03-24', invoiceDate: '2025-03-24' })).toBe(
      'new_invoice',
    );
  });

  it('refuses a malformed cadence', () => {
    for (const cadence of [
      { ...CADENCE, dueSoonDays: [0] },
      { ...CADENCE, pastDueDays: [91] },
      { ...CADENCE, pastDueDays: [1.5] },
      { ...CADENCE, pastDueDays: [1, 1] },
      { ...CADENCE, dueSoonDays: [1, 2, 3, 4, 5, 6, 7] },
    ]) {
      expect(() => invoiceNoticeDue(invoice(), '2025-03-01', cadence)).toThrow(InvoiceNoticeError);
    }
  });
});

const day = fc.integer({ min: 0, max: 3_000 }).map((offset) => addDays('2020-01-01', offset));
const days = fc.uniqueArray(fc.integer({ min: 1, max: 90 }), { maxLength: 6 });
const cadence = fc.record({ dueSoonDays: days, newInvoice: fc.boolean(), pastDueDays: days });
const anInvoice = fc
  .record({
    arrivalAfterInvoice: fc.integer({ min: -5, max: 200 }),
    invoiceDate: day,
    openBalance: fc.integer({ min: -1_000, max: 10_000_000 }),
    terms: fc.integer({ min: 0, max: 120 }),
  })
  .map(({ arrivalAfterInvoice, invoiceDate, openBalance, terms }): NoticeInvoice => ({
    arrivedOn: addDays(invoiceDate, arrivalAfterInvoice),
    dueDate: addDays(invoiceDate, terms),
    invoiceDate,
    openBalance,
  }));

function stepDays(step: string): number {
  return Number(step.split(':')[1]);
}

describe('invoiceNoticeDue (properties)', () => {
  it('answers a step of the cadence, never for a settled invoice, never a due-soon after the due date', () => {
    fc.assert(
      fc.property(anInvoice, day, cadence, (inv, today, c) => {
        const notice = invoiceNoticeDue(inv, today, c);
        if (inv.openBalance <= 0) return expect(notice).toBeNull();
        if (!notice) return;
        expect(notice.stepDate <= today).toBe(true);
        expect(notice.daysPastDue).toBe(daysBetween(inv.dueDate, today));
        if (notice.type === 'new_invoice') {
          expect(c.newInvoice).toBe(true);
          expect(daysBetween(inv.arrivedOn, today)).toBeGreaterThanOrEqual(0);
          expect(daysBetween(inv.arrivedOn, today)).toBeLessThanOrEqual(NEW_INVOICE_WINDOW_DAYS);
        } else if (notice.type === 'invoice_due_soon') {
          expect(c.dueSoonDays).toContain(stepDays(notice.step));
          expect(today <= inv.dueDate).toBe(true);
        } else {
          expect(c.pastDueDays).toContain(stepDays(notice.step));
        }
      }),
    );
  });

  it('sends the latest step that has passed: no older one is left to send later', () => {
    fc.assert(
      fc.property(anInvoice, day, cadence, (inv, today, c) => {
        const notice = invoiceNoticeDue(inv, today, c);
        if (notice?.type === 'invoice_past_due') {
          const passed = c.pastDueDays.filter((d) => d <= notice.daysPastDue);
          expect(stepDays(notice.step)).toBe(Math.max(...passed));
        }
        if (notice?.type === 'invoice_due_soon') {
          const passed = c.dueSoonDays.filter((d) => d >= -notice.daysPastDue);
          expect(stepDays(notice.step)).toBe(Math.min(...passed));
        }
      }),
    );
  });

  it('run on any days, with sent steps remembered, never mails a step older than one already sent', () => {
    fc.assert(
      fc.property(
        anInvoice.filter((inv) => inv.openBalance > 0),
        cadence,
        fc.uniqueArray(fc.integer({ min: -130, max: 400 }), { maxLength: 60 }),
        (inv, c, runOffsets) => {
          const sent = new Map<string, string>();
          for (const offset of [...runOffsets].sort((a, b) => a - b)) {
            const notice = invoiceNoticeDue(inv, addDays(inv.arrivedOn, offset), c);
            if (!notice || sent.has(notice.step)) continue;
            for (const earlier of sent.values()) expect(earlier <= notice.stepDate).toBe(true);
            sent.set(notice.step, notice.stepDate);
          }
        },
      ),
    );
  });

  it('run every day from arrival, sends each past-due step after arrival on the day it falls', () => {
    fc.assert(
      fc.property(
        anInvoice.filter((inv) => inv.openBalance > 0),
        cadence,
        (inv, c) => {
          const firstSent = new Map<string, string>();
          for (let offset = 0; offset <= 250; offset++) {
            const today = addDays(inv.arrivedOn, offset);
            const notice = invoiceNoticeDue(inv, today, c);
            if (notice && !firstSent.has(notice.step)) firstSent.set(notice.step, today);
          }
          for (const d of c.pastDueDays) {
            const falls = addDays(inv.dueDate, d);
            if (falls > inv.arrivedOn) expect(firstSent.get(`past_due:${d}`)).toBe(falls);
          }
        },
      ),
    );
  });
});
