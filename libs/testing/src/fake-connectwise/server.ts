import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultQueue, type RequestMatch } from '../fault-queue';
import { compileConditions, ConditionsError } from './conditions';
import {
  buildCompany,
  buildContact,
  buildInvoice,
  invoicePdf,
  type CwCompany,
  type CwContact,
  type CwInvoice,
  type CwRecordTypes,
  type CwResource,
} from './records';

export interface FakeConnectWiseRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Header names lowercased. */
  headers: Record<string, string>;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export type CwFaultMatch = RequestMatch;

/**
 * What the next matching requests get instead of an answer: a status (with body and headers,
 * e.g. 429 + Retry-After), a delay before the real answer, or a reset connection.
 */
export type CwFault =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { delayMs: number }
  | { reset: true };

export interface FakeConnectWiseOptions {
  companyId?: string;
  publicKey?: string;
  privateKey?: string;
  /** When set, requests must carry exactly this clientId; otherwise any non-empty one passes. */
  clientId?: string;
  /** The codebase in paths and in `login/companyinfo` (default v4_6_release). */
  codebase?: string;
  /** Status for a request without a clientId header (real behaviour uncertain; default 401). */
  missingClientIdStatus?: 400 | 401;
  defaultPageSize?: number;
  /** The fake clock's start; every change moves it one second on. */
  now?: Date;
  port?: number;
}

export interface FakeConnectWise {
  /** The origin, e.g. http://127.0.0.1:40123 (what an integration's site setting points at). */
  url: string;
  /** `${url}/${codebase}/apis/3.0` */
  apiBase: string;
  companyId: string;
  publicKey: string;
  privateKey: string;
  codebase: string;
  requests: FakeConnectWiseRequest[];
  /** Adds a record as if typed in the ConnectWise UI; `lastUpdated` is the fake clock's time. */
  add<R extends CwResource>(resource: R, input: AddInput<R>): CwRecordTypes[R];
  /** Edits a record as a user would: merges the fields and bumps `_info.lastUpdated`. */
  edit<R extends CwResource>(
    resource: R,
    id: number,
    changes: Partial<CwRecordTypes[R]>,
  ): CwRecordTypes[R];
  /** Deletes a record: it leaves lists and answers 404. */
  remove(resource: CwResource, id: number): void;
  get<R extends CwResource>(resource: R, id: number): CwRecordTypes[R] | undefined;
  all<R extends CwResource>(resource: R): CwRecordTypes[R][];
  /** The next id `add` would give a record without one. */
  nextId(resource: CwResource): number;
  /** Moves the fake clock forward. */
  advanceClock(ms: number): void;
  now(): Date;
  injectFault(match: CwFaultMatch, fault: CwFault, times?: number): void;
  /** Runs `change` right after the next list page of `resource` is served (data drifting while a client pages). */
  afterListPage(resource: CwResource, change: () => void): void;
  /** API requests (control routes aside) whose path matches. */
  requestsTo(path: RegExp): FakeConnectWiseRequest[];
  close(): Promise<void>;
}

export type AddInput<R extends CwResource> = R extends 'invoices'
  ? Partial<CwInvoice> & { company: CwInvoice['company'] }
  : Partial<CwRecordTypes[R]>;

