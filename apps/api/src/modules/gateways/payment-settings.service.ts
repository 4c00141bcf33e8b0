import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConvenienceFeePolicy } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../common/auth-context';
import { SecretBox } from '../../common/secret-box';
import { AppConfig } from '../../config/app-config';
import { AuditService } from '../audit';
import { SettingsService } from '../settings';
import {
  ConvenienceFeeDto,
  PaymentSettingsResponseDto,
  SandboxSettingsDto,
  UpdatePaymentSettingsDto,
} from './dto/payment-settings.dto';
import { GatewayName } from './payment-gateway';

const KEY = 'payments';
const CACHE_MS = 5_000;

interface StoredPaymentSettings {
  gateway: GatewayName;
  convenienceFee: ConvenienceFeeDto;
  sandbox: SandboxSettingsDto & { clockOffsetMs: number };
  stripe: { publishableKey: string | null; secretKey: string | null; webhookSecret: string | null };
}

/** The same shape with the Stripe secrets opened (the stored form holds them sealed). */
export type PaymentSettings = StoredPaymentSettings;

const DEFAULTS: StoredPaymentSettings = {
  convenienceFee: { capMinor: null, enabled: false, percentBasisPoints: 0 },
  gateway: 'sandbox',
  sandbox: { achSettlementHours: 96, clockOffsetMs: 0, latencyMs: 0 },
  stripe: { publishableKey: null, secretKey: null, webhookSecret: null },
};

/** Gateway choice, convenience fee and gateway secrets (sealed at rest with SecretBox). */
@Injectable()
export class PaymentSettingsService {
  private readonly box: SecretBox;
  private cached: { at: number; value: PaymentSettings } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.box = new SecretBox(config.env.SETTLE_ENCRYPTION_KEY);
  }

  async get(): Promise<PaymentSettings> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const stored = await this.readStored(this.dataSource.manager);
    const value: PaymentSettings = {
      ...stored,
      stripe: {
        publishableKey: stored.stripe.publishableKey,
        secretKey: stored.stripe.secretKey && this.box.open(stored.stripe.secretKey),
        webhookSecret: stored.stripe.webhookSecret && this.box.open(stored.stripe.webhookSecret),
      },
    };
    this.cached = { at: Date.now(), value };
    return value;
  }

  async feePolicy(): Promise<ConvenienceFeePolicy | null> {
    const { convenienceFee } = await this.get();
    return convenienceFee.enabled
      ? { capMinor: convenienceFee.capMinor, percentBasisPoints: convenienceFee.percentBasisPoints }
      : null;
  }

  async describe(): Promise<PaymentSettingsResponseDto> {
    const settings = await this.get();
    return {
      convenienceFee: settings.convenienceFee,
      gateway: settings.gateway,
      sandbox: {
        achSettlementHours: settings.sandbox.achSettlementHours,
        latencyMs: settings.sandbox.latencyMs,
      },
      stripe: {
        publishableKey: settings.stripe.publishableKey,
        secretKeySet: settings.stripe.secretKey !== null,
        webhookSecretSet: settings.stripe.webhookSecret !== null,
      },
    };
  }

  async update(actor: Actor, dto: UpdatePaymentSettingsDto): Promise<PaymentSettingsResponseDto> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.readStored(manager, { lock: true });
      const stripe = {
        publishableKey:
          dto.stripe?.publishableKey === undefined
            ? before.stripe.publishableKey
            : dto.stripe.publishableKey,
        secretKey: dto.stripe?.secretKey
          ? this.box.seal(dto.stripe.secretKey)
          : before.stripe.secretKey,
        webhookSecret: dto.stripe?.webhookSecret
          ? this.box.seal(dto.stripe.webhookSecret)
          : before.stripe.webhookSecret,
      };
      const after: StoredPaymentSettings = {
        convenienceFee: { ...dto.convenienceFee, capMinor: dto.convenienceFee.capMinor ?? null },
        gateway: dto.gateway,
        sandbox: { ...dto.sandbox, clockOffsetMs: before.sandbox.clockOffsetMs },
        stripe,
      };
      await this.settings.writeDocument(manager, KEY, after);
      await this.audit.record(manager, actor, {
        action: 'settings.payments_updated',
        after: redact(after),
        before: redact(before),
        entityId: KEY,
        entityLabel: 'Payment settings',
        entityType: 'settings',
      });
    });
    this.cached = null;
    return this.describe();
  }

  /** Moves the sandbox gateway's clock forward; bank debits settle or return against it. */
  async advanceSandboxClock(actor: Actor, hours: number): Promise<number> {
    const offsetMs = await this.dataSource.transaction(async (manager) => {
      const stored = await this.readStored(manager, { lock: true });
      stored.sandbox.clockOffsetMs += hours * 3_600_000;
      await this.settings.writeDocument(manager, KEY, stored);
      await this.audit.record(manager, actor, {
        action: 'sandbox.clock_advanced',
        after: { offsetHours: stored.sandbox.clockOffsetMs / 3_600_000 },
        entityId: KEY,
        entityLabel: 'Payment settings',
        entityType: 'settings',
      });
      return stored.sandbox.clockOffsetMs;
    });
    this.cached = null;
    return offsetMs;
  }

  private async readStored(
    manager: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<StoredPaymentSettings> {
    const value = ((await this.settings.readDocument(manager, KEY, options)) ??
      {}) as Partial<StoredPaymentSettings>;
    return {
      convenienceFee: { ...DEFAULTS.convenienceFee, ...value.convenienceFee },
      gateway: value.gateway ?? DEFAULTS.gateway,
      sandbox: { ...DEFAULTS.sandbox, ...value.sandbox },
      stripe: { ...DEFAULTS.stripe, ...value.stripe },
    };
  }
}

function redact(settings: StoredPaymentSettings): object {
  return {
    ...settings,
    stripe: {
      publishableKey: settings.stripe.publishableKey,
      secretKey: settings.stripe.secretKey ? 'set' : null,
      webhookSecret: settings.stripe.webhookSecret ? 'set' : null,
    },
  };
}
