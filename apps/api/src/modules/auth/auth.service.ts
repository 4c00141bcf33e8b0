import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';

import { AuthContext, SYSTEM_ACTOR } from '../../common/auth-context';
import { ClientInfo } from '../../common/decorators/auth.decorators';
import { normaliseEmail } from '../../common/email';
import { AppException } from '../../common/errors/app.exception';
import { ProblemType } from '../../common/errors/problem';
import { AuditService } from '../audit';
import {
  IssuedSession,
  SecondFactor,
  SessionListResponseDto,
  SessionsService,
  toUserResponse,
  TwoFactorService,
  User,
  UserResponseDto,
  UsersService,
} from '../users';
import { LoginDto, LoginTwoFactorDto, MeResponseDto } from './dto/auth.dto';
import { LoginThrottleService, SignInAdmission } from './login-throttle.service';
import { PendingSignIns } from './pending-sign-ins';
import { invalidCredentials, tooManyAttempts } from './sign-in-errors';

export interface LoginResult {
  user: UserResponseDto;
  session: IssuedSession;
}

/** A right password: either signed in, or waiting for the second factor. */
export type PasswordResult =
  ({ twoFactorRequired: false } & LoginResult) | { twoFactorRequired: true; pendingToken: string };

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
    private readonly twoFactor: TwoFactorService,
    private readonly pending: PendingSignIns,
  ) {}

  /**
   * The throttle decides first, before any database read or argon2 work, so an unknown email
   * and a known one cost the same and answer the same: 401 for a wrong password, then 429
   * with Retry-After once that address has failed too often for that email.
   */
  async login(dto: LoginDto, client: ClientInfo): Promise<PasswordResult> {
    const email = normaliseEmail(dto.email);
    await this.admit(email, client);

    const user = await this.users.findForSignIn(email);
    if (!user || user.disabled) {
      await argon2.verify(await this.dummyHash, dto.password);
      throw invalidCredentials();
    }
    if (!(await argon2.verify(user.passwordHash, dto.password))) throw invalidCredentials();
    if (user.twoFactorEnabledAt) {
      // The attempt stays counted as failed until the second factor is right.
      const pendingToken = await this.pending.open({ email, userId: user.id });
      return { pendingToken, twoFactorRequired: true };
    }
    return { twoFactorRequired: false, ...(await this.signIn(user, email, client, null)) };
  }

  /**
   * The second step: a code or a recovery code for the sign-in whose password was right. Each
   * attempt goes through the same throttle as passwords, so wrong codes lead to the lockout.
   */
  async loginTwoFactor(
    dto: LoginTwoFactorDto,
    pendingToken: string | undefined,
    client: ClientInfo,
  ): Promise<LoginResult> {
    const factor = secondFactorOf(dto);
    const pending = pendingToken ? await this.pending.find(pendingToken) : null;
    if (!pendingToken || !pending)
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        'The sign-in expired or was not started: sign in with your password again',
        { type: ProblemType.unauthorized },
      );
    await this.admit(pending.email, client);
    const user = await this.users.findForSignIn(pending.email);
    if (!user || user.disabled || user.id !== pending.userId) {
      await this.pending.close(pendingToken);
      throw invalidCredentials();
    }
    const actor: AuthContext = { ...toAuthContext(user), requestId: client.requestId };
    if (!(await this.twoFactor.verifySignIn(actor, user.id, factor))) {
      const field = 'code' in factor ? 'code' : 'recoveryCode';
      throw new AppException(
        HttpStatus.UNAUTHORIZED,
        'That code is not valid or was already used',
        {
          errors: [{ field, message: 'is not valid or was already used' }],
          type: ProblemType.unauthorized,
        },
      );
    }
    await this.pending.close(pendingToken);
    return this.signIn(user, pending.email, client, 'code' in factor ? 'code' : 'recovery_code');
  }

  async listSessions(auth: AuthContext): Promise<SessionListResponseDto> {
    return this.users.listSessions(userIdOf(auth), auth.sessionId);
  }

  revokeSession(auth: AuthContext, sessionId: string): Promise<void> {
    return this.users.revokeSession(auth, userIdOf(auth), sessionId);
  }

  private async admit(email: string, client: ClientInfo): Promise<void> {
    const admission = await this.throttle.admit(email, client.ip);
    if (!admission.admitted) {
      if (admission.firstRefusal) await this.recordThrottled(email, client, admission);
      throw tooManyAttempts(admission.retryAfterSeconds);
    }
  }

  private async signIn(
    user: User,
    email: string,
    client: ClientInfo,
    secondFactor: 'code' | 'recovery_code' | null,
  ): Promise<LoginResult> {
    await this.throttle.succeeded(email, client.ip);
    const now = new Date();
    await this.users.recordSignIn(user.id, now);
    user.lastLoginAt = now;
    const session = await this.sessions.issue(user.id, client);
    const actor: AuthContext = { ...toAuthContext(user), requestId: client.requestId };
    await this.audit.record(this.dataSource.manager, actor, {
      action: 'auth.login',
      after: secondFactor ? { secondFactor } : undefined,
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
    return {
      email: auth.label,
      id: auth.id,
      kind: auth.kind,
      name: auth.name,
      role: auth.role,
      twoFactorEnabled: auth.twoFactorEnabled ?? false,
      twoFactorEnrolmentRequired: auth.twoFactorEnrolmentRequired ?? false,
    };
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

function secondFactorOf(dto: LoginTwoFactorDto): SecondFactor {
  if (dto.code !== undefined && dto.recoveryCode === undefined) return { code: dto.code };
  if (dto.recoveryCode !== undefined && dto.code === undefined)
    return { recoveryCode: dto.recoveryCode };
  const message = 'send either code or recoveryCode';
  throw AppException.badRequest(`Send either code or recoveryCode`, [
    { field: 'code', message },
    { field: 'recoveryCode', message },
  ]);
}

/** Sessions are a person's: an API key has none to list. */
function userIdOf(auth: AuthContext): string {
  if (auth.kind !== 'user')
    throw new AppException(HttpStatus.FORBIDDEN, 'Only a signed-in user has sessions');
  return auth.id;
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
