import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

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

  findByIds(manager: EntityManager, ids: string[]): Promise<User[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(User).findBy({ id: In(ids) });
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
    changes: Partial<Pick<User, 'name' | 'role' | 'disabled' | 'lastLoginAt' | 'passwordHash'>>,
  ): Promise<void> {
    await manager.getRepository(User).update(id, changes);
  }

  activeAdmins(manager: EntityManager): Promise<User[]> {
    return manager
      .getRepository(User)
      .find({ order: { email: 'ASC' }, where: { disabled: false, role: 'admin' } });
  }

  /** Every active admin, locked, so that two demotions cannot both see "another admin". */
  lockActiveAdmins(manager: EntityManager): Promise<User[]> {
    return manager.getRepository(User).find({
      lock: { mode: 'pessimistic_write' },
      where: { disabled: false, role: 'admin' },
    });
  }
}
