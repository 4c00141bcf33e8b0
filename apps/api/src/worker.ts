import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';

import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { InvalidConfigError } from './config/env.schema';
import { createRootLogger } from './logging';

/** The same module graph without an HTTP listener: Bull processors only. */
export async function startWorker(config: AppConfig): Promise<void> {
  const app = await NestFactory.createApplicationContext(
    AppModule.forConfig(config, createRootLogger(config)),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  new Logger('Settle').log('Worker started: processing queues sync, payments, emails');
}

if (require.main === module) {
  const run = async () => {
    const config = AppConfig.fromProcessEnv();
    const workerConfig = config.runsProcessors
      ? config
      : new AppConfig({ ...config.env, SETTLE_ROLE: 'worker' });
    await startWorker(workerConfig);
  };
  run().catch((error: unknown) => {
    console.error(error instanceof InvalidConfigError ? error.message : error);
    process.exit(1);
  });
}
