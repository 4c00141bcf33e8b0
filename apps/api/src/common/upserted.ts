import { FastifyReply } from 'fastify';

/** Result of an integrator upsert: 201 when it created the resource, 200 when it updated it. */
export interface Upserted<T> {
  created: boolean;
  body: T;
}

export function replyUpserted<T>(reply: FastifyReply, result: Upserted<T>): T {
  reply.status(result.created ? 201 : 200);
  return result.body;
}
