import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { RecoveryCode } from './recovery-code.entity';
import { User } from './user.entity';

/** What two-factor sign-in keeps of a user (the sealed secrets are never selected elsewhere). */
export interface TwoFactorState {
  id: string;
  email: string;
  passwordHash: string;
  twoFactorSecret: string | null;
  twoFactorPendingSecret: string | null;
  twoFactorEnabledAt: Date | null;
}

/** The two-factor columns of the users table and the two_factor_recovery_codes table. */
@Injectable()
export class TwoFactorRepository {
  findState(
    manager: EntityManager,
    userId: string,
    options: { lock?: boolean } = {},
  ): Promise<TwoFactorState | null> {
    const builder = manager
      .getRepository(User)
      .createQueryBuilder('user')
      .select(['user.id', 'user.email', 'user.twoFactorEnabledAt'])
      .addSelect(['user.passwordHash', 'user.twoFactorSecret', 'user.twoFactorPendingSecret'])
      .where('user.id = :userId', { userId });
    if (options.lock) builder.setLock('pessimistic_write');
    return builder.getOne();
  }

  async setPending(manager: EntityManager, userId: string, sealed: string): Promise<void> {
    await manager.getRepository(User).update(userId, { twoFactorPendingSecret: sealed });
  }

  async turnOn(
    manager: EntityManager,
    userId: string,
    sealed: string,
    step: number,
    at: Date,
  ): Promise<void> {
    await manager.getRepository(User).update(userId, {
      twoFactorEnabledAt: at,
      twoFactorLastStep: String(step),
      twoFactorPendingSecret: null,
      twoFactorSecret: sealed,
    });
  }

  async turnOff(manager: EntityManager, userId: string): Promise<void> {
    await manager.getRepository(User).update(userId, {
      twoFactorEnabledAt: null,
      twoFactorLastStep: null,
      twoFactorPendingSecret: null,
      twoFactorSecret: null,
    });
    await manager.getRepository(RecoveryCode).delete({ userId });
  }

  /**
   * Records a TOTP time step as used, only if it is later than every step used before: two
   * requests with the same code cannot both win. True when this call recorded it.
   */
  async claimStep(manager: EntityManager, userId: string, step: number): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(User)
      .set({ twoFactorLastStep: String(step) })
      .where('id = :userId AND two_factor_enabled_at IS NOT NULL', { userId })
      .andWhere('(two_factor_last_step IS NULL OR two_factor_last_step < :step)', { step })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async replaceRecoveryCodes(
    manager: EntityManager,
    userId: string,
    codeHashes: string[],
  ): Promise<void> {
    const repository = manager.getRepository(RecoveryCode);
    await repository.delete({ userId });
    await repository.insert(codeHashes.map((codeHash) => ({ codeHash, userId })));
  }

  /** Marks an unused code as used; true when this call did (a code works once). */
  async useRecoveryCode(
    manager: EntityManager,
    userId: string,
    codeHash: string,
    at: Date,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(RecoveryCode)
      .set({ usedAt: at })
      .where('user_id = :userId AND code_hash = :codeHash AND used_at IS NULL', {
        codeHash,
        userId,
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  countUnusedRecoveryCodes(manager: EntityManager, userId: string): Promise<number> {
    return manager
      .getRepository(RecoveryCode)
      .createQueryBuilder('code')
      .where('code.userId = :userId AND code.usedAt IS NULL', { userId })
      .getCount();
  }
}
