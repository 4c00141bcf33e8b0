import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { MAX_JSON_BODY_BYTES, MAX_JSON_DEPTH } from '../../src/common/json-body';

/**
 * Builds hostile requests for every operation of the committed OpenAPI document: each request
 * differs from a valid one (the operation's fixture) in one way, so that an answer can be
 * judged against what that one change deserves.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A well-formed UUID that names nothing. */
const A_UUID = '00000000-0000-4000-8000-000000000000';

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  body?: Schema;
}

/** A valid request of an operation, and the statuses it may answer. */
export interface Fixture {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Json;
  /** Statuses the unmodified request may answer (default: any 2xx). */
  baseStatus?: number[];
  /** Send the unmodified request after the corpus, not before (it deletes or closes something). */
  baseLast?: boolean;
  /** Credentials instead of the admin's API key (a portal session's cookie and CSRF token). */
  credentials?: Record<string, string>;
  /** Headers every request of the operation needs, made afresh for each (an Idempotency-Key). */
  headers?: () => Record<string, string>;
  /** The unmodified request starts background work (an email's first delivery attempt). */
  settles?: boolean;
  /**
   * Made just before the operation runs, for inputs that expire: a link good for a minute
   * would not outlive a long run on a loaded machine if it were made with the seed.
   */
  fresh?: () => Promise<Partial<Fixture>>;
  /**
   * Which shape of a `oneOf` the body sends (its index; default the first): an integration's
   * settings are ConnectWise's or QuickBooks', and each gets a fixture of its own.
   */
  oneOf?: number;
}

/**
 * `refused`: a 400 whose `errors` name `field` (or a field inside it); `status`: exactly that
 * status; `accepted`: whatever the answer, it must not blame `field`; `any`: only the global
 * rules (no 5xx, errors are problem+json, a refused request writes nothing).
 */
export type Expectation =
  | { kind: 'refused'; field: string }
  | { kind: 'status'; status: number; field?: string }
  | { kind: 'accepted'; field: string }
  | { kind: 'any' };

export interface HostileRequest {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  expect: Expectation;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

export function loadOpenApi(): {
  operations: Operation[];
  schemas: Record<string, Schema>;
} {
  const file = resolve(__dirname, '../../../../openapi/openapi.json');
  const document = JSON.parse(readFileSync(file, 'utf8')) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Record<string, Schema> };
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method] as
        | {
            operationId: string;
            parameters?: Parameter[];
            requestBody?: { content: Record<string, { schema: Schema }> };
          }
        | undefined;
      if (!op) continue;
      const parameters = op.parameters ?? [];
      operations.push({
        body: op.requestBody?.content['application/json']?.schema,
        headerParams: parameters.filter((p) => p.in === 'header'),
        id: op.operationId,
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
      });
    }
  }
  return { operations, schemas: document.components.schemas };
}

const NUL = 'a\u0000b';
const LONE_HIGH = 'x\ud800';
const LONE_LOW = '\udc00y';
const JSON_HEADERS = { 'content-type': 'application/json' };

