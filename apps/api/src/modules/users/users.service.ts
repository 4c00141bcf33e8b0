import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StaffRole } from '@settle/domain';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';

import { Actor, AuthContext } from '../../common/auth-context';
import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { normaliseEmail } from '../../common/email';
import { AppException } from '../../common/errors/app.exception';
import { ApiKeysService } from '../api-keys';
import { AuditService } from '../audit';
import {
  CreateUserDto,
  ListUsersQueryDto,
  ResetPasswordDto,
  toUserResponse,
  UpdateUserDto,
  UserResponseDto,
  UserSortField,
} from './dto/user.dto';
import { SessionListResponseDto, toSessionResponse } from './dto/session.dto';
import { assertPasswordAllowed } from './password-policy';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

/** A staff user as someone Settle emails. */
export interface StaffRecipient {
  id: string;
  name: string;
  email: string;
  disabled: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const [rows, total] = await this.users.list(this.dataSource.manager, {
      limit: query.pageSize,
      offset: pageOffset(query),
      q: query.q,
      sort: parseSort<UserSortField>(query.sort, 'name'),
    });
    return toPage(rows.map(toUserResponse), total, query);
  }

  async get(id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.findOrFail(this.dataSource.manager, id));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponseDto> {
    const passwordHash = await hashPassword(dto.password);
    const email = normaliseEmail(dto.email);
    return this.dataSource
      .transaction(async (manager) => {
        if (await this.users.existsByEmail(manager, email)) throw emailInUse();
        const user = await this.users.insert(manager, {
          email,
          name: dto.name,
          passwordHash,
          role: dto.role,
        });
        const response = toUserResponse(user);
        await this.audit.record(manager, actor, {
          action: 'user.created',
          after: response,
          entityId: user.id,
          entityLabel: user.email,
          entityType: 'user',
        });
        return response;
      })
      .catch(rethrowUniqueEmail);
  }

  async update(auth: AuthContext, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.findOrFail(manager, id, { lock: true });
      const before = toUserResponse(user);
      const losesAdmin =
        user.role === 'admin' &&
        !user.disabled &&
        ((dto.role && dto.role !== 'admin') || dto.disabled === true);
      if (losesAdmin) await this.ensureAnotherActiveAdmin(manager, user.id);
      const changes: Parameters<UsersRepository['update']>[2] = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.role !== undefined) changes.role = dto.role;
      if (dto.disabled !== undefined) changes.disabled = dto.disabled;
      await this.users.update(manager, id, changes);
      Object.assign(user, changes);
      // A demoted or disabled user keeps no power of an older session; a disabled one none of
      // the API keys they made either.
      if (dto.disabled === true || (dto.role && dto.role !== before.role))
        await this.sessions.endAllFor(manager, id);
      if (dto.disabled === true) await this.apiKeys.revokeAllCreatedBy(manager, auth, id);
      const after = toUserResponse(user);
      await this.audit.record(manager, auth, {
        action: 'user.updated',
        after,
        before,
        entityId: id,
        entityLabel: user.email,
        entityType: 'user',
      });
      return after;
    });
  }

  async resetPassword(auth: AuthContext, id: string, dto: ResetPasswordDto): Promise<void> {
    const passwordHash = await hashPassword(dto.password);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.findOrFail(manager, id, { lock: true });
      assertPasswordAllowed(dto.password, user.email);
      await this.users.update(manager, id, { passwordHash });
      await this.sessions.endAllFor(manager, id);
      await this.audit.record(manager, auth, {
        action: 'user.password_reset',
        entityId: id,
        entityLabel: user.email,
        entityType: 'user',
      });
    });
  }

  /** A user's live sessions; `currentSessionId` marks the one asking. */
  async listSessions(
    userId: string,
    currentSessionId: string | null,
  ): Promise<SessionListResponseDto> {
    const manager = this.dataSource.manager;
    await this.findOrFail(manager, userId);
    const sessions = await this.sessions.listLive(manager, userId);
    return { data: sessions.map((s) => toSessionResponse(s, currentSessionId)) };
  }

  /** Ends one of a user's sessions: its next request is a 401. */
  async revokeSession(auth: AuthContext, userId: string, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.findOrFail(manager, userId);
      if (!(await this.sessions.endOf(manager, userId, sessionId)))
        throw AppException.notFound('Session');
      await this.audit.record(manager, auth, {
        action: 'user.session_revoked',
        after: { sessionId },
        entityId: userId,
        entityLabel: user.email,
        entityType: 'user',
      });
    });
  }

  /** Used by demo data and first-run setup. */
  async createIfMissing(
    actor: Actor,
    user: { email: string; name: string; role: StaffRole; password: string },
  ): Promise<void> {
    if (await this.users.existsByEmail(this.dataSource.manager, normaliseEmail(user.email))) return;
    await this.create(actor, user);
  }

  async findByEmail(email: string): Promise<UserResponseDto | null> {
    const user = await this.users.findForSignIn(this.dataSource.manager, normaliseEmail(email));
    return user && toUserResponse(user);
  }

  hasAnyUser(): Promise<boolean> {
    return this.users.count(this.dataSource.manager).then((count) => count > 0);
  }

  /** For signing in: the user with their password hash. */
  findForSignIn(email: string): Promise<User | null> {
    return this.users.findForSignIn(this.dataSource.manager, normaliseEmail(email));
  }

  /** An enabled user's current role, or null: what a credential made by them may still do. */
  async activeRole(id: string): Promise<StaffRole | null> {
    const user = await this.users.findById(this.dataSource.manager, id);
    return user && !user.disabled ? user.role : null;
  }

  /**
   * These users as email recipients (staff notifications), in the caller's transaction; ids
   * that name no user are left out, disabled users are kept and say so.
   */
  async recipients(manager: EntityManager, ids: string[]): Promise<StaffRecipient[]> {
    const users = await this.users.findByIds(manager, [...new Set(ids)]);
    return users.map((u) => ({ disabled: u.disabled, email: u.email, id: u.id, name: u.name }));
  }

  /** Every enabled admin as an email recipient, for notices nobody has subscribed to. */
  async adminRecipients(manager: EntityManager): Promise<StaffRecipient[]> {
    const admins = await this.users.activeAdmins(manager);
    return admins.map((u) => ({ disabled: false, email: u.email, id: u.id, name: u.name }));
  }

  recordSignIn(id: string, at: Date): Promise<void> {
    return this.users.update(this.dataSource.manager, id, { lastLoginAt: at });
  }

  private async findOrFail(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<User> {
    const user = await this.users.findById(manager, id, options);
    if (!user) throw AppException.notFound('User');
    return user;
  }

  private async ensureAnotherActiveAdmin(manager: EntityManager, userId: string): Promise<void> {
    const admins = await this.users.lockActiveAdmins(manager);
    if (!admins.some((admin) => admin.id !== userId)) {
      throw AppException.conflict(
        'Settle needs at least one active admin; promote another user first',
        [{ field: 'role', message: 'cannot remove the last active admin' }],
      );
    }
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

function emailInUse(): AppException {
  return AppException.conflict('A user with this email already exists', [
    { field: 'email', message: 'is already in use' },
  ]);
}

function rethrowUniqueEmail(error: unknown): never {
  if ((error as { code?: string }).code === '23505') throw emailInUse();
  throw error;
}
