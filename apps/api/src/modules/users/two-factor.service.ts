import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import QRCode from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';

import { Actor, AuthContext } from '../../common/auth-context';
import { AppException } from '../../common/errors/app.exception';
import { SecretBox } from '../../common/secret-box';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit';
import { SessionsService } from './sessions.service';
import { newRecoveryCodes, newTotpSecret, otpauthUrl, recoveryCodeHash, totpStep } from './totp';
import { TwoFactorRepository, TwoFactorState } from './two-factor.repository';

const ISSUER = 'Settle';

export interface TwoFactorSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

type TwoFactorAuditAction =
  | 'user.two_factor_enabled'
  | 'user.two_factor_disabled'
  | 'user.two_factor_reset'
  | 'user.recovery_codes_regenerated'
  | 'user.recovery_code_used';

/** The second factor given at sign-in: a code from the app, or a recovery code. */
export type SecondFactor = { code: string } | { recoveryCode: string };

/**
 * TOTP two-factor sign-in for staff. Secrets are sealed at rest with SecretBox (as gateway
 * secrets are); recovery codes are stored as SHA-256 hashes and shown once.
 */
@Injectable()
export class TwoFactorService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly twoFactor: TwoFactorRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.env.SETTLE_ENCRYPTION_KEY);
  }

  /** A new secret, pending until `enable` sees a code made with it; an older pending one is replaced. */
  async setup(auth: AuthContext): Promise<TwoFactorSetup> {
    const state = await this.stateOf(this.dataSource.manager, this.userIdOf(auth));
    if (state.twoFactorEnabledAt) throw alreadyOn();
    const secret = newTotpSecret();
    await this.twoFactor.setPending(this.dataSource.manager, state.id, this.box.seal(secret));
    const url = otpauthUrl(state.email, ISSUER, secret);
    const qrCodeDataUrl = await QRCode.toDataURL(url, { margin: 1, width: 240 });
    return { otpauthUrl: url, qrCodeDataUrl, secret };
  }

  async enable(auth: AuthContext, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const state = await this.stateOf(manager, this.userIdOf(auth), { lock: true });
      if (state.twoFactorEnabledAt) throw alreadyOn();
      if (!state.twoFactorPendingSecret)
        throw AppException.conflict('Start two-factor setup first', [
          { field: 'code', message: 'no two-factor setup is in progress' },
        ]);
      const secret = this.box.open(state.twoFactorPendingSecret);
      const step = totpStep(secret, code);
      if (step === null) throw wrongCode('code');
      await this.twoFactor.turnOn(manager, state.id, this.box.seal(secret), step, new Date());
      const recoveryCodes = await this.storeNewRecoveryCodes(manager, state.id);
      await this.record(manager, auth, 'user.two_factor_enabled', state);
      return { recoveryCodes };
    });
  }

  async disable(auth: AuthContext, password: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const state = await this.stateOf(manager, this.userIdOf(auth), { lock: true });
      await assertPassword(state, password);
      if (!state.twoFactorEnabledAt) throw notOn();
      await this.twoFactor.turnOff(manager, state.id);
      await this.record(manager, auth, 'user.two_factor_disabled', state);
    });
  }

  async regenerateRecoveryCodes(
    auth: AuthContext,
    password: string,
  ): Promise<{ recoveryCodes: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const state = await this.stateOf(manager, this.userIdOf(auth), { lock: true });
      await assertPassword(state, password);
      if (!state.twoFactorEnabledAt) throw notOn();
      const recoveryCodes = await this.storeNewRecoveryCodes(manager, state.id);
      await this.record(manager, auth, 'user.recovery_codes_regenerated', state);
      return { recoveryCodes };
    });
  }

  /** An admin turns another user's two-factor sign-in off and ends their sessions. */
  async reset(auth: AuthContext, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const state = await this.stateOf(manager, userId, { lock: true });
      await this.twoFactor.turnOff(manager, state.id);
      await this.sessions.endAllFor(manager, state.id);
      await this.record(manager, auth, 'user.two_factor_reset', state);
    });
  }

  /**
   * Whether the second factor is right for this user; a TOTP code at or before the last step
   * used is refused, and a recovery code is used up (and audited).
   */
  async verifySignIn(actor: Actor, userId: string, factor: SecondFactor): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const state = await this.twoFactor.findState(manager, userId);
      if (!state?.twoFactorEnabledAt || !state.twoFactorSecret) return false;
      if ('code' in factor) {
        const step = totpStep(this.box.open(state.twoFactorSecret), factor.code);
        return step !== null && this.twoFactor.claimStep(manager, userId, step);
      }
      const used = await this.twoFactor.useRecoveryCode(
        manager,
        userId,
        recoveryCodeHash(factor.recoveryCode),
        new Date(),
      );
      if (used) {
        const left = await this.twoFactor.countUnusedRecoveryCodes(manager, userId);
        await this.record(manager, actor, 'user.recovery_code_used', state, {
          recoveryCodesLeft: left,
        });
      }
      return used;
    });
  }

  private async storeNewRecoveryCodes(manager: EntityManager, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await this.twoFactor.replaceRecoveryCodes(manager, userId, codes.map(recoveryCodeHash));
    return codes;
  }

  private async stateOf(
    manager: EntityManager,
    userId: string,
    options: { lock?: boolean } = {},
  ): Promise<TwoFactorState> {
    const state = await this.twoFactor.findState(manager, userId, options);
    if (!state) throw AppException.notFound('User');
    return state;
  }

  /** Two-factor sign-in belongs to people: an API key has no second factor to set up. */
  private userIdOf(auth: AuthContext): string {
    if (auth.kind !== 'user')
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'Two-factor sign-in is set up by a signed-in user',
      );
    return auth.id;
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    action: TwoFactorAuditAction,
    state: TwoFactorState,
    after?: object,
  ): Promise<void> {
    return this.audit.record(manager, actor, {
      action,
      after,
      entityId: state.id,
      entityLabel: state.email,
      entityType: 'user',
    });
  }
}

async function assertPassword(state: TwoFactorState, password: string): Promise<void> {
  if (!(await argon2.verify(state.passwordHash, password)))
    throw AppException.invalidField('password', 'is not your current password');
}

function wrongCode(field: string): AppException {
  return AppException.invalidField(field, 'is not a valid code; try the current one');
}

function alreadyOn(): AppException {
  return AppException.conflict('Two-factor sign-in is already on');
}

function notOn(): AppException {
  return AppException.conflict('Two-factor sign-in is not on');
}
