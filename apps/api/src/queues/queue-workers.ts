import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bull';
import { Job, Queue } from 'bull';

import { AppConfig } from '../config/app-config';
import { ALL_QUEUES, QueueName, QueueProcessor } from './queues';

export const QUEUE_PROCESSORS = Symbol('QUEUE_PROCESSORS');

/**
 * Starts this process's workers: one Bull processor per queue, dispatching by job name to the
 * modules' handlers. Bull adds up the concurrency of named processors on one queue, so a single
 * one per queue is what makes the settings mean what they say: the sync and emails queues run
 * QUEUE_CONCURRENCY jobs at once; the payments queue twice PAYMENTS_GATEWAY_CONCURRENCY, so that
 * while some jobs wait for the gateway (whose calls the gateway limiter holds to that number)
 * others do their database work and every gateway slot stays busy.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap {
  private readonly logger = new Logger(QueueWorkers.name);

  constructor(
    @Inject(QUEUE_PROCESSORS) private readonly processors: QueueProcessor[],
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let started = false;
    for (const name of ALL_QUEUES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      const handlers = new Map(
        this.processors.filter((p) => p.queue === name).flatMap((p) => Object.entries(p.handlers)),
      );
      void queue.process('*', this.concurrency(name), (job: Job) => {
        const handler = handlers.get(job.name);
        if (!handler) throw new Error(`No handler for job ${job.name} on queue ${name}`);
        return handler(job);
      });
      // A Redis that comes back empty (restarted without persistence, failed over, flushed) has
      // lost the repeatable jobs; registering them again is harmless when it has not. Each
      // processor's registration also queues its sweep, which re-creates lost delayed jobs.
      queue.client.on('ready', () => {
        if (!started) return;
        this.logger.warn({ queue: name }, 'Redis is back; registering recurring jobs again');
        void this.registerRecurring(name);
      });
    }
    await this.registerRecurring();
    started = true;
  }

  /** Repeatable jobs of every module; Bull keeps one of each however many workers register. */
  async registerRecurring(queue?: QueueName): Promise<void> {
    for (const processor of this.processors.filter((p) => !queue || p.queue === queue))
      await processor
        .registerRecurring?.()
        .catch((error: unknown) =>
          this.logger.error(
            { err: error, queue: processor.queue },
            'Could not register recurring jobs',
          ),
        );
  }

  private concurrency(queue: QueueName): number {
    return queue === QueueName.payments
      ? 2 * this.config.env.PAYMENTS_GATEWAY_CONCURRENCY
      : this.config.env.QUEUE_CONCURRENCY;
  }
}
