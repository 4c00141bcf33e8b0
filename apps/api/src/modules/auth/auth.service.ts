import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';

import { AuthContext, SYSTEM_ACTOR } from '../../common/auth-context';
import { ClientInfo } from '../../common/decorators/auth.decorators';
import { normaliseEmail } from '../../common/email';
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
import { LoginThrottleService, SignInAdmission } from './login-throttle.service';
import { invalidCredentials, tooManyAttempts } from './sign-in-errors';

export interface LoginResult {
  user: UserResponseDto;
  session: IssuedSession;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** Verified against when the email is unknown, so both paths take the same time. */
  private readonly dummyHash = argon2.hash('settle-timing-equaliser', { type: argon2.argon2id });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The throttle decides first, before any database read or argon2 work, so an unknown email
   * and a known one cost the same and answer the same: 401 for a wrong password, then 429
   * with Retry-After once that address has failed too often for that email.
   */
  async login(dto: LoginDto, client: ClientInfo): Promise<LoginResult> {
    const email = normaliseEmail(dto.email);
    const admission = await this.throttle.admit(email, client.ip);
    if (!admission.admitted) {
      if (admission.firstRefusal) await this.recordThrottled(email, client, admission);
      throw tooManyAttempts(admission.retryAfterSeconds);
    }

    const user = await this.users.findForSignIn(email);
    if (!user || user.disabled) {
      await argon2.verify(await this.dummyHash, dto.password);
      throw invalidCredentials();
    }
    if (!(await argon2.verify(user.passwordHash, dto.password))) throw invalidCredentials();
    await this.throttle.succeeded(email, client.ip);
    const now = new Date();
    await this.users.recordSignIn(user.id, now);
    user.lastLoginAt = now;
    const session = await this.sessions.issue(user.id, client);
    const actor: AuthContext = { ...toAuthContext(user), requestId: client.requestId };
    await this.audit.record(this.dataSource.manager, actor, {
      action: 'auth.login',
      entityId: user.id,
      entityLabel: user.email,
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

  /**
   * Once per wait, for known and unknown emails alike (the same work either way); the client
   * learns nothing from it. A failure to write it does not change the answer.
   */
  private async recordThrottled(
    email: string,
    client: ClientInfo,
    refusal: Extract<SignInAdmission, { admitted: false }>,
  ): Promise<void> {
    try {
      const user = await this.users.findByEmail(email);
      await this.audit.record(
        this.dataSource.manager,
        { ...SYSTEM_ACTOR, requestId: client.requestId },
        {
          action: 'auth.throttled',
          after: {
            email,
            failures: refusal.failures,
            ip: client.ip,
            retryAfterSeconds: refusal.retryAfterSeconds,
          },
          entityId: user?.id ?? null,
          entityLabel: email,
          entityType: 'user',
        },
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not record a throttled sign-in');
    }
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
