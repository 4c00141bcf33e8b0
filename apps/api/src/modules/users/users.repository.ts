import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { containsPattern } from '../../database/like';
import { User } from './user.entity';

export type UserSortColumn = 'name' | 'email' | 'role' | 'createdAt' | 'lastLoginAt';

/** The users table. */
@Injectable()
export class UsersRepository {
  list(
    manager: EntityManager,
    query: { q?: string; sort: [UserSortColumn, 'ASC' | 'DESC']; offset: number; limit: number },
  ): Promise<[User[], number]> {
    const [field, direction] = query.sort;
    const builder = manager
      .getRepository(User)
      .createQueryBuilder('user')
      .orderBy(`user.${field}`, direction, direction === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST')
      .addOrderBy('user.id');
    if (query.q)
      builder.where('(user.name ILIKE :q OR user.email ILIKE :q)', { q: containsPattern(query.q) });
    return builder.skip(query.offset).take(query.limit).getManyAndCount();
  }

  findById(
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<User | null> {
    return manager.getRepository(User).findOne({
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id },
    });
  }

  /** With the password hash, which no other read selects. */
  findForSignIn(manager: EntityManager, email: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.email = :email', { email })
      .getOne();
  }

  existsByEmail(manager: EntityManager, email: string): Promise<boolean> {
    return manager.getRepository(User).existsBy({ email });
  }

  count(manager: EntityManager): Promise<number> {
    return manager.getRepository(User).count();
  }

  insert(
    manager: EntityManager,
    user: Pick<User, 'email' | 'name' | 'passwordHash' | 'role'>,
  ): Promise<User> {
    return manager.getRepository(User).save(manager.getRepository(User).create(user));
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<
      Pick<
        User,
        | 'name'
        | 'role'
        | 'disabled'
        | 'failedLoginCount'
        | 'lockedUntil'
        | 'lastLoginAt'
        | 'passwordHash'
      >
    >,
  ): Promise<void> {
    await manager.getRepository(User).update(id, changes);
  }

  /** Every active admin, locked, so that two demotions cannot both see "another admin". */
  lockActiveAdmins(manager: EntityManager): Promise<User[]> {
    return manager.getRepository(User).find({
      lock: { mode: 'pessimistic_write' },
      where: { disabled: false, role: 'admin' },
    });
  }

  /** Counts a failed sign-in atomically and locks the account when it reaches the limit. */
  async countFailedSignIn(
    manager: EntityManager,
    id: string,
    limit: { maxFailures: number; lockMinutes: number },
  ): Promise<{ failedLoginCount: number; lockedUntil: Date | null } | null> {
    const [rows]: [{ failed_login_count: number; locked_until: Date | null }[], number] =
      await manager.query(
        `UPDATE users
            SET failed_login_count = failed_login_count + 1,
                locked_until = CASE WHEN failed_login_count + 1 >= $2
                                    THEN now() + make_interval(mins => $3) ELSE locked_until END
          WHERE id = $1
          RETURNING failed_login_count, locked_until`,
        [id, limit.maxFailures, limit.lockMinutes],
      );
    const row = rows[0];
    return row ? { failedLoginCount: row.failed_login_count, lockedUntil: row.locked_until } : null;
  }
}
