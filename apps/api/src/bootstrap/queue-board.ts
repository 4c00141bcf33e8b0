import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { INestApplication } from '@nestjs/common';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { toProblem } from '../common/filters/problem-details.filter';
import { PROBLEM_CONTENT_TYPE } from '../common/errors/problem';
import { AppException } from '../common/errors/app.exception';
import { SESSION_COOKIE } from '../modules/auth';
import { QueueStatusService } from '../modules/system';
import { SessionsService } from '../modules/users';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** The Bull board, for signed-in admins only. */
export async function registerQueueBoard(
  app: INestApplication,
  fastify: FastifyInstance,
): Promise<void> {
  const sessions = app.get(SessionsService);
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
          const { problem } = toProblem(
            new AppException(403, 'Only admins can open the queue board'),
            String(request.id),
          );
          return reply
            .status(403)
            .header('content-type', PROBLEM_CONTENT_TYPE)
            .send(JSON.stringify(problem));
        }
      });
      await scope.register(serverAdapter.registerPlugin() as never);
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
