import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

import { AppModule } from './app.module';
import { buildOpenApiDocument, API_PREFIX } from './bootstrap/create-app';
import { AppConfig } from './config/app-config';
import { parseEnv } from './config/env.schema';
import { createRootLogger } from './logging';

/**
 * Writes the OpenAPI document without touching a database: preview mode builds the module
 * graph's metadata but instantiates no provider.
 */
async function writeOpenApi(target: string): Promise<void> {
  const config = new AppConfig(
    parseEnv({
      DATABASE_URL: 'postgres://openapi@localhost/openapi',
      REDIS_URL: 'redis://localhost:6379',
    }),
  );
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config, createRootLogger(config)),
    new FastifyAdapter(),
    {
      logger: false,
      preview: true,
    },
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/ready'] });
  const document = buildOpenApiDocument(app);
  writeFileSync(resolve(target), `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

writeOpenApi(process.argv[2] ?? 'openapi/openapi.json').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
