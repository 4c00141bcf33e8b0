import { HttpStatus } from '@nestjs/common';

import { AppException } from '../../common/errors/app.exception';
import { ProblemType } from '../../common/errors/problem';

/** The one answer to an unknown email, a wrong password or a disabled account, at either door. */
export function invalidCredentials(): AppException {
  return new AppException(HttpStatus.UNAUTHORIZED, 'Invalid email or password', {
    type: ProblemType.unauthorized,
  });
}

export function tooManyAttempts(seconds: number): AppException {
  const [count, unit] = seconds < 60 ? [seconds, 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return new AppException(
    HttpStatus.TOO_MANY_REQUESTS,
    `Too many failed sign-in attempts. Try again in ${count} ${unit}${count === 1 ? '' : 's'}.`,
    { headers: { 'retry-after': String(Math.max(1, seconds)) } },
  );
}
