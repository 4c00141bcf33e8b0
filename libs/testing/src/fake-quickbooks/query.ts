/**
 * The subset of the QuickBooks query language the fake understands (integrations.md 2.3):
 * `SELECT * | count(*) FROM <Entity> [WHERE a op v AND …] [ORDERBY f [ASC|DESC]]
 * [STARTPOSITION n] [MAXRESULTS n]` with `= < > <= >= IN LIKE`. Like the real service there is no
 * OR, no JOIN, no projection; anything else is a parse error the server answers with a
 * ValidationFault.
 */
import { QBO_ENTITIES, type QboEntity } from './records';

export class QueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

type Literal = string | number | boolean;

export interface Condition {
  field: string;
  op: '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';
  values: Literal[];
}

export interface ParsedQuery {
  count: boolean;
  entity: QboEntity;
  where: Condition[];
  orderBy: { field: string; descending: boolean }[];
  /** 1-based. */
  startPosition: number;
  /** As asked; the server clamps it. */
  maxResults: number | null;
}

type Token =
  | { t: 'word'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'sym'; v: string };

/** Fields the fake lets a WHERE clause filter on; the real service refuses others with a 400. */
const FILTERABLE: Record<QboEntity, string[]> = {
  Account: ['Name', 'Active', 'AccountType', 'AccountSubType', 'Classification'],
  CreditMemo: ['DocNumber', 'TxnDate', 'CustomerRef', 'TotalAmt', 'Balance'],
  Customer: ['DisplayName', 'CompanyName', 'GivenName', 'FamilyName', 'Active', 'Balance', 'Job'],
  Invoice: ['DocNumber', 'TxnDate', 'DueDate', 'CustomerRef', 'TotalAmt', 'Balance'],
  Payment: ['TxnDate', 'CustomerRef', 'TotalAmt', 'PaymentRefNum'],
  PaymentMethod: ['Name', 'Active', 'Type'],
};
const ALWAYS_FILTERABLE = ['Id', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'];

function parseError(near: string): QueryError {
  return new QueryError(
    '4000',
    'Error parsing query',
    `QueryParserError: Encountered "${near}" in the query.`,
  );
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) i++;
    else if (c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < input.length && input[j] !== "'"; j++) {
        if (input[j] === '\\' && j + 1 < input.length) j++;
        value += input[j];
      }
      if (j >= input.length) throw parseError(input.slice(i));
      tokens.push({ t: 'str', v: value });
      i = j + 1;
    } else if (/[0-9-]/.test(c) && /^-?\d+(\.\d+)?/.test(input.slice(i))) {
      const [text] = /^-?\d+(\.\d+)?/.exec(input.slice(i))!;
      tokens.push({ t: 'num', v: Number(text) });
      i += text.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const [text] = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(input.slice(i))!;
      tokens.push({ t: 'word', v: text });
      i += text.length;
    } else if ('<>'.includes(c) && input[i + 1] === '=') {
      tokens.push({ t: 'sym', v: c + '=' });
      i += 2;
    } else if ('=<>(),*'.includes(c)) {
      tokens.push({ t: 'sym', v: c });
      i++;
    } else throw parseError(c);
  }
  return tokens;
}

