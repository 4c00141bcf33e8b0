import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';

import { AuthContext } from '../../common/auth-context';
import { randomToken, safeEqual, sha256Hex } from '../../common/crypto';
import { Page, pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit/audit.service';
import { ApiKey } from './api-key.entity';
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
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListApiKeysQueryDto): Promise<Page<ApiKeyResponseDto>> {
    const [rows, total] = await this.keys.findAndCount({
      order: { createdAt: 'DESC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return toPage(rows.map(toApiKeyResponse), total, query);
  }

  async create(auth: AuthContext, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    const prefix = `sk_${randomPrefix()}`;
    const secret = `${prefix}_${randomToken(32)}`;
    return this.dataSource.transaction(async (manager) => {
      const key = await manager.save(
        manager.create(ApiKey, {
          createdById: auth.kind === 'user' ? auth.id : null,
          name: dto.name,
          prefix,
          role: dto.role,
          secretHash: sha256Hex(secret),
        }),
      );
      const response = toApiKeyResponse(key);
      await this.audit.record(
        auth,
        { action: 'api_key.created', after: response, entityId: key.id, entityType: 'api_key' },
        manager,
      );
      return { ...response, secret };
    });
  }

  async revoke(auth: AuthContext, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const key = await manager.findOne(ApiKey, {
        lock: { mode: 'pessimistic_write' },
        where: { id },
      });
      if (!key) throw AppException.notFound('API key');
      if (key.revokedAt) return;
      const before = toApiKeyResponse(key);
      key.revokedAt = new Date();
      await manager.save(key);
      await this.audit.record(
        auth,
        {
          action: 'api_key.revoked',
          after: toApiKeyResponse(key),
          before,
          entityId: id,
          entityType: 'api_key',
        },
        manager,
      );
    });
  }

  /** The live key for a bearer token, or null. */
  async verify(token: string): Promise<ApiKey | null> {
    const match = KEY_FORMAT.exec(token);
    if (!match) return null;
    const key = await this.keys.findOneBy({ prefix: match[1], revokedAt: IsNull() });
    if (!key || !safeEqual(key.secretHash, sha256Hex(token))) return null;
    const now = Date.now();
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
      await this.keys.update(key.id, { lastUsedAt: new Date(now) });
    }
    return key;
  }
}

function randomPrefix(): string {
  return Array.from(randomBytes(8), (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join(
    '',
  );
}
