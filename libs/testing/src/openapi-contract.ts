import Ajv2019, { ErrorObject, ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.0 document the checker reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
}

/** One response as the client received it. */
export interface ObservedResponse {
  method: string;
  /** Path, with or without a query string. */
  url: string;
  status: number;
  contentType?: string;
  /** The raw body; undefined when it could not be read (a stream). */
  body?: string | Buffer;
}

export interface ContractVerdict {
  /** `operationId (METHOD /path/{template})`, or the request itself when nothing matched. */
  operation: string;
  /** Empty when the response is what the document says. */
  problems: string[];
}

export interface OpenApiContractOptions {
  /**
   * The schema of the problem document an unknown route is answered with.
   * Default: '#/components/schemas/ProblemDto'.
   */
  problemSchemaRef?: string;
  /**
   * Properties a response has and its schema does not list are problems by default: a client
   * generated from the document would never see them. (OpenAPI itself allows them.)
   */
  allowUndocumentedProperties?: boolean;
}

interface Operation {
  operationId?: string;
  responses?: Record<string, Response | { $ref: string }>;
}
interface Response {
  content?: Record<string, { schema?: unknown }>;
}
interface PathTemplate {
  template: string;
  segments: (string | null)[];
  item: Record<string, unknown>;
}

const SCHEMA_BASE = 'https://contract.settle.invalid/openapi.json';
const COMPONENT_REF = /^#\/components\/schemas\//;
const MAX_PROBLEMS = 15;
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];

/**
 * Checks responses against an OpenAPI 3.0 document the way an integrator's validating proxy
 * would: the operation by method and path template, the response by exact status (else its
 * `4XX`/`5XX` range, else `default`), the media type, then the body against the schema with
 * ajv (`nullable` honoured, formats checked).
 */
export class OpenApiContract {
  private readonly ajv: Ajv2019;
  private readonly templates: PathTemplate[];
  private readonly validators = new Map<string, ValidateFunction | Error>();

