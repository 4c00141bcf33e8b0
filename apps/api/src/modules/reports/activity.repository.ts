import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { containsPattern } from '../../database/like';
import { MethodReportKind, TransactionMethod, TransactionType } from './dto/activity.dto';
import { ReportStreams } from './report-streams.repository';

export interface SqlQuery {
  text: string;
  values: unknown[];
}

export interface Period {
  from: string;
  to: string;
  timeZone: string;
}

export interface TransactionRow {
  occurred_at: Date;
  type: TransactionType;
  method: TransactionMethod;
  payment_id: string;
  sequence: number;
  organization_id: string;
  organization_name: string;
  currency: string;
  amount: string;
}

export interface TransactionTotalRow {
  type: TransactionType;
  method: TransactionMethod;
  currency: string;
  count: number;
  amount: string;
}

export interface MonthRow {
  month: string;
  due: string;
  invoiced: string;
  collected: string;
  receivable_at_end: string;
  days: number;
}

export interface MethodRow {
  payment_method_id: string;
  organization_id: string;
  organization_name: string;
  type: TransactionMethod;
  brand: string;
  last4: string;
  expires_on: string | null;
  status: string;
  locked_reason: string | null;
  locked_at: Date | null;
}

export interface EnrolmentRow {
  organization_id: string;
  name: string;
  enabled_rules: number;
  balance: string;
}

export interface PortalLoginRow {
  contact_id: string;
  name: string;
  email: string;
  organizations: string | null;
  last_sign_in_at: Date | null;
  sign_ins: number;
}

/** The audit codes of a contact's portal sign-in (see PortalAuthService). */
const PORTAL_SIGN_INS = ['portal.login', 'portal.invitation_accepted', 'portal.password_reset'];

/** `[lo, hi)` as timestamps: the first instant of `from` and of the day after `to`, MSP time. */
const BOUNDS = (tz: string, from: string, to: string) =>
  `(${from}::date::timestamp AT TIME ZONE ${tz}) AS lo, ((${to}::date + 1)::timestamp AT TIME ZONE ${tz}) AS hi`;

/**
 * Money moved in a period (payments, their fees, refunds and ACH returns), with the kind of
 * method it moved through. Read-only over the payments module's tables, as the aging report reads
 * the invoices module's.
 */
