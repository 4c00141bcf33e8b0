// Embedded infrastructure for `npm start`, the migration CLI and the test suites: a real
// PostgreSQL from npm and a private redis-server, both cleaned up after crashes.
export { startEmbeddedPostgres } from './postgres.mjs';
export { startEmbeddedRedis } from './redis.mjs';
export { freePort, isPortFree } from './ports.mjs';
export { createTestDatabase, dropDatabase, ensureDatabase, withDatabase } from './databases.mjs';
export { isAlive, reapStaleProcess, terminate, tiedToParent } from './processes.mjs';
export { supervise } from './supervise.mjs';
