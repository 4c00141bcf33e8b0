import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';

import { AuthContext, SYSTEM_ACTOR } from '../../common/auth-context';
import { ClientInfo } from '../../common/decorators/auth.decorators';
import { AppException } from '../../common/errors/app.exception';
import { ProblemType } from '../../common/errors/problem';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit';
import {
  IssuedSession,
  SessionsService,
  toUserResponse,
  User,
  UserResponseDto,
  UsersService,
} from '../users';
import { LoginDto, MeResponseDto } from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';

export interface LoginResult {
  user: UserResponseDto;
  session: IssuedSession;
}

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both paths take the same time. */
  private readonly dummyHash = argon2.hash('settle-timing-equaliser', { type: argon2.argon2id });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async login(dto: LoginDto, client: ClientInfo): Promise<LoginResult> {
    const throttledFor = await this.throttle.retryAfterSeconds(client.ip);
    if (throttledFor > 0) throw tooManyAttempts(throttledFor);

    const user = await this.users.findForSignIn(dto.email);
    if (!user || user.disabled) {
      await argon2.verify(await this.dummyHash, dto.password);
      throw invalidCredentials();
    }
    const lockedFor = secondsUntil(user.lockedUntil);
    if (lockedFor > 0) throw tooManyAttempts(lockedFor);

    if (!(await argon2.verify(user.passwordHash, dto.password)))
      await this.recordFailure(user, client);
    const now = new Date();
    await this.users.recordSignIn(user.id, now);
    user.lastLoginAt = now;
    const session = await this.sessions.issue(user.id, client);
    const actor: AuthContext = { ...toAuthContext(user), requestId: client.requestId };
    await this.audit.record(this.dataSource.manager, actor, {
      action: 'auth.login',
      entityId: user.id,
      entityType: 'user',
    });
    return { session, user: toUserResponse(user) };
  }

  async logout(auth: AuthContext): Promise<void> {
    if (auth.sessionId) await this.sessions.end(auth.sessionId);
  }

  me(auth: AuthContext): MeResponseDto {
    return { email: auth.label, id: auth.id, kind: auth.kind, name: auth.name, role: auth.role };
  }

  private async recordFailure(user: User, client: ClientInfo): Promise<never> {
    const { LOGIN_LOCKOUT_MINUTES: lockMinutes, LOGIN_MAX_FAILURES: maxFailures } = this.config.env;
    const updated = await this.users.recordFailedSignIn(user.id, { lockMinutes, maxFailures });
    if (updated && updated.failedLoginCount >= maxFailures) {
      if (updated.failedLoginCount === maxFailures)
        await this.audit.record(
          this.dataSource.manager,
          { ...SYSTEM_ACTOR, requestId: client.requestId },
          {
            action: 'auth.locked_out',
            after: { failedLoginCount: updated.failedLoginCount, ip: client.ip },
            entityId: user.id,
            entityType: 'user',
          },
        );
      throw tooManyAttempts(secondsUntil(updated.lockedUntil));
    }
    throw invalidCredentials();
  }
}

export function toAuthContext(
  user: Pick<User, 'email' | 'id' | 'name' | 'role'>,
  sessionId: string | null = null,
): AuthContext {
  return {
    id: user.id,
    kind: 'user',
    label: user.email,
    name: user.name,
    requestId: null,
    role: user.role,
    sessionId,
  };
}

function secondsUntil(date: Date | null): number {
  return date ? Math.max(0, Math.ceil((date.getTime() - Date.now()) / 1000)) : 0;
}

function invalidCredentials(): AppException {
  return new AppException(HttpStatus.UNAUTHORIZED, 'Invalid email or password', {
    type: ProblemType.unauthorized,
  });
}

function tooManyAttempts(seconds: number): AppException {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new AppException(
    HttpStatus.TOO_MANY_REQUESTS,
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { headers: { 'retry-after': String(Math.max(1, seconds)) } },
  );
}