export function parseQuery(statement: string): ParsedQuery {
  const tokens = tokenize(statement);
  let at = 0;
  const peek = () => tokens[at];
  const keyword = (word: string) => {
    const token = peek();
    return token?.t === 'word' && token.v.toUpperCase() === word;
  };
  const expectKeyword = (word: string) => {
    if (!keyword(word)) throw parseError(describe(peek()));
    at++;
  };
  const expectSym = (sym: string) => {
    const token = peek();
    if (token?.t !== 'sym' || token.v !== sym) throw parseError(describe(token));
    at++;
  };
  const number = () => {
    const token = tokens[at++];
    if (token?.t !== 'num' || !Number.isInteger(token.v) || token.v < 0)
      throw parseError(describe(token));
    return token.v;
  };
  const literal = (): Literal => {
    const token = tokens[at++];
    if (token?.t === 'str' || token?.t === 'num') return token.v;
    if (token?.t === 'word' && /^(true|false)$/i.test(token.v))
      return token.v.toLowerCase() === 'true';
    throw parseError(describe(token));
  };

  if (tokens.some((t) => t.t === 'word' && t.v.toUpperCase() === 'OR')) throw parseError('OR');
  expectKeyword('SELECT');
  let count = false;
  if (keyword('COUNT')) {
    at++;
    expectSym('(');
    expectSym('*');
    expectSym(')');
    count = true;
  } else expectSym('*');
  expectKeyword('FROM');
  const entityToken = tokens[at++];
  const entity = QBO_ENTITIES.find(
    (e) => entityToken?.t === 'word' && e.toLowerCase() === entityToken.v.toLowerCase(),
  );
  if (!entity) throw parseError(describe(entityToken));

  const where: Condition[] = [];
  if (keyword('WHERE')) {
    at++;
    do {
      if (where.length) at++;
      const fieldToken = tokens[at++];
      if (fieldToken?.t !== 'word') throw parseError(describe(fieldToken));
      const field = canonicalField(entity, fieldToken.v);
      const opToken = tokens[at++];
      let op: Condition['op'];
      if (opToken?.t === 'sym' && ['=', '<', '>', '<=', '>='].includes(opToken.v))
        op = opToken.v as Condition['op'];
      else if (opToken?.t === 'word' && /^(IN|LIKE)$/i.test(opToken.v))
        op = opToken.v.toUpperCase() as Condition['op'];
      else throw parseError(describe(opToken));
      const values: Literal[] = [];
      if (op === 'IN') {
        expectSym('(');
        values.push(literal());
        while (peek()?.t === 'sym' && peek()!.v === ',') {
          at++;
          values.push(literal());
        }
        expectSym(')');
      } else values.push(literal());
      if (op === 'LIKE' && typeof values[0] !== 'string') throw parseError(describe(opToken));
      where.push({ field, op, values });
    } while (keyword('AND'));
  }

  const orderBy: ParsedQuery['orderBy'] = [];
  if (keyword('ORDERBY')) {
    at++;
    do {
      if (orderBy.length) at++;
      const fieldToken = tokens[at++];
      if (fieldToken?.t !== 'word') throw parseError(describe(fieldToken));
      const descending = keyword('DESC');
      if (descending || keyword('ASC')) at++;
      orderBy.push({ descending, field: fieldToken.v });
    } while (peek()?.t === 'sym' && peek()!.v === ',');
  }

  let startPosition = 1;
  let maxResults: number | null = null;
  if (keyword('STARTPOSITION')) {
    at++;
    startPosition = Math.max(1, number());
  }
  if (keyword('MAXRESULTS')) {
    at++;
    maxResults = number();
  }
  if (at < tokens.length) throw parseError(describe(peek()));
  return { count, entity, maxResults, orderBy, startPosition, where };
}

function describe(token: Token | undefined): string {
  if (!token) return '<EOF>';
  return token.t === 'str' ? `'${token.v}'` : String(token.v);
}

function canonicalField(entity: QboEntity, field: string): string {
  const allowed = [...ALWAYS_FILTERABLE, ...FILTERABLE[entity]];
  const match = allowed.find((f) => f.toLowerCase() === field.toLowerCase());
  if (!match)
    throw new QueryError(
      '4001',
      'Invalid query',
      `QueryValidationError: property '${field}' is not queryable`,
    );
  return match;
}

/** A field's value on a record; a reference (`CustomerRef`) compares by its `value`. */
export function fieldValue(record: object, field: string): unknown {
  let value: unknown = record;
  for (const part of field.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  if (value && typeof value === 'object' && 'value' in value)
    return (value as { value: unknown }).value;
  return value;
}

const TIME = /^\d{4}-\d{2}-\d{2}T/;

/** Orders two field values: timestamps by instant, numeric strings (ids) by number. */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') {
    if (TIME.test(a) && TIME.test(b)) return Date.parse(a) - Date.parse(b);
    if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'string') return a - Number(b);
  if (typeof a === 'string' && typeof b === 'number') return Number(a) - b;
  if (a === b) return 0;
  return (a as number) < (b as number) ? -1 : 1;
}

export function matches(record: object, conditions: Condition[]): boolean {
  return conditions.every(({ field, op, values }) => {
    const value = fieldValue(record, field);
    if (value === undefined || value === null) return false;
    switch (op) {
      case 'IN':
        return values.some((v) => compareValues(value, v) === 0);
      case 'LIKE': {
        const pattern = String(values[0])
          .split('%')
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*');
        return new RegExp(`^${pattern}$`, 'i').test(String(value));
      }
      case '=':
        return compareValues(value, values[0]) === 0;
      case '<':
        return compareValues(value, values[0]) < 0;
      case '>':
        return compareValues(value, values[0]) > 0;
      case '<=':
        return compareValues(value, values[0]) <= 0;
      case '>=':
        return compareValues(value, values[0]) >= 0;
    }
  });
}
