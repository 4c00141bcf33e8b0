import type { components, paths } from '@settle/api-client';
import { http, HttpResponse, type DefaultBodyType, type HttpResponseResolver } from 'msw';

/**
 * MSW handlers typed by the generated API schema: the path must be one the API documents, the
 * request body is the operation's, and the response must be the operation's success body or a
 * problem — so a fixture that drifts from the API fails `npm run typecheck`.
 *
 *   api.get('/api/v1/organizations/{id}', () => HttpResponse.json(demoCompany))
 */
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type PathWith<M extends Method> = {
  [P in keyof paths]-?: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type JsonContent<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

type SuccessBody<O> = O extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 200 | 201 | 202 ? JsonContent<R[S]> : S extends 204 ? null : never;
    }[keyof R]
  : never;

type RequestBody<O> = O extends {
  requestBody?: { content: { 'application/json': infer Body extends DefaultBodyType } };
}
  ? Body
  : DefaultBodyType;

/** `{id}` segments of an OpenAPI path as the handler's params. */
type PathParamsOf<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name]: string } & PathParamsOf<Rest>
  : Record<never, string>;

export type Problem = components['schemas']['ProblemDto'];

function route<M extends Method>(method: M) {
  return <P extends PathWith<M>>(
    path: P,
    resolver: HttpResponseResolver<
      PathParamsOf<P>,
      RequestBody<Operation<P, M>>,
      SuccessBody<Operation<P, M>> | Problem
    >,
  ) =>
    http[method]<
      PathParamsOf<P>,
      RequestBody<Operation<P, M>>,
      SuccessBody<Operation<P, M>> | Problem
    >(path.replace(/\{(\w+)\}/g, ':$1'), resolver);
}

export const api = {
  get: route('get'),
  post: route('post'),
  put: route('put'),
  patch: route('patch'),
  delete: route('delete'),
};

/** An RFC 9457 problem, as the API answers a refused request. */
export function problem(
  status: number,
  detail: string,
  extra: { errors?: Problem['errors']; title?: string } = {},
): HttpResponse<Problem> {
  return HttpResponse.json(
    {
      type: `https://settle.dev/problems/${status}`,
      title: extra.title ?? 'Error',
      status,
      detail,
      errors: extra.errors,
      requestId: 'req-test-123',
    },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

export function noContent(): HttpResponse<null> {
  return new HttpResponse(null, { status: 204 });
}
