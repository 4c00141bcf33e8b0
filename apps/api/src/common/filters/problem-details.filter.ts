import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';

import { AppException } from '../errors/app.exception';
import {
  defaultSlugForStatus,
  FieldError,
  PROBLEM_CONTENT_TYPE,
  ProblemDocument,
  problemTypeUri,
  titleForStatus,
} from '../errors/problem';

interface RenderedProblem {
  problem: ProblemDocument;
  headers: Record<string, string>;
}

/** Renders every error as RFC 9457 problem+json; a 500 never reveals its cause to the client. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
      exception,
      this.logger,
    );
  }
}

/**
 * Answers with the problem document of `exception`. Also used by fastify's own handlers for
 * what fails before Nest routes a request (an undecodable URL).
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  exception: unknown,
  logger: Pick<Logger, 'error'>,
): void {
  const { problem, headers } = toProblem(exception, requestIdOf(request));
  if (problem.status >= 500) {
    logger.error({ err: exception, requestId: problem.requestId }, 'Unhandled error');
  }
  void reply
    .status(problem.status)
    .headers(headers)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}

export function requestIdOf(request: FastifyRequest | undefined): string | null {
  return request?.id ? String(request.id) : null;
}

export function toProblem(exception: unknown, requestId: string | null): RenderedProblem {
  if (exception instanceof AppException) {
    return render(exception.status, exception.type, exception.detail, requestId, {
      errors: exception.options.errors,
      headers: exception.options.headers,
    });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const detail = httpExceptionDetail(exception);
    // Framework 400s (a malformed JSON body) are about the body as a whole.
    const errors = status === 400 ? [{ field: 'body', message: detail }] : undefined;
    return render(status, defaultSlugForStatus(status), detail, requestId, { errors });
  }
  const frameworkStatus = frameworkClientErrorStatus(exception);
  if (frameworkStatus) {
    const urlMessage = URL_ERRORS[(exception as { code?: string }).code ?? ''];
    const [field, message] = urlMessage
      ? ['url', urlMessage]
      : ['body', (exception as Error).message];
    const detail = urlMessage ? `The URL ${urlMessage}` : message;
    const errors = frameworkStatus === 400 ? [{ field, message }] : undefined;
    return render(frameworkStatus, defaultSlugForStatus(frameworkStatus), detail, requestId, {
      errors,
    });
  }
  return render(
    500,
    defaultSlugForStatus(500),
    'An unexpected error occurred. Quote the request id when you report it.',
    requestId,
  );
}

function render(
  status: number,
  slug: string,
  detail: string,
  requestId: string | null,
  extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
): RenderedProblem {
  const problem: ProblemDocument = {
    type: problemTypeUri(slug),
    title: titleForStatus(status),
    status,
    detail,
    requestId,
  };
  // Design: every 400 carries `errors`, even when no single field is to blame.
  if (extra.errors || status === 400) problem.errors = extra.errors ?? [];
  return { problem, headers: extra.headers ?? {} };
}

function httpExceptionDetail(exception: HttpException): string {
  const status = exception.getStatus();
  if (status === 404) return 'No such resource';
  if (status === 401) return 'Authentication required';
  if (status === 403) return 'You do not have permission to do this';
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  return exception.message;
}

/** fastify's errors about the URL itself; their own messages would echo the whole URL. */
const URL_ERRORS: Record<string, string> = {
  FST_ERR_BAD_URL: 'must be valid percent-encoded UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'has a path segment that is too long',
};

/**
 * Fastify's own client errors (malformed JSON, wrong content type, body too large) carry a
 * 4xx statusCode and a message written for API users; anything else is treated as a bug.
 */
function frameworkClientErrorStatus(exception: unknown): number | null {
  if (!(exception instanceof Error)) return null;
  const { statusCode, code } = exception as Error & { statusCode?: number; code?: string };
  const isFastifyError = typeof code === 'string' && code.startsWith('FST_');
  if (isFastifyError && statusCode && statusCode >= 400 && statusCode < 500) return statusCode;
  return null;
}
