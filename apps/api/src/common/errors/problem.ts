import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, the body of every error Settle answers. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  requestId: string | null;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Stable problem types; integrators may switch on them. */
export const ProblemType = {
  validation: 'validation-error',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  csrf: 'csrf-token-invalid',
  twoFactorEnrolmentRequired: 'two_factor_enrolment_required',
  notFound: 'not-found',
  conflict: 'conflict',
  idempotencyConflict: 'idempotency-conflict',
  ruleViolation: 'rule-violation',
  tooManyRequests: 'too-many-requests',
  payloadTooLarge: 'payload-too-large',
  uriTooLong: 'uri-too-long',
  unsupportedMediaType: 'unsupported-media-type',
  methodNotAllowed: 'method-not-allowed',
  badGateway: 'bad-gateway',
  unavailable: 'service-unavailable',
  internal: 'internal-error',
} as const;
export type ProblemTypeSlug = (typeof ProblemType)[keyof typeof ProblemType];

export function problemTypeUri(slug: string): string {
  return `urn:settle:problem:${slug}`;
}

const TITLES: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.UNAUTHORIZED]: 'Unauthorized',
  [HttpStatus.FORBIDDEN]: 'Forbidden',
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'Method Not Allowed',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'Payload Too Large',
  [HttpStatus.URI_TOO_LONG]: 'URI Too Long',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'Unsupported Media Type',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'Unprocessable Content',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too Many Requests',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'Internal Server Error',
  [HttpStatus.BAD_GATEWAY]: 'Bad Gateway',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service Unavailable',
};

export function titleForStatus(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}

const DEFAULT_SLUG: Partial<Record<number, ProblemTypeSlug>> = {
  [HttpStatus.BAD_REQUEST]: ProblemType.validation,
  [HttpStatus.UNAUTHORIZED]: ProblemType.unauthorized,
  [HttpStatus.FORBIDDEN]: ProblemType.forbidden,
  [HttpStatus.NOT_FOUND]: ProblemType.notFound,
  [HttpStatus.METHOD_NOT_ALLOWED]: ProblemType.methodNotAllowed,
  [HttpStatus.CONFLICT]: ProblemType.conflict,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ProblemType.payloadTooLarge,
  [HttpStatus.URI_TOO_LONG]: ProblemType.uriTooLong,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ProblemType.unsupportedMediaType,
  [HttpStatus.UNPROCESSABLE_ENTITY]: ProblemType.ruleViolation,
  [HttpStatus.TOO_MANY_REQUESTS]: ProblemType.tooManyRequests,
  [HttpStatus.BAD_GATEWAY]: ProblemType.badGateway,
  [HttpStatus.SERVICE_UNAVAILABLE]: ProblemType.unavailable,
};

export function defaultSlugForStatus(status: number): ProblemTypeSlug {
  return DEFAULT_SLUG[status] ?? ProblemType.internal;
}
