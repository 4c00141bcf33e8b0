// Embedded infrastructure for `npm start`, the migration CLI and the test suites: a real
// PostgreSQL from npm and a private redis-server, both cleaned up after crashes, and a mail
// catcher that keeps every message as a file.
export { startEmbeddedPostgres } from './postgres.mjs';
export { startEmbeddedRedis } from './redis.mjs';
export { startEmbeddedSmtp } from './smtp.mjs';
export { freePort, isPortFree } from './ports.mjs';
export { createTestDatabase, dropDatabase, ensureDatabase, withDatabase } from './databases.mjs';
export { isAlive, reapStaleProcess, terminate, tiedToParent } from './processes.mjs';
export { supervise } from './supervise.mjs';