function transactionsFrom(
  period: Period,
  filters: { method?: TransactionMethod; type?: TransactionType },
): { sql: string; values: unknown[] } {
  const values: unknown[] = [period.timeZone, period.from, period.to];
  const where: string[] = [];
  if (filters.method) where.push(`m.type = $${values.push(filters.method)}`);
  if (filters.type) where.push(`tx.type = $${values.push(filters.type)}`);
  const sql = `WITH bounds AS (SELECT ${BOUNDS('$1', '$2', '$3')}),
    tx AS (
      SELECT p.created_at AS occurred_at, 'payment' AS type, p.id AS payment_id, p.amount
        FROM payments p, bounds b
       WHERE p.status IN ('succeeded', 'refunded', 'returned') AND p.created_at >= b.lo AND p.created_at < b.hi
      UNION ALL
      SELECT p.created_at, 'fee', p.id, p.fee
        FROM payments p, bounds b
       WHERE p.status IN ('succeeded', 'refunded', 'returned') AND p.fee > 0
         AND p.created_at >= b.lo AND p.created_at < b.hi
      UNION ALL
      SELECT r.created_at, 'refund', r.payment_id, r.amount + r.fee
        FROM refunds r, bounds b
       WHERE r.status = 'succeeded' AND r.created_at >= b.lo AND r.created_at < b.hi
      UNION ALL
      SELECT a.created_at, 'ach_return', a.payment_id, a.amount
        FROM ach_returns a, bounds b
       WHERE a.created_at >= b.lo AND a.created_at < b.hi)
    SELECT tx.occurred_at, tx.type, m.type AS method, tx.payment_id, p.sequence, p.organization_id,
           o.name AS organization_name, p.currency, tx.amount
      FROM tx JOIN payments p ON p.id = tx.payment_id
      JOIN payment_methods m ON m.id = p.payment_method_id
      JOIN organizations o ON o.id = p.organization_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return { sql, values };
}

const TRANSACTION_ORDER = 'ORDER BY occurred_at DESC, payment_id, type';

function methodsFrom(
  kind: MethodReportKind,
  today: string,
  q?: string,
): SqlQuery & { order: string } {
  const values: unknown[] = [];
  const search = q ? `AND o.name ILIKE $${values.push(containsPattern(q))}` : '';
  const expiresOn = `CASE WHEN m.exp_year IS NULL OR m.exp_month IS NULL THEN NULL
                          ELSE (make_date(m.exp_year, m.exp_month, 1) + interval '1 month' - interval '1 day')::date END`;
  const text =
    kind === 'expiring'
      ? `SELECT * FROM (
           SELECT m.id AS payment_method_id, m.organization_id, o.name AS organization_name, m.type,
                  m.brand, m.last4, to_char(${expiresOn}, 'YYYY-MM-DD') AS expires_on, m.status,
                  m.locked_reason, m.locked_at, ${expiresOn} AS expiry
             FROM payment_methods m JOIN organizations o ON o.id = m.organization_id
            WHERE m.type = 'card' AND m.removed_at IS NULL ${search}) x
          WHERE expiry BETWEEN $${values.push(today)}::date AND $${values.length}::date + 60`
      : `SELECT m.id AS payment_method_id, m.organization_id, o.name AS organization_name, m.type,
                m.brand, m.last4, to_char(${expiresOn}, 'YYYY-MM-DD') AS expires_on, m.status,
                m.locked_reason, m.locked_at
           FROM payment_methods m JOIN organizations o ON o.id = m.organization_id
          WHERE m.status = 'locked' AND m.removed_at IS NULL ${search}`;
  const order =
    kind === 'expiring'
      ? 'ORDER BY expires_on, lower(organization_name), payment_method_id'
      : 'ORDER BY locked_at DESC NULLS LAST, payment_method_id';
  return { order, text, values };
}

function enrolmentFrom(currency: string): SqlQuery {
  return {
    text: `SELECT o.id AS organization_id, o.name, coalesce(b.balance, 0) AS balance,
                  (SELECT count(*) FROM autopay_rules r
                    WHERE r.organization_id = o.id AND r.enabled AND NOT r.locked
                      AND EXISTS (SELECT 1 FROM payment_methods m
                                   WHERE m.organization_id = o.id AND m.status = 'active'
                                     AND m.removed_at IS NULL
                                     AND (m.id = r.payment_method_id
                                          OR (r.payment_method_id IS NULL AND m.is_default))))::int
                    AS enabled_rules
             FROM organizations o
             LEFT JOIN organization_balances b ON b.organization_id = o.id AND b.currency = $1
            WHERE o.status = 'active'`,
    values: [currency],
  };
}

function portalLoginsFrom(period: Period): SqlQuery {
  return {
    text: `WITH bounds AS (SELECT ${BOUNDS('$1', '$2', '$3')}),
           s AS (SELECT a.actor_id AS contact_id, count(*)::int AS sign_ins
                   FROM audit_log a, bounds b
                  WHERE a.actor_type = 'contact' AND a.action = ANY($4::text[])
                    AND a.occurred_at >= b.lo AND a.occurred_at < b.hi
                  GROUP BY a.actor_id)
           SELECT c.id AS contact_id, trim(c.first_name || ' ' || c.last_name) AS name, c.email,
                  c.last_login_at AS last_sign_in_at, s.sign_ins,
                  (SELECT string_agg(o.name, '; ' ORDER BY lower(o.name))
                     FROM contact_memberships cm JOIN organizations o ON o.id = cm.organization_id
                    WHERE cm.contact_id = c.id) AS organizations
             FROM s JOIN contacts c ON c.id = s.contact_id`,
    values: [period.timeZone, period.from, period.to, PORTAL_SIGN_INS],
  };
}

const PORTAL_LOGIN_ORDER = 'ORDER BY sign_ins DESC, lower(name), contact_id';

/**
 * The reports of money moved, monthly figures, AutoPay enrolment, payment methods to look at and
 * portal sign-ins: read-only SQL over the owning modules' tables, each as a page and as a stream
 * for its CSV.
 */
@Injectable()
export class ActivityRepository {
  constructor(private readonly streams: ReportStreams) {}

  async transactions(
    manager: EntityManager,
    period: Period,
    filters: { method?: TransactionMethod; type?: TransactionType },
    page: { limit: number; offset: number },
  ): Promise<{ totals: TransactionTotalRow[]; rows: TransactionRow[]; total: number }> {
    const { sql, values } = transactionsFrom(period, filters);
    const n = values.length;
    const [totals, rows]: [TransactionTotalRow[], (TransactionRow & { total: number })[]] =
      await Promise.all([
        manager.query(
          `SELECT type, method, currency, count(*)::int AS count, sum(amount) AS amount
             FROM (${sql}) t GROUP BY type, method, currency ORDER BY type, method, currency`,
          values,
        ),
        manager.query(
          `SELECT *, count(*) OVER ()::int AS total FROM (${sql}) t ${TRANSACTION_ORDER}
            LIMIT $${n + 1} OFFSET $${n + 2}`,
          [...values, page.limit, page.offset],
        ),
      ]);
    const total = totals.reduce((sum, t) => sum + t.count, 0);
    return { rows, total, totals };
  }

  streamTransactions(
    period: Period,
    filters: { method?: TransactionMethod; type?: TransactionType },
  ) {
    const { sql, values } = transactionsFrom(period, filters);
    return this.streams.open(`SELECT * FROM (${sql}) t ${TRANSACTION_ORDER}`, values);
  }

  /**
   * Month by month: invoices due and issued, money collected, and A/R at each month's end from
   * one pass over the invoices (+ at issue, - when paid, summed month by month).
   */
  async monthly(
    manager: EntityManager,
    input: { currency: string; timeZone: string; from: string; to: string },
  ): Promise<MonthRow[]> {
    return manager.query(
      `WITH months AS (
         SELECT m::date AS month, (m + interval '1 month')::date AS next
           FROM generate_series(date_trunc('month', $3::date), date_trunc('month', $4::date), interval '1 month') m),
       span AS (SELECT min(month) AS lo, max(next) AS hi FROM months),
       inv AS (
         SELECT i.issue_date, i.due_date, i.total,
                CASE WHEN i.status = 'open' THEN i.open_balance ELSE i.total END AS value,
                CASE WHEN i.status = 'paid' THEN (i.updated_at AT TIME ZONE $2)::date END AS closed_on
           FROM invoices i, span s
          WHERE i.currency = $1 AND i.status <> 'void' AND i.issue_date < s.hi),
       ar AS (
         SELECT greatest(date_trunc('month', issue_date)::date, s.lo) AS month, sum(value) AS delta
           FROM inv, span s GROUP BY 1
         UNION ALL
         SELECT greatest(date_trunc('month', closed_on)::date, s.lo), -sum(value)
           FROM inv, span s WHERE closed_on < s.hi GROUP BY 1),
       ar_months AS (
         SELECT m.month, sum(coalesce(sum(ar.delta), 0)) OVER (ORDER BY m.month) AS receivable_at_end
           FROM months m LEFT JOIN ar ON ar.month = m.month GROUP BY m.month),
       due AS (
         SELECT date_trunc('month', due_date)::date AS month, sum(total) AS due
           FROM inv, span s WHERE due_date >= s.lo AND due_date < s.hi GROUP BY 1),
       issued AS (
         SELECT date_trunc('month', issue_date)::date AS month, sum(total) AS invoiced
           FROM inv, span s WHERE issue_date >= s.lo GROUP BY 1),
       money AS (
         SELECT date_trunc('month', at AT TIME ZONE $2)::date AS month, sum(amount) AS collected
           FROM (SELECT p.created_at AS at, p.amount FROM payments p, span s
                  WHERE p.currency = $1 AND p.status IN ('succeeded', 'refunded', 'returned')
                    AND p.created_at >= (s.lo::timestamp AT TIME ZONE $2)
                    AND p.created_at < (s.hi::timestamp AT TIME ZONE $2)
                 UNION ALL
                 SELECT r.created_at, -r.amount FROM refunds r JOIN payments p ON p.id = r.payment_id, span s
                  WHERE p.currency = $1 AND r.status = 'succeeded'
                    AND r.created_at >= (s.lo::timestamp AT TIME ZONE $2)
                    AND r.created_at < (s.hi::timestamp AT TIME ZONE $2)
                 UNION ALL
                 SELECT a.created_at, -a.amount FROM ach_returns a, span s
                  WHERE a.currency = $1
                    AND a.created_at >= (s.lo::timestamp AT TIME ZONE $2)
                    AND a.created_at < (s.hi::timestamp AT TIME ZONE $2)) x
          GROUP BY 1)
       SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(d.due, 0) AS due,
              coalesce(i.invoiced, 0) AS invoiced, coalesce(c.collected, 0) AS collected,
              a.receivable_at_end, (m.next - m.month)::int AS days
         FROM months m JOIN ar_months a ON a.month = m.month
         LEFT JOIN due d ON d.month = m.month
         LEFT JOIN issued i ON i.month = m.month
         LEFT JOIN money c ON c.month = m.month
        ORDER BY m.month`,
      [input.currency, input.timeZone, input.from, input.to],
    );
  }

  async methods(
    manager: EntityManager,
    input: { kind: MethodReportKind; today: string; q?: string; limit: number; offset: number },
  ): Promise<{ rows: MethodRow[]; total: number }> {
    const { order, text, values } = methodsFrom(input.kind, input.today, input.q);
    const n = values.length;
    const [[{ total }], rows]: [{ total: number }[], MethodRow[]] = await Promise.all([
      manager.query(`SELECT count(*)::int AS total FROM (${text}) t`, values),
      manager.query(`SELECT * FROM (${text}) t ${order} LIMIT $${n + 1} OFFSET $${n + 2}`, [
        ...values,
        input.limit,
        input.offset,
      ]),
    ]);
    return { rows, total };
  }

  streamMethods(kind: MethodReportKind, today: string) {
    const { order, text, values } = methodsFrom(kind, today);
    return this.streams.open(`SELECT * FROM (${text}) t ${order}`, values);
  }

  async enrolment(
    manager: EntityManager,
    input: { currency: string; enrolled?: boolean; q?: string; limit: number; offset: number },
  ): Promise<{
    totals: { organizations: number; enrolled: number; balance: string; covered: string };
    rows: EnrolmentRow[];
    total: number;
  }> {
    const { text, values } = enrolmentFrom(input.currency);
    const filtered = [...values];
    const where: string[] = [];
    if (input.enrolled !== undefined)
      where.push(input.enrolled ? 'enabled_rules > 0' : 'enabled_rules = 0');
    if (input.q) where.push(`name ILIKE $${filtered.push(containsPattern(input.q))}`);
    const n = filtered.length;
    const [[totals], rows]: [
      { organizations: number; enrolled: number; balance: string; covered: string }[],
      (EnrolmentRow & { total: number })[],
    ] = await Promise.all([
      manager.query(
        `SELECT count(*)::int AS organizations, count(*) FILTER (WHERE enabled_rules > 0)::int AS enrolled,
                coalesce(sum(balance), 0) AS balance,
                coalesce(sum(balance) FILTER (WHERE enabled_rules > 0), 0) AS covered
           FROM (${text}) t`,
        values,
      ),
      manager.query(
        `SELECT *, count(*) OVER ()::int AS total FROM (${text}) t
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY balance DESC, lower(name), organization_id LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...filtered, input.limit, input.offset],
      ),
    ]);
    return { rows, total: rows[0]?.total ?? 0, totals };
  }

  streamEnrolment(currency: string) {
    const { text, values } = enrolmentFrom(currency);
    return this.streams.open(
      `SELECT * FROM (${text}) t ORDER BY lower(name), organization_id`,
      values,
    );
  }

  async portalLogins(
    manager: EntityManager,
    period: Period,
    page: { limit: number; offset: number },
  ): Promise<{ rows: PortalLoginRow[]; total: number; signIns: number }> {
    const { text, values } = portalLoginsFrom(period);
    const n = values.length;
    const [[summary], rows]: [{ total: number; sign_ins: number }[], PortalLoginRow[]] =
      await Promise.all([
        manager.query(
          `SELECT count(*)::int AS total, coalesce(sum(sign_ins), 0)::int AS sign_ins FROM (${text}) t`,
          values,
        ),
        manager.query(
          `SELECT * FROM (${text}) t ${PORTAL_LOGIN_ORDER} LIMIT $${n + 1} OFFSET $${n + 2}`,
          [...values, page.limit, page.offset],
        ),
      ]);
    return { rows, signIns: summary.sign_ins, total: summary.total };
  }

  streamPortalLogins(period: Period) {
    const { text, values } = portalLoginsFrom(period);
    return this.streams.open(`SELECT * FROM (${text}) t ${PORTAL_LOGIN_ORDER}`, values);
  }
}
