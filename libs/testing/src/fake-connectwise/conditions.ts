/**
 * The subset of ConnectWise Manage's `conditions` language the fake understands
 * (integrations.md 1.4 and 6.1): field paths with `/`, `= != < <= > >= contains like in`,
 * `and`/`or`, parentheses, quoted strings, `[datetime]`, numbers, true/false/null. Anything else
 * is refused with the server's literal-rules message.
 */

export const CONDITIONS_HELP =
  'Expected a boolean value, not a numeric. String values should be enclosed with double or single quotes; ' +
  'DateTime values should be enclosed in square brackets; numbers should consist of only digits, and optionally ' +
  'a decimal point and a negation sign; boolean values should be indicated with the keywords true or false; ' +
  'null values should be indicated with the keyword null.';

export class ConditionsError extends Error {}

type Literal = string | number | boolean | null | { date: number };
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cmp'; field: string; op: string; value: Literal }
  | { kind: 'in'; field: string; values: Literal[] };

type Token =
  | { t: 'lp' | 'rp' | 'comma' }
  | { t: 'word'; v: string }
  | { t: 'op'; v: string }
  | { t: 'lit'; v: Literal };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      tokens.push({ t: 'lp' });
      i++;
    } else if (c === ')') {
      tokens.push({ t: 'rp' });
      i++;
    } else if (c === ',') {
      tokens.push({ t: 'comma' });
      i++;
    } else if (c === '"' || c === "'") {
      const end = input.indexOf(c, i + 1);
      if (end < 0) throw new ConditionsError(CONDITIONS_HELP);
      tokens.push({ t: 'lit', v: input.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '[') {
      const end = input.indexOf(']', i + 1);
      const date = end < 0 ? NaN : Date.parse(input.slice(i + 1, end));
      if (Number.isNaN(date)) throw new ConditionsError(CONDITIONS_HELP);
      tokens.push({ t: 'lit', v: { date } });
      i = end + 1;
    } else if ('<>=!'.includes(c)) {
      const two = input.slice(i, i + 2);
      const op = ['<=', '>=', '!='].includes(two) ? two : c;
      if (op === '!') throw new ConditionsError(CONDITIONS_HELP);
      tokens.push({ t: 'op', v: op });
      i += op.length;
    } else if (/[-\d]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(input.slice(i));
      if (!match) throw new ConditionsError(CONDITIONS_HELP);
      tokens.push({ t: 'lit', v: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][\w/]*/.exec(input.slice(i))!;
      const word = match[0];
      const lower = word.toLowerCase();
      if (lower === 'true' || lower === 'false') tokens.push({ t: 'lit', v: lower === 'true' });
      else if (lower === 'null') tokens.push({ t: 'lit', v: null });
      else if (['contains', 'like', 'in', 'not'].includes(lower))
        tokens.push({ t: 'op', v: lower });
      else tokens.push({ t: 'word', v: word });
      i += word.length;
    } else {
      throw new ConditionsError(CONDITIONS_HELP);
    }
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.or();
    if (this.i !== this.tokens.length) throw new ConditionsError(CONDITIONS_HELP);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(): Token {
    const token = this.tokens[this.i++];
    if (!token) throw new ConditionsError(CONDITIONS_HELP);
    return token;
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token?.t === 'word' && token.v.toLowerCase() === word;
  }

  private or(): Node {
    let left = this.and();
    while (this.isWord('or')) {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.primary();
    while (this.isWord('and')) {
      this.i++;
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private primary(): Node {
    const token = this.next();
    if (token.t === 'lp') {
      const node = this.or();
      if (this.next().t !== 'rp') throw new ConditionsError(CONDITIONS_HELP);
      return node;
    }
    if (token.t !== 'word') throw new ConditionsError(CONDITIONS_HELP);
    const op = this.next();
    if (op.t !== 'op' || op.v === 'not') throw new ConditionsError(CONDITIONS_HELP);
    if (op.v === 'in') {
      if (this.next().t !== 'lp') throw new ConditionsError(CONDITIONS_HELP);
      const values: Literal[] = [];
      for (;;) {
        const value = this.next();
        if (value.t !== 'lit') throw new ConditionsError(CONDITIONS_HELP);
        values.push(value.v);
        const sep = this.next();
        if (sep.t === 'rp') break;
        if (sep.t !== 'comma') throw new ConditionsError(CONDITIONS_HELP);
      }
      return { field: token.v, kind: 'in', values };
    }
    const value = this.next();
    if (value.t !== 'lit') throw new ConditionsError(CONDITIONS_HELP);
    return { field: token.v, kind: 'cmp', op: op.v, value: value.v };
  }
}

export type Predicate = (record: object) => boolean;

/** Compiles a `conditions` string into a predicate; throws ConditionsError when it is not valid. */
export function compileConditions(conditions: string | undefined): Predicate {
  if (!conditions?.trim()) return () => true;
  const node = new Parser(tokenize(conditions)).parse();
  return (record) => evaluate(node, record as Record<string, unknown>);
}

function fieldValue(record: Record<string, unknown>, path: string): unknown {
  const parts = path === 'lastUpdated' ? ['_info', 'lastUpdated'] : path.split('/');
  let value: unknown = record;
  for (const part of parts) {
    if (value === null || typeof value !== 'object') return null;
    const key = Object.keys(value).find((k) => k.toLowerCase() === part.toLowerCase());
    value = key === undefined ? null : (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

function comparable(value: unknown, literal: Literal): [unknown, unknown] {
  if (literal !== null && typeof literal === 'object') {
    const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
    return [Number.isNaN(parsed) ? null : parsed, literal.date];
  }
  if (typeof literal === 'string' && typeof value === 'string')
    return [value.toLowerCase(), literal.toLowerCase()];
  return [value, literal];
}

function evaluate(node: Node, record: Record<string, unknown>): boolean {
  if (node.kind === 'and') return evaluate(node.left, record) && evaluate(node.right, record);
  if (node.kind === 'or') return evaluate(node.left, record) || evaluate(node.right, record);
  return compare(node as Exclude<Node, { kind: 'and' | 'or' }>, record);
}

function compare(
  node: Exclude<Node, { kind: 'and' | 'or' }>,
  record: Record<string, unknown>,
): boolean {
  const value = fieldValue(record, node.field);
  if (node.kind === 'in') {
    const values = node.values;
    return values.some((literal) => {
      const [a, b] = comparable(value, literal);
      return a === b;
    });
  }
  const [a, b] = comparable(value, node.value);
  switch (node.op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case 'contains':
      return typeof a === 'string' && typeof b === 'string' && a.includes(b);
    case 'like': {
      if (typeof a !== 'string' || typeof b !== 'string') return false;
      const pattern = b.split('%').map(escapeRegExp).join('.*');
      return new RegExp(`^${pattern}$`).test(a);
    }
    default: {
      if (a === null || b === null) return false;
      const [x, y] = [a as number | string, b as number | string];
      if (node.op === '<') return x < y;
      if (node.op === '<=') return x <= y;
      if (node.op === '>') return x > y;
      return x >= y;
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
