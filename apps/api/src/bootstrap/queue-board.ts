import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { HttpStatus, INestApplication } from '@nestjs/common';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { safeEqual } from '../common/crypto';
import { toProblem } from '../common/filters/problem-details.filter';
import { PROBLEM_CONTENT_TYPE, ProblemType } from '../common/errors/problem';
import { AppException } from '../common/errors/app.exception';
import { AppConfig } from '../config/app-config';
import { SESSION_COOKIE } from '../modules/auth';
import { QueueStatusService } from '../modules/system';
import { SessionsService } from '../modules/users';

export const QUEUE_BOARD_PATH = '/admin/queues';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The board's own client (axios) echoes this cookie as X-XSRF-TOKEN on same-origin requests, so
 * the board's buttons carry the session's CSRF token without any change to the board.
 */
const BOARD_CSRF_COOKIE = 'XSRF-TOKEN';
const CSRF_HEADERS = ['x-csrf-token', 'x-xsrf-token'] as const;
/**
 * A <link> to another origin: the board's page links a Google Fonts stylesheet. Self-hosted
 * means offline, so the page is sent without it and the board uses the system fonts its
 * stylesheet falls back to.
 */
const EXTERNAL_LINK = /<link\b[^>]*\bhref\s*=\s*["']?(?:[a-z][a-z0-9+.-]*:)?\/\/[^>]*>\s*/gi;

/** The board's HTML without links to other origins; everything else as it is. */
export function withoutExternalLinks(html: string): string {
  return html.replace(EXTERNAL_LINK, '');
}

/** The Bull board, for signed-in admins only. */
export async function registerQueueBoard(
  app: INestApplication,
  fastify: FastifyInstance,
): Promise<void> {
  const sessions = app.get(SessionsService);
  const config = app.get(AppConfig);
  const queues = app.get(QueueStatusService);
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    options: { uiConfig: { boardTitle: 'Settle queues' } },
    queues: queues.all().map((queue) => new BullAdapter(queue)),
    serverAdapter,
  });

  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const token = request.cookies?.[SESSION_COOKIE];
        const session = token ? await sessions.findActive(token) : null;
        if (!session) {
          return reply.redirect(`/login?redirectTo=${encodeURIComponent(QUEUE_BOARD_PATH)}`);
        }
        if (session.user.role !== 'admin') {
          return answerProblem(
            request,
            reply,
            new AppException(HttpStatus.FORBIDDEN, 'Only admins can open the queue board'),
          );
        }
        if (SAFE_METHODS.has(request.method)) {
          if (request.cookies[BOARD_CSRF_COOKIE] !== session.csrfToken) {
            // Same SameSite and Secure as settle_csrf; scoped to the board, which alone reads it.
            reply.setCookie(BOARD_CSRF_COOKIE, session.csrfToken, {
              httpOnly: false,
              path: QUEUE_BOARD_PATH,
              sameSite: 'lax',
              secure: config.cookieSecure,
            });
          }
          return;
        }
        // The board pauses, empties and retries queues: a cross-site request must not.
        const sent = CSRF_HEADERS.map((name) => request.headers[name]);
        if (!sent.some((value) => typeof value === 'string' && safeEqual(value, session.csrfToken)))
          return answerProblem(
            request,
            reply,
            new AppException(
              HttpStatus.FORBIDDEN,
              'Missing or invalid CSRF token: send the settle_csrf cookie value in the X-CSRF-Token header',
              { type: ProblemType.csrf },
            ),
          );
      });
      scope.addHook('onSend', async (_request, reply, payload) => {
        const type = String(reply.getHeader('content-type') ?? '');
        return typeof payload === 'string' && type.startsWith('text/html')
          ? withoutExternalLinks(payload)
          : payload;
      });
      await scope.register(serverAdapter.registerPlugin() as never);
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}

function answerProblem(request: FastifyRequest, reply: FastifyReply, error: AppException) {
  const { problem } = toProblem(error, String(request.id));
  return reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}