const API_VERSION = '2025.1';
const MAX_PAGE_SIZE = 1000;
const RESOURCES: Record<string, { resource: CwResource; label: string }> = {
  'company/companies': { label: 'Company', resource: 'companies' },
  'company/contacts': { label: 'Contact', resource: 'contacts' },
  'finance/invoices': { label: 'Invoice', resource: 'invoices' },
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

function errorBody(code: string, message: string) {
  return { code, errors: [], message };
}

class FakeConnectWiseServer implements FakeConnectWise {
  url = '';
  apiBase = '';
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly codebase: string;
  readonly requests: FakeConnectWiseRequest[] = [];
  private readonly options: FakeConnectWiseOptions;
  private readonly store: { [R in CwResource]: Map<number, CwRecordTypes[R]> } = {
    companies: new Map(),
    contacts: new Map(),
    invoices: new Map(),
  };
  private readonly faults = new FaultQueue<CwFault>();
  /** Each resource's records in id order, rebuilt after a change (paging 100,000 stays cheap). */
  private readonly sorted: Partial<Record<CwResource, { id: number }[]>> = {};
  private readonly drift: { resource: CwResource; change: () => void }[] = [];
  private clock: number;
  private readonly server: Server;

  constructor(options: FakeConnectWiseOptions) {
    this.options = options;
    this.companyId = options.companyId ?? 'settle';
    this.publicKey = options.publicKey ?? 'fakePublicKey';
    this.privateKey = options.privateKey ?? 'fakePrivateKey';
    this.codebase = options.codebase ?? 'v4_6_release';
    this.clock =
      Math.floor((options.now ?? new Date('2026-01-01T00:00:00Z')).getTime() / 1000) * 1000;
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}`;
    this.apiBase = `${this.url}/${this.codebase}/apis/3.0`;
  }

  now(): Date {
    return new Date(this.clock);
  }

  advanceClock(ms: number): void {
    this.clock += ms;
  }

  private stamp(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace('.000Z', 'Z');
  }

  nextId(resource: CwResource): number {
    let max = 0;
    for (const id of this.store[resource].keys()) max = Math.max(max, id);
    return max + 1;
  }

  add<R extends CwResource>(resource: R, input: AddInput<R>): CwRecordTypes[R] {
    const id = (input as { id?: number }).id ?? this.nextId(resource);
    const lastUpdated = this.stamp();
    const record =
      resource === 'companies'
        ? buildCompany({ ...(input as Partial<CwCompany>), id }, lastUpdated)
        : resource === 'contacts'
          ? buildContact({ ...(input as Partial<CwContact>), id }, lastUpdated)
          : buildInvoice({ ...(input as AddInput<'invoices'>), id }, lastUpdated);
    (this.store[resource] as Map<number, unknown>).set(id, record);
    delete this.sorted[resource];
    return record as CwRecordTypes[R];
  }

  edit<R extends CwResource>(
    resource: R,
    id: number,
    changes: Partial<CwRecordTypes[R]>,
  ): CwRecordTypes[R] {
    const record = this.store[resource].get(id);
    if (!record) throw new Error(`No ${resource} record ${id}`);
    const edited = {
      ...record,
      ...changes,
      _info: { lastUpdated: this.stamp(), updatedBy: 'fakeuser' },
    } as CwRecordTypes[R];
    (this.store[resource] as Map<number, unknown>).set(id, edited);
    delete this.sorted[resource];
    return edited;
  }

  remove(resource: CwResource, id: number): void {
    this.stamp();
    this.store[resource].delete(id);
    delete this.sorted[resource];
  }

  get<R extends CwResource>(resource: R, id: number): CwRecordTypes[R] | undefined {
    return this.store[resource].get(id) as CwRecordTypes[R] | undefined;
  }

  all<R extends CwResource>(resource: R): CwRecordTypes[R][] {
    return [...this.store[resource].values()] as CwRecordTypes[R][];
  }

  private byId(resource: CwResource): { id: number }[] {
    return (this.sorted[resource] ??= this.all(resource).sort((a, b) => a.id - b.id));
  }

  injectFault(match: CwFaultMatch, fault: CwFault, times = 1): void {
    this.faults.arm(match, fault, times);
  }

  afterListPage(resource: CwResource, change: () => void): void {
    this.drift.push({ change, resource });
  }

  requestsTo(path: RegExp): FakeConnectWiseRequest[] {
    return this.requests.filter((request) => path.test(request.path));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    try {
      if (url.pathname.startsWith('/__fake/')) {
        const body = await readJson(req);
        return send(res, 200, this.control(method, url.pathname, body));
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(', ') : (v ?? ''),
        ]),
      );
      this.requests.push({
        at: Date.now(),
        headers,
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
      });
      const fault = this.faults.take(method, url.pathname);
      if (fault && 'reset' in fault) {
        req.socket.destroy();
        return;
      }
      if (fault && 'delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault && 'status' in fault)
        return send(
          res,
          fault.status,
          fault.body ?? errorBody('ServerError', 'Injected fault.'),
          fault.headers,
        );
      const answer = this.route(method, url, headers, `http://${req.headers.host ?? 'fake'}`);
      if (answer.pdf) {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.end(answer.pdf);
        return;
      }
      send(res, 200, answer.body, answer.headers);
    } catch (error) {
      if (error instanceof HttpError) return send(res, error.status, error.body, error.headers);
      send(res, 500, errorBody('ServerError', String(error)));
    }
  }

  private control(method: string, path: string, body: Record<string, unknown>): unknown {
    const parts = path.split('/').filter(Boolean).slice(1);
    if (parts[0] === 'records' && parts[1] && parts[1] in this.store) {
      const resource = parts[1] as CwResource;
      if (method === 'GET') return this.all(resource);
      if (method === 'POST') return this.add(resource, body as AddInput<typeof resource>);
      if (method === 'PATCH' && parts[2]) return this.edit(resource, Number(parts[2]), body);
      if (method === 'DELETE' && parts[2]) {
        this.remove(resource, Number(parts[2]));
        return { deleted: true };
      }
    }
    if (parts[0] === 'faults' && method === 'POST') {
      const {
        method: m,
        path: p,
        times,
        ...fault
      } = body as {
        method?: string;
        path: string;
        times?: number;
      } & Record<string, unknown>;
      this.injectFault({ method: m, path: new RegExp(p) }, fault as CwFault, times ?? 1);
      return { armed: true };
    }
    if (parts[0] === 'clock' && method === 'POST') {
      this.advanceClock(Number(body.advanceMs ?? 0));
      return { now: this.now().toISOString() };
    }
    if (parts[0] === 'requests' && method === 'GET') return this.requests;
    throw new HttpError(404, errorBody('NotFound', `No control route ${method} ${path}`));
  }

  private route(
    method: string,
    url: URL,
    headers: Record<string, string>,
    origin: string,
  ): { body?: unknown; headers?: Record<string, string>; pdf?: Buffer } {
    const login = /^\/login\/companyinfo\/([^/]+)$/.exec(url.pathname);
    if (login && method === 'GET') {
      const companyId = decodeURIComponent(login[1]!);
      if (companyId.toLowerCase() !== this.companyId.toLowerCase()) return { body: null };
      return {
        body: {
          Codebase: `${this.codebase}/`,
          CompanyID: this.companyId,
          IsCloud: true,
          VersionCode: `v${API_VERSION}`,
          VersionNumber: `v${API_VERSION}.1`,
        },
      };
    }
    const prefix = `/${this.codebase}/apis/3.0/`;
    if (!url.pathname.startsWith(prefix))
      throw new HttpError(404, errorBody('NotFound', `No route ${url.pathname}`));
    this.authenticate(headers);
    const version = { 'api-current-version': API_VERSION };
    const rest = url.pathname.slice(prefix.length).replace(/\/$/, '');
    if (method !== 'GET')
      throw new HttpError(405, errorBody('MethodNotAllowed', `${method} is not supported here.`));
    if (rest === 'system/info')
      return {
        body: {
          isCloud: true,
          serverTimeZone: 'Eastern Standard Time',
          version: `v${API_VERSION}.1`,
        },
        headers: version,
      };
    const match =
      /^(company\/companies|company\/contacts|finance\/invoices)(?:\/(count|\d+))?(?:\/(pdf))?$/.exec(
        rest,
      );
    if (!match) throw new HttpError(404, errorBody('NotFound', `No route ${url.pathname}`));
    const { label, resource } = RESOURCES[match[1]!]!;
    if (match[2] === 'count') {
      const predicate = this.predicate(url);
      return { body: { count: this.all(resource).filter(predicate).length }, headers: version };
    }
    if (match[2]) {
      const id = Number(match[2]);
      const record = this.get(resource, id);
      if (!record)
        throw new HttpError(404, errorBody('NotFound', `${label} with id ${id} not found.`));
      if (match[3] === 'pdf') {
        if (resource !== 'invoices')
          throw new HttpError(404, errorBody('NotFound', `No route ${url.pathname}`));
        return { pdf: invoicePdf((record as CwInvoice).invoiceNumber) };
      }
      return { body: pick(record, url.searchParams.get('fields')), headers: version };
    }
    if (match[3]) throw new HttpError(404, errorBody('NotFound', `No route ${url.pathname}`));
    return this.list(resource, url, headers, origin, version);
  }

  private authenticate(headers: Record<string, string>): void {
    const expected =
      'Basic ' +
      Buffer.from(`${this.companyId}+${this.publicKey}:${this.privateKey}`).toString('base64');
    if (headers.authorization !== expected)
      throw new HttpError(401, {
        code: 'Unauthorized',
        errors: [],
        message: 'Authentication failed: the API member keys are not valid (UserNotAuthenticated).',
      });
    const clientId = headers.clientid;
    if (!clientId || (this.options.clientId && clientId !== this.options.clientId))
      throw new HttpError(
        this.options.missingClientIdStatus ?? 401,
        errorBody('Unauthorized', 'A valid clientId header is required.'),
      );
  }

  private predicate(url: URL) {
    try {
      return compileConditions(url.searchParams.get('conditions') ?? undefined);
    } catch (error) {
      if (error instanceof ConditionsError)
        throw new HttpError(400, {
          code: 'InvalidObject',
          errors: [
            {
              code: 'InvalidField',
              field: 'conditions',
              message: error.message,
              resource: 'conditions',
            },
          ],
          message: error.message,
        });
      throw error;
    }
  }

  private list(
    resource: CwResource,
    url: URL,
    headers: Record<string, string>,
    origin: string,
    version: Record<string, string>,
  ): { body: unknown; headers: Record<string, string> } {
    const predicate = this.predicate(url);
    const params = url.searchParams;
    const rawSize = Number(params.get('pageSize') ?? this.options.defaultPageSize ?? 25);
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Number.isFinite(rawSize) ? rawSize : 25));
    const forwardOnly = headers['pagination-type']?.toLowerCase() === 'forward-only';
    const linkBase = new URL(url.pathname + url.search, origin);
    const out: Record<string, string> = { ...version };
    let page: { id: number }[];
    if (forwardOnly) {
      // Records in id order after pageId, scanned only as far as the page (and one more) needs.
      const sorted = this.byId(resource);
      const pageId = Number(params.get('pageId') ?? 0);
      let low = 0;
      for (let high = sorted.length; low < high;) {
        const middle = (low + high) >> 1;
        if (sorted[middle]!.id <= pageId) low = middle + 1;
        else high = middle;
      }
      page = [];
      let more = false;
      for (let i = low; i < sorted.length; i++) {
        if (!predicate(sorted[i]!)) continue;
        if (page.length === pageSize) {
          more = true;
          break;
        }
        page.push(sorted[i]!);
      }
      if (more) {
        linkBase.searchParams.set('pageId', String(page[page.length - 1]!.id));
        out.link = `<${linkBase.toString()}>; rel="next"`;
      }
    } else {
      const rows = this.all(resource).filter((r) => predicate(r));
      sortRows(rows, params.get('orderBy'));
      const pageNumber = Math.max(1, Number(params.get('page') ?? 1) || 1);
      const last = Math.max(1, Math.ceil(rows.length / pageSize));
      page = rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
      const links: string[] = [];
      if (pageNumber > 1) {
        linkBase.searchParams.set('page', String(pageNumber - 1));
        links.push(`<${linkBase.toString()}>; rel="prev"`);
        linkBase.searchParams.set('page', '1');
        links.push(`<${linkBase.toString()}>; rel="first"`);
      }
      if (pageNumber < last) {
        linkBase.searchParams.set('page', String(pageNumber + 1));
        links.push(`<${linkBase.toString()}>; rel="next"`);
        linkBase.searchParams.set('page', String(last));
        links.push(`<${linkBase.toString()}>; rel="last"`);
      }
      if (links.length) out.link = links.join(', ');
    }
    const fields = params.get('fields');
    const body = page.map((record) => pick(record, fields));
    const drift = this.drift.findIndex((d) => d.resource === resource);
    if (drift >= 0) {
      const [armed] = this.drift.splice(drift, 1);
      armed?.change();
    }
    return { body, headers: out };
  }
}

