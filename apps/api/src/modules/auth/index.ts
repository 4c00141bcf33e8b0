export { AuthModule } from './auth.module';
export { SESSION_COOKIE } from './session-cookies';
export { authenticateBeforeBody } from './staff-authentication';
