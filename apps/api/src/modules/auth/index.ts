export { AuthModule } from './auth.module';
export { LoginThrottleService } from './login-throttle.service';
export { SESSION_COOKIE } from './session-cookies';
export { authenticateBeforeBody } from './staff-authentication';
export { invalidCredentials, tooManyAttempts } from './sign-in-errors';
export { assertCsrf } from './csrf';