function sortRows<T extends { id: number }>(rows: T[], orderBy: string | null): void {
  const [field = 'id', direction = 'asc'] = (orderBy ?? 'id asc').trim().split(/\s+/);
  const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
  rows.sort((a, b) => {
    const x = (a as Record<string, unknown>)[field] as number | string;
    const y = (b as Record<string, unknown>)[field] as number | string;
    if (x === y) return a.id - b.id;
    return (x < y ? -1 : 1) * sign;
  });
}

/** `fields=id,name,_info/lastUpdated`: only those (top-level or one level nested). */
function pick(record: object, fields: string | null): unknown {
  if (!fields) return record;
  const source = record as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fields.split(',').map((f) => f.trim())) {
    const [head, child] = field.split('/') as [string, string | undefined];
    if (!(head in source)) continue;
    if (!child) out[head] = source[head];
    else {
      const nested = source[head] as Record<string, unknown> | null;
      if (nested && child in nested)
        out[head] = { ...((out[head] as object) ?? {}), [child]: nested[child] };
    }
  }
  return out;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * A local fake of ConnectWise Manage (integrations.md 6.1) on 127.0.0.1. The integration's site
 * is `fake.url`; its codebase is discovered through `login/companyinfo` like the real one.
 */
export async function startFakeConnectWise(
  options: FakeConnectWiseOptions = {},
): Promise<FakeConnectWise> {
  const server = new FakeConnectWiseServer(options);
  await server.listen(options.port ?? 0);
  return server;
}
