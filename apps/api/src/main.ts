import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { createHttpApp } from './bootstrap/create-app';
import { AppConfig } from './config/app-config';
import { InvalidConfigError } from './config/env.schema';
import { runMigrationsLocked } from './database/migrate';
import { DemoDataService } from './modules/demo-data';
import { startWorker } from './worker';

async function bootstrap(): Promise<void> {
  const config = AppConfig.fromProcessEnv();
  if (!config.servesHttp) return startWorker(config);

  const app = await createHttpApp(config);
  if (config.env.SETTLE_MIGRATE_ON_START) await runMigrationsLocked(app.get(DataSource));
  if (config.env.SETTLE_DEMO_DATA) {
    const demo = app.get(DemoDataService);
    const fresh = await demo.loadIfEmpty();
    await demo.connectDemoConnectWise(fresh);
    await demo.connectDemoQuickBooks(fresh);
  }
  await app.listen(config.env.PORT, config.env.HOST);
  new Logger('Settle').log(
    `Listening on http://${config.env.HOST}:${config.env.PORT} as role ${config.env.SETTLE_ROLE}`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof InvalidConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
