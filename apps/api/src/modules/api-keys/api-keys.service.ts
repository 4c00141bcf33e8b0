import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Actor, AuthContext } from '../../common/auth-context';
import { randomToken, safeEqual, sha256Hex } from '../../common/crypto';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit';
import { ApiKey } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import {
  ApiKeyResponseDto,
  CreateApiKeyDto,
  CreatedApiKeyResponseDto,
  ListApiKeysQueryDto,
  toApiKeyResponse,
} from './dto/api-key.dto';

const KEY_FORMAT = /^(sk_[a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = 'abcdefghijkmnopqrstuvwxyz23456789';
/** lastUsedAt is advisory; refreshing it on every request would turn reads into writes. */
const LAST_USED_PRECISION_MS = 60_000;

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListApiKeysQueryDto): Promise<Page<ApiKeyResponseDto>> {
    const [rows, total] = await this.keys.list(this.dataSource.manager, {
      limit: query.pageSize,
      offset: pageOffset(query),
    });
    return toPage(rows.map(toApiKeyResponse), total, query);
  }

  async create(auth: AuthContext, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    const prefix = `sk_${randomPrefix()}`;
    const secret = `${prefix}_${randomToken(32)}`;
    return this.dataSource.transaction(async (manager) => {
      const key = await this.keys.insert(manager, {
        createdById: await this.responsibleUser(manager, auth),
        name: dto.name,
        prefix,
        role: dto.role,
        secretHash: sha256Hex(secret),
      });
      const response = toApiKeyResponse(key);
      await this.audit.record(manager, auth, {
        action: 'api_key.created',
        after: response,
        entityId: key.id,
        entityLabel: key.name,
        entityType: 'api_key',
      });
      return { ...response, secret };
    });
  }

  async revoke(auth: AuthContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const key = await this.keys.findById(manager, id, { lock: true });
      if (!key) throw AppException.notFound('API key');
      if (key.revokedAt) return;
      const before = toApiKeyResponse(key);
      key.revokedAt = new Date();
      await this.keys.markRevoked(manager, id, key.revokedAt);
      await this.audit.record(manager, auth, {
        action: 'api_key.revoked',
        after: toApiKeyResponse(key),
        before,
        entityId: id,
        entityLabel: key.name,
        entityType: 'api_key',
      });
    });
  }

  /** Inside the caller's transaction: the keys of a user who is disabled die with them. */
  async revokeAllCreatedBy(manager: EntityManager, actor: Actor, userId: string): Promise<void> {
    const revoked = await this.keys.revokeAllCreatedBy(manager, userId, new Date());
    for (const { id, name } of revoked)
      await this.audit.record(manager, actor, {
        action: 'api_key.revoked',
        after: { reason: 'creator disabled', revoked: true },
        entityId: id,
        entityLabel: name,
        entityType: 'api_key',
      });
  }

  /** The live key for a bearer token, or null. */
  async verify(token: string): Promise<ApiKey | null> {
    const match = KEY_FORMAT.exec(token);
    if (!match) return null;
    const manager = this.dataSource.manager;
    const key = await this.keys.findLiveByPrefix(manager, match[1]);
    if (!key || !safeEqual(key.secretHash, sha256Hex(token))) return null;
    const now = Date.now();
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_PRECISION_MS)
      await this.keys.touchLastUsed(manager, key.id, new Date(now));
    return key;
  }

  /** The person answerable for a new key: its maker, or the person behind the key that made it. */
  private async responsibleUser(manager: EntityManager, auth: AuthContext): Promise<string | null> {
    if (auth.kind === 'user') return auth.id;
    return (await this.keys.findById(manager, auth.id))?.createdById ?? null;
  }
}

function randomPrefix(): string {
  return Array.from(randomBytes(8), (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join(
    '',
  );
}
