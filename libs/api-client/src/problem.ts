export interface ProblemFieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ProblemFieldError[];
  requestId?: string | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail || problem.title || `Request failed with status ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get detail(): string {
    return this.problem.detail;
  }

  get errors(): ProblemFieldError[] {
    return this.problem.errors ?? [];
  }

  get requestId(): string | null {
    return this.problem.requestId ?? null;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Builds an ApiError from any non-2xx response, tolerating bodies that are not problem+json. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ProblemDetails> = {};
  try {
    const text = await response.clone().text();
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') body = parsed as Partial<ProblemDetails>;
  } catch {
    // not JSON (proxy error page, empty body): keep the status only
  }
  return new ApiError({
    type: body.type ?? 'about:blank',
    title: body.title ?? (response.statusText || 'Error'),
    status: response.status,
    detail: body.detail ?? body.title ?? (response.statusText || `HTTP ${response.status}`),
    errors: Array.isArray(body.errors) ? body.errors : undefined,
    requestId: body.requestId ?? response.headers.get('x-request-id'),
  });
}

/** Maps a problem's `errors[]` to `{ field: message }` for forms; the first message per field wins. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!isApiError(err)) return {};
  const out: Record<string, string> = {};
  for (const e of err.errors) {
    if (e && typeof e.field === 'string' && !(e.field in out)) out[e.field] = e.message;
  }
  return out;
}