  constructor(
    private readonly document: OpenApiDocument,
    private readonly options: OpenApiContractOptions = {},
  ) {
    this.ajv = new Ajv2019({
      allErrors: true,
      // Strict schema mode stays on, so a keyword ajv does not know is an error, not a pass.
      strictRequired: false,
      strictTypes: false,
    });
    addFormats(this.ajv);
    // OpenAPI 3.0 annotations that assert nothing.
    this.ajv.addVocabulary(['example', 'externalDocs', 'xml']);
    const definitions = Object.fromEntries(
      Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [
        name,
        this.prepare(schema),
      ]),
    );
    this.ajv.addSchema({ $defs: definitions, $id: SCHEMA_BASE });
    this.templates = Object.entries(document.paths).map(([template, item]) => ({
      item,
      segments: template
        .split('/')
        .slice(1)
        .map((s) => (/^\{[^}]+\}$/.test(s) ? null : s)),
      template,
    }));
  }

  check(observed: ObservedResponse): ContractVerdict {
    const method = observed.method.toUpperCase();
    const path = observed.url.split('?')[0];
    const match = this.matchPath(path);
    if (!match) {
      // Nothing can document a path that does not exist; the only right answer is a 404 problem.
      return {
        operation: `${method} ${path}`,
        problems: this.checkNoSuchRoute(observed, [404], 'no path in the document matches'),
      };
    }
    const operation = match.item[method.toLowerCase()] as Operation | undefined;
    if (!operation) {
      const documented = METHODS.filter((m) => m in match.item).map((m) => m.toUpperCase());
      return {
        operation: `${method} ${match.template}`,
        problems: this.checkNoSuchRoute(
          observed,
          [404, 405],
          `${match.template} documents no ${method} (only ${documented.join(', ')})`,
        ),
      };
    }
    const name = `${operation.operationId ?? '?'} (${method} ${match.template})`;
    return { operation: name, problems: this.checkResponse(name, operation, observed) };
  }

  /** A request to a route the document lacks must be refused with a problem document. */
  private checkNoSuchRoute(observed: ObservedResponse, statuses: number[], why: string): string[] {
    if (!statuses.includes(observed.status))
      return [`${why}, and the answer is a ${observed.status}, not ${statuses.join(' or ')}`];
    const problem: Operation = {
      responses: {
        [String(observed.status)]: {
          content: {
            'application/problem+json': {
              schema: { $ref: this.options.problemSchemaRef ?? '#/components/schemas/ProblemDto' },
            },
          },
        },
      },
    };
    return this.checkResponse(`no such route ${observed.status}`, problem, observed);
  }

  private checkResponse(name: string, operation: Operation, observed: ObservedResponse): string[] {
    const responses = operation.responses ?? {};
    const status = String(observed.status);
    const key = [status, `${status[0]}XX`, 'default'].find((k) => k in responses);
    if (!key) {
      return [
        `status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`,
      ];
    }
    const response = this.resolve(responses[key]) as Response;
    const content = response.content ?? {};
    const documented = Object.keys(content);
    const size = observed.body === undefined ? undefined : Buffer.byteLength(observed.body);
    if (documented.length === 0) {
      return size
        ? [
            `response ${key} documents no body, got ${observed.contentType ?? 'one'} (${size} bytes)`,
          ]
        : [];
    }
    const mediaType = observed.contentType?.split(';')[0].trim().toLowerCase();
    const media = documented.find((m) => mediaTypeMatches(m, mediaType));
    if (!media) {
      return [
        `content-type: expected ${documented.join(' or ')} (response ${key}), got ${mediaType ?? 'none'}`,
      ];
    }
    const schema = content[media].schema;
    if (schema === undefined || !isJsonMediaType(media)) return [];
    if (observed.body === undefined) return [`${media} body could not be read to check it`];
    let body: unknown;
    try {
      body = JSON.parse(observed.body.toString());
    } catch (error) {
      return [`body is not JSON (${(error as Error).message}), though ${media} was sent`];
    }
    const validate = this.validator(`${name} ${key} ${media}`, schema);
    if (validate instanceof Error)
      return [`response ${key} schema does not compile: ${validate.message}`];
    if (validate(body)) return [];
    const problems = [...new Set((validate.errors ?? []).map((e) => describe(e, body)))];
    return problems.length > MAX_PROBLEMS
      ? [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`]
      : problems;
  }

  private validator(key: string, schema: unknown): ValidateFunction | Error {
    let validate = this.validators.get(key);
    if (!validate) {
      try {
        validate = this.ajv.compile(this.prepare(schema) as object);
      } catch (error) {
        validate = error as Error;
      }
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** The most specific template wins, as in the router: a literal segment beats a parameter. */
  private matchPath(path: string): PathTemplate | undefined {
    const segments = path.split('/').slice(1).map(safeDecode);
    const candidates = this.templates.filter(
      (t) =>
        t.segments.length === segments.length &&
        t.segments.every((s, i) => (s === null ? segments[i] !== '' : s === segments[i])),
    );
    candidates.sort((a, b) => {
      for (let i = 0; i < a.segments.length; i++) {
        const literalA = a.segments[i] !== null;
        if (literalA !== (b.segments[i] !== null)) return literalA ? -1 : 1;
      }
      return 0;
    });
    return candidates[0];
  }

  private resolve(node: unknown): unknown {
    const ref = (node as { $ref?: unknown })?.$ref;
    if (typeof ref !== 'string') return node;
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>(
        (at, key) => (at as Record<string, unknown> | undefined)?.[key],
        this.document,
      );
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return this.resolve(target);
  }

  /** Points component references at the registered $defs and closes documented objects. */
  private prepare(schema: unknown): unknown {
    if (!isObject(schema)) return schema;
    const out: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (keyword === '$ref' && typeof value === 'string' && COMPONENT_REF.test(value)) {
        out.$ref = `${SCHEMA_BASE}#/$defs/${value.replace(COMPONENT_REF, '')}`;
      } else if (keyword === 'properties' && isObject(value)) {
        out.properties = Object.fromEntries(
          Object.entries(value).map(([property, sub]) => [property, this.prepare(sub)]),
        );
      } else if (['items', 'additionalProperties', 'not'].includes(keyword)) {
        out[keyword] = this.prepare(value);
      } else if (['allOf', 'anyOf', 'oneOf'].includes(keyword) && Array.isArray(value)) {
        out[keyword] = value.map((sub) => this.prepare(sub));
      } else {
        out[keyword] = value;
      }
    }
    if (
      !this.options.allowUndocumentedProperties &&
      out.properties !== undefined &&
      out.additionalProperties === undefined
    ) {
      // unevaluatedProperties (not additionalProperties) still sees through allOf.
      out.unevaluatedProperties = false;
    }
    return out;
  }
}

function describe(error: ErrorObject, body: unknown): string {
  const at = jsonPath(error.instancePath);
  const got = preview(valueAt(body, error.instancePath));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${at}.${params.missingProperty}: expected a value (required), got nothing`;
    case 'unevaluatedProperties':
    case 'additionalProperties': {
      const property = String(params.unevaluatedProperty ?? params.additionalProperty);
      const value = preview(
        (valueAt(body, error.instancePath) as Record<string, unknown>)[property],
      );
      return `${at}.${property}: expected no such property (undocumented), got ${value}`;
    }
    case 'type':
      return `${at}: expected ${params.type}, got ${got}`;
    case 'enum':
      return `${at}: expected one of ${JSON.stringify(params.allowedValues)}, got ${got}`;
    case 'format':
      return `${at}: expected format ${params.format}, got ${got}`;
    default:
      return `${at}: expected it to ${error.message?.replace(/^must /, '')}, got ${got}`;
  }
}

function jsonPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, key) =>
        /^\d+$/.test(key)
          ? `${path}[${key}]`
          : /^[A-Za-z_$][\w$]*$/.test(key)
            ? `${path}.${key}`
            : `${path}[${JSON.stringify(key)}]`,
      '$',
    );
}

function valueAt(body: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], body);
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function mediaTypeMatches(documented: string, actual: string | undefined): boolean {
  if (!actual) return false;
  if (documented === '*/*' || documented === actual) return true;
  return documented.endsWith('/*') && actual.startsWith(documented.slice(0, -1));
}

function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(.+\+)?json$/.test(mediaType);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
