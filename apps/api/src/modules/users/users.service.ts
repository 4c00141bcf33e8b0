import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { StaffRole } from '@settle/domain';
import * as argon2 from 'argon2';
import { DataSource, EntityManager, Repository } from 'typeorm';

import { Actor, AuthContext } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { Page, pageOffset, parseSort, toPage } from '../../common/dto/list.dto';
import { AuditService, escapeLike } from '../audit/audit.service';
import { Session } from '../auth/session.entity';
import {
  CreateUserDto,
  ListUsersQueryDto,
  ResetPasswordDto,
  UpdateUserDto,
  toUserResponse,
  UserResponseDto,
  UserSortField,
} from './dto/user.dto';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const [field, direction] = parseSort<UserSortField>(query.sort, 'name');
    const builder = this.users
      .createQueryBuilder('user')
      .orderBy(`user.${field}`, direction, direction === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST')
      .addOrderBy('user.id');
    if (query.q) {
      builder.where('(user.name ILIKE :q OR user.email ILIKE :q)', {
        q: `%${escapeLike(query.q)}%`,
      });
    }
    const [rows, total] = await builder
      .skip(pageOffset(query))
      .take(query.pageSize)
      .getManyAndCount();
    return toPage(rows.map(toUserResponse), total, query);
  }

  async get(id: string): Promise<UserResponseDto> {
    return toUserResponse(await this.findOrFail(this.users.manager, id));
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponseDto> {
    const passwordHash = await hashPassword(dto.password);
    const email = normaliseEmail(dto.email);
    return this.dataSource
      .transaction(async (manager) => {
        const exists = await manager.existsBy(User, { email });
        if (exists) throw emailInUse();
        const user = await manager.save(
          manager.create(User, { email, name: dto.name, passwordHash, role: dto.role }),
        );
        const response = toUserResponse(user);
        await this.audit.record(
          actor,
          { action: 'user.created', after: response, entityId: user.id, entityType: 'user' },
          manager,
        );
        return response;
      })
      .catch(rethrowUniqueEmail);
  }

  async update(auth: AuthContext, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.findOrFail(manager, id, true);
      const before = toUserResponse(user);
      const losesAdmin =
        user.role === 'admin' &&
        !user.disabled &&
        ((dto.role && dto.role !== 'admin') || dto.disabled === true);
      if (losesAdmin) await this.ensureAnotherActiveAdmin(manager, user.id);
      if (dto.name !== undefined) user.name = dto.name;
      if (dto.role !== undefined) user.role = dto.role;
      if (dto.disabled !== undefined) user.disabled = dto.disabled;
      if (dto.disabled === false) {
        user.failedLoginCount = 0;
        user.lockedUntil = null;
      }
      await manager.save(user);
      // A demoted or disabled user must not keep the powers of an older session.
      if (dto.disabled === true || (dto.role && dto.role !== before.role)) {
        await manager.delete(Session, { userId: user.id });
      }
      const after = toUserResponse(user);
      await this.audit.record(
        auth,
        { action: 'user.updated', after, before, entityId: id, entityType: 'user' },
        manager,
      );
      return after;
    });
  }

  async resetPassword(auth: AuthContext, id: string, dto: ResetPasswordDto): Promise<void> {
    const passwordHash = await hashPassword(dto.password);
    await this.dataSource.transaction(async (manager) => {
      const user = await this.findOrFail(manager, id, true);
      await manager.update(User, user.id, { failedLoginCount: 0, lockedUntil: null, passwordHash });
      await manager.delete(Session, { userId: user.id });
      await this.audit.record(
        auth,
        { action: 'user.password_reset', entityId: id, entityType: 'user' },
        manager,
      );
    });
  }

  /** Used by demo data and first-run setup. */
  async createIfMissing(
    actor: Actor,
    user: { email: string; name: string; role: StaffRole; password: string },
  ): Promise<void> {
    if (await this.users.existsBy({ email: normaliseEmail(user.email) })) return;
    await this.create(actor, user);
  }

  private async findOrFail(manager: EntityManager, id: string, lock = false): Promise<User> {
    const user = await manager.findOne(User, {
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
    if (!user) throw AppException.notFound('User');
    return user;
  }

  private async ensureAnotherActiveAdmin(manager: EntityManager, userId: string): Promise<void> {
    // Lock every active admin so two concurrent demotions cannot both see "another admin".
    const admins = await manager.find(User, {
      lock: { mode: 'pessimistic_write' },
      where: { disabled: false, role: 'admin' },
    });
    if (!admins.some((admin) => admin.id !== userId)) {
      throw AppException.conflict(
        'Settle needs at least one active admin; promote another user first',
        [{ field: 'role', message: 'cannot remove the last active admin' }],
      );
    }
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
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