/** Everything hostile for one operation, plus its unmodified request first or last. */
export function buildCorpus(
  operation: Operation,
  fixture: Fixture,
  schemas: Record<string, Schema>,
): { base: HostileRequest; baseLast: boolean; corpus: HostileRequest[] } {
  const choice = fixture.oneOf ?? 0;
  const resolveSchema = (schema: Schema | undefined): Schema =>
    deref(schema ?? {}, schemas, choice);
  const params = fixture.params ?? {};
  const query = fixture.query ?? {};
  const body = fixture.body;
  const hasBody = Boolean(operation.body);
  const corpus: HostileRequest[] = [];

  const url = (rawParams: Record<string, string> = {}, rawQuery?: string) => {
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name in rawParams) return rawParams[name];
      if (!(name in params)) throw new Error(`${operation.id}: no fixture for path param ${name}`);
      return encodeURIComponent(params[name]);
    });
    const search = rawQuery ?? new URLSearchParams(query).toString();
    return search ? `${path}?${search}` : path;
  };
  const request = (
    label: string,
    expect: Expectation,
    parts: { url?: string; payload?: string; headers?: Record<string, string> } = {},
  ): HostileRequest => ({
    expect,
    headers: parts.headers ?? (parts.payload !== undefined ? JSON_HEADERS : {}),
    label,
    method: operation.method,
    payload: parts.payload,
    url: parts.url ?? url(),
  });
  const withBody = (label: string, value: Json, expect: Expectation) =>
    request(label, expect, { payload: JSON.stringify(value) });
  const basePayload = hasBody ? JSON.stringify(body ?? {}) : undefined;

  // Path parameters: NUL is named; undecodable bytes and over-long values are refused somehow.
  for (const param of operation.pathParams) {
    const raw = (value: string) => url({ [param.name]: value });
    const send = (label: string, value: string, expect: Expectation) =>
      corpus.push(
        request(`path ${param.name} ${label}`, expect, { payload: basePayload, url: raw(value) }),
      );
    send('NUL', 'a%00b', { field: param.name, kind: 'refused' });
    send('NUL only', '%00', { field: param.name, kind: 'refused' });
    send('lone surrogate', 'x%ED%A0%80', { kind: 'status', status: 400 });
    send('truncated utf-8', '%F0%9F', { kind: 'status', status: 400 });
    send('bad escape', '%zz', { kind: 'status', status: 400 });
    send('not a uuid', 'not-a-uuid', { kind: 'any' });
    send('huge number', '9'.repeat(40), { kind: 'any' });
    send('negative', '-1', { kind: 'any' });
    send('very long', 'x'.repeat(2000), { kind: 'any' });
    send('dot dot', '..', { kind: 'any' });
    send('encoded slash', 'a%2Fb', { kind: 'any' });
  }

  // Query parameters: one hostile value at a time, the others as in the fixture.
  for (const param of operation.queryParams) {
    const schema = resolveSchema(param.schema);
    const others = Object.entries(query).filter(([name]) => name !== param.name);
    const rawQuery = (fragment: string) =>
      [...others.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`), fragment]
        .filter(Boolean)
        .join('&');
    const send = (label: string, fragment: string, expect: Expectation) =>
      corpus.push(
        request(`query ${param.name} ${label}`, expect, { url: url({}, rawQuery(fragment)) }),
      );
    const name = encodeURIComponent(param.name);
    send('NUL', `${name}=a%00b`, { field: param.name, kind: 'refused' });
    send('lone surrogate bytes', `${name}=x%ED%A0%80`, { kind: 'any' });
    send('bad escape', `${name}=%zz`, { kind: 'any' });
    send('empty', `${name}=`, { kind: 'any' });
    send('repeated', `${name}=1&${name}=2`, { kind: 'any' });
    send('very long', `${name}=${'x'.repeat(5000)}`, { kind: 'any' });
    send('bracketed', `${name}[a]=1`, { kind: 'any' });
    if (schema.type === 'integer') {
      send('huge', `${name}=${'9'.repeat(30)}`, { field: param.name, kind: 'refused' });
      send('beyond bigint', `${name}=9223372036854775808`, { field: param.name, kind: 'refused' });
      send('float', `${name}=1.5`, { field: param.name, kind: 'refused' });
      send('exponent', `${name}=1e3`, { field: param.name, kind: 'refused' });
      send('text', `${name}=two`, { field: param.name, kind: 'refused' });
      send('negative', `${name}=-1`, { kind: 'any' });
      if (schema.maximum !== undefined)
        send('over maximum', `${name}=${schema.maximum + 1}`, {
          field: param.name,
          kind: 'refused',
        });
    }
    if (schema.enum)
      send('not a member', `${name}=zz-unknown`, { field: param.name, kind: 'refused' });
    if (schema.format === 'uuid')
      send('not a uuid', `${name}=nope`, { field: param.name, kind: 'refused' });
    if (schema.format === 'date')
      send('not a date', `${name}=2026-02-30`, { field: param.name, kind: 'refused' });
    // A repeatable parameter (`id=a&id=b`): a bad item, and one item too many.
    if (schema.type === 'array') {
      const items = resolveSchema(schema.items);
      if (items.format === 'uuid') {
        send('item not a uuid', `${name}=${A_UUID}&${name}=nope`, {
          field: param.name,
          kind: 'refused',
        });
        if (schema.maxItems !== undefined)
          send(
            'over maxItems',
            Array.from({ length: schema.maxItems + 1 }, () => `${name}=${A_UUID}`).join('&'),
            { field: param.name, kind: 'refused' },
          );
      }
    }
  }
  if (operation.queryParams.length) {
    corpus.push(
      request(
        'query unknown parameter',
        { field: 'zzUnknown', kind: 'refused' },
        {
          url: url(
            {},
            [new URLSearchParams(query).toString(), 'zzUnknown=1'].filter(Boolean).join('&'),
          ),
        },
      ),
    );
  }

  // Idempotency-Key: a malformed key is refused before anything is stored. A conditional header
  // (If-None-Match) is only compared: one that names nothing current is no error.
  for (const param of operation.headerParams) {
    // A request without a body carries no content-type (fastify refuses an empty JSON body).
    const headers = (value: string) => ({
      ...(basePayload === undefined ? {} : JSON_HEADERS),
      [param.name.toLowerCase()]: value,
    });
    const malformed: Expectation = /^if-/i.test(param.name)
      ? { field: param.name, kind: 'accepted' }
      : { field: param.name, kind: 'refused' };
    corpus.push(
      request(`header ${param.name} too long`, malformed, {
        headers: headers('k'.repeat(300)),
        payload: basePayload,
      }),
      request(`header ${param.name} with spaces`, malformed, {
        headers: headers('a key with spaces'),
        payload: basePayload,
      }),
    );
  }

  // Whole bodies the JSON parser or the DTO must refuse. Operations without a body still parse
  // one when it is sent, so malformed and deep bodies must be refused there too.
  const bodyStatus = (status: number, field?: string): Expectation =>
    hasBody ? { field, kind: 'status', status } : { kind: 'any' };
  const rawBody = (
    label: string,
    payload: string,
    expect: Expectation,
    headers: Record<string, string> = JSON_HEADERS,
  ) => corpus.push(request(`body ${label}`, expect, { headers, payload }));
  if (operation.method !== 'GET') {
    rawBody('malformed', '{"a":', { field: 'body', kind: 'status', status: 400 });
    rawBody('trailing garbage', '{} x', { field: 'body', kind: 'status', status: 400 });
    rawBody('deep arrays', '['.repeat(100_000) + ']'.repeat(100_000), {
      field: 'body',
      kind: 'status',
      status: 400,
    });
    rawBody('deep objects', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000), {
      field: 'body',
      kind: 'status',
      status: 400,
    });
    rawBody('one level too deep', '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1), {
      field: 'body',
      kind: 'status',
      status: 400,
    });
    rawBody('empty with JSON content type', '', { field: 'body', kind: 'status', status: 400 });
    rawBody('proto pollution', '{"__proto__":{"admin":true}}', {
      field: 'body',
      kind: 'status',
      status: 400,
    });
    rawBody('constructor pollution', '{"constructor":{"prototype":{"admin":true}}}', {
      field: 'body',
      kind: 'status',
      status: 400,
    });
    rawBody('oversize', JSON.stringify({ padding: 'x'.repeat(MAX_JSON_BODY_BYTES) }), {
      kind: 'status',
      status: 413,
    });
    rawBody(
      'as text/plain',
      basePayload ?? '{}',
      { kind: 'status', status: 415 },
      {
        'content-type': 'text/plain',
      },
    );
    rawBody(
      'as a form',
      'a=b',
      { kind: 'status', status: 415 },
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    rawBody(
      'as XML',
      '<a/>',
      { kind: 'status', status: 415 },
      { 'content-type': 'application/xml' },
    );
    rawBody('without a content type', basePayload ?? '{}', { kind: 'status', status: 415 }, {});
    rawBody(
      'as a JSON look-alike',
      basePayload ?? '{}',
      { kind: 'status', status: 415 },
      {
        'content-type': 'application/jsonx',
      },
    );
    // Still valid JSON: these would run a delete or a cancel before its unmodified request.
    if (!fixture.baseLast) {
      rawBody(
        'with a charset',
        basePayload ?? '{}',
        { kind: 'any' },
        {
          'content-type': 'application/json; charset=utf-8',
        },
      );
      rawBody('with a byte order mark', `\ufeff${basePayload ?? '{}'}`, { kind: 'any' });
    }
  }
  if (hasBody) {
    for (const [label, value] of [
      ['null', null],
      ['an array', []],
      ['an array of the body', [body ?? {}]],
      ['a string', 'x'],
      ['a number', 1],
      ['true', true],
    ] as [string, Json][])
      corpus.push(withBody(`body ${label}`, value, bodyStatus(400, 'body')));
    corpus.push(
      withBody(
        'body NUL in a key',
        { ...asObject(body), ['k\u0000']: 1 },
        { kind: 'status', status: 400 },
      ),
      withBody(
        'body lone surrogate in a key',
        { ...asObject(body), ['k\ud800']: 1 },
        {
          kind: 'status',
          status: 400,
        },
      ),
      withBody(
        'body unknown field',
        { ...asObject(body), zzUnknown: 1 },
        { field: 'zzUnknown', kind: 'refused' },
      ),
    );
    corpus.push(
      ...fieldMutations(resolveSchema(operation.body), body, schemas, choice).map((m) =>
        withBody(m.label, m.body, m.expect),
      ),
    );
  }

  return {
    base: request('unmodified', { kind: 'any' }, { payload: basePayload }),
    baseLast: fixture.baseLast ?? false,
    corpus,
  };
}

interface Mutation {
  label: string;
  body: Json;
  expect: Expectation;
}

/** For every field the schema knows (present in the example or not), the values it must survive. */
function fieldMutations(
  rootSchema: Schema,
  rootExample: Json | undefined,
  schemas: Record<string, Schema>,
  choice: number,
): Mutation[] {
  const mutations: Mutation[] = [];
  const root = clone(rootExample ?? {});

  const visit = (schema: Schema, example: Json | undefined, path: (string | number)[]) => {
    const properties = schema.properties ?? {};
    for (const [name, rawChild] of Object.entries(properties)) {
      const child = deref(rawChild, schemas, choice);
      const childPath = [...path, name];
      const field = childPath.join('.');
      const childExample = isObject(example) ? example[name] : undefined;
      const required = schema.required?.includes(name) ?? false;
      const at = (label: string, value: Json | typeof REMOVE, expect: Expectation) =>
        mutations.push({ body: setAt(root, childPath, value), expect, label: `${field} ${label}` });
      const refused: Expectation = { field, kind: 'refused' };
      const any: Expectation = { kind: 'any' };

      at('null', null, child.nullable ? { field, kind: 'accepted' } : refused);
      at('NUL', NUL, refused);
      at('lone high surrogate', LONE_HIGH, refused);
      at('lone low surrogate', LONE_LOW, refused);
      if (required) at('missing', REMOVE, refused);

      if (child.type === 'object' || child.properties) {
        const sample = isObject(childExample) ? childExample : {};
        at('as an empty array', [], refused);
        at('as an array of itself', [sample], refused);
        at('as a string', 'x', refused);
        at('as a number', 7, refused);
        at('empty object', {}, any);
        at(
          'with an unknown field',
          { ...sample, zzUnknown: 1 },
          { field: `${field}.zzUnknown`, kind: 'refused' },
        );
        visit(child, childExample, childPath);
      } else if (child.type === 'array') {
        const items = deref(child.items ?? {}, schemas, choice);
        const first = Array.isArray(childExample) && childExample.length ? childExample[0] : 'x';
        at('as an object', {}, refused);
        at('as an object of its items', { 0: first }, refused);
        at('as a string', 'x', refused);
        at('with a null item', [null], refused);
        at('with a NUL item', [NUL], refused);
        at('empty', [], any);
        at('with the first item twice', [first, first], any);
        at(
          'over maxItems',
          Array.from({ length: (child.maxItems ?? 1000) + 1 }, () => first),
          any,
        );
        if (items.type === 'object' || items.properties) {
          at('with a nested array', [[first]], refused);
          at('with a string item', ['x'], refused);
          if (Array.isArray(childExample) && isObject(first))
            visit(items, first, [...childPath, 0]);
        }
      } else if (child.type === 'integer' || child.type === 'number') {
        at('as a float', 1.5, refused);
        at('as a string', '12', refused);
        at('as a boolean', true, refused);
        at('as an object', {}, refused);
        at('as huge', 1e300, child.maximum !== undefined ? refused : any);
        at('beyond safe integers', 2 ** 53 + 2, child.maximum !== undefined ? refused : any);
        at('negative', -1, child.minimum !== undefined && child.minimum >= 0 ? refused : any);
        at('zero', 0, any);
        if (child.maximum !== undefined) at('over maximum', child.maximum + 1, refused);
      } else if (child.type === 'boolean') {
        at('as a string', 'true', refused);
        at('as a number', 1, refused);
        at('as an array', [true], refused);
      } else {
        at('as a number', 42, refused);
        at('as a boolean', false, refused);
        at('as an array', ['x'], refused);
        at('as an object', { a: 'x' }, refused);
        at('empty', '', any);
        at('whitespace', '   ', any);
        at(
          'very long',
          'x'.repeat(20_000),
          child.maxLength !== undefined && child.maxLength < 20_000 ? refused : any,
        );
        if (child.maxLength !== undefined)
          at('over maxLength', 'x'.repeat(child.maxLength + 1), refused);
        if (child.enum) at('not a member', 'zz-unknown', refused);
        if (child.format === 'uuid') at('not a uuid', 'not-a-uuid', refused);
        if (child.format === 'date') {
          at('not a real date', '2026-02-30', refused);
          at('a timestamp', '2026-01-01T00:00:00Z', refused);
        }
      }
    }
  };
  visit(rootSchema, root, []);
  return mutations;
}

/**
 * Every field of an operation's body, nested ones as dotted paths (list items as `.0.`), with
 * whether it may be left out and whether it may be null.
 */
export function bodyFields(
  operation: Operation,
  schemas: Record<string, Schema>,
): { field: string; optional: boolean; nullable: boolean }[] {
  const fields: { field: string; optional: boolean; nullable: boolean }[] = [];
  const seen = new Set<string>();
  const visit = (schema: Schema, path: string[]) => {
    for (const [name, raw] of Object.entries(schema.properties ?? {})) {
      const field = [...path, name];
      // each shape of a oneOf brings its own fields (a field two shapes share is listed once)
      for (const child of alternatives(raw, schemas)) {
        if (!seen.has(field.join('.'))) {
          seen.add(field.join('.'));
          fields.push({
            field: field.join('.'),
            nullable: child.nullable ?? false,
            optional: !schema.required?.includes(name),
          });
        }
        if (child.properties) visit(child, field);
        const items = child.type === 'array' ? deref(child.items ?? {}, schemas) : undefined;
        if (items?.properties) visit(items, [...field, '0']);
      }
    }
  };
  if (operation.body) visit(deref(operation.body, schemas), []);
  return fields;
}

const REMOVE = Symbol('remove');

function setAt(root: Json, path: (string | number)[], value: Json | typeof REMOVE): Json {
  const copy = clone(root);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string | number, Json>;
  }
  const last = path[path.length - 1];
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}

/**
 * The schema behind references. One of several shapes (an integration's settings by its kind):
 * the fixture's `choice` (the first by default).
 */
function deref(schema: Schema, schemas: Record<string, Schema>, choice = 0): Schema {
  if (schema.oneOf?.length) {
    const { oneOf, ...rest } = schema;
    return { ...deref(oneOf[Math.min(choice, oneOf.length - 1)], schemas, choice), ...rest };
  }
  if (schema.$ref) {
    const target = schemas[schema.$ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    const { $ref: _ref, ...rest } = schema;
    return { ...deref(target, schemas, choice), ...rest };
  }
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...deref(allOf[0], schemas, choice), ...rest };
  }
  return schema;
}

/** Every shape a schema may take: each of a oneOf's, or just its own. */
function alternatives(schema: Schema, schemas: Record<string, Schema>): Schema[] {
  const count = schema.oneOf?.length ?? 0;
  if (!count) return [deref(schema, schemas)];
  return Array.from({ length: count }, (_, i) => deref(schema, schemas, i));
}

function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: Json | undefined): Record<string, Json> {
  return isObject(value) ? value : {};
}
