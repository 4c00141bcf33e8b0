import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { typeOrmOptions } from './typeorm-options';

/** For the TypeORM CLI only (npm run db:*); the app builds its own from AppConfig. */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required for the migration CLI');

export default new DataSource(typeOrmOptions(url));
