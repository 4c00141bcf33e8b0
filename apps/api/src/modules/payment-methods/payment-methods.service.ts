import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isCardExpired } from '@settle/domain';
import { DataSource, EntityManager, IsNull } from 'typeorm';

import { Actor, AuthContext } from '../../common/auth-context';
import { pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { IdempotencyService, StoredResponse } from '../../common/idempotency/idempotency.service';
import { AuditService } from '../audit/audit.service';
import { GatewayRegistry } from '../gateways/gateway-registry';
import { GatewayRejectedError, GatewayUnavailableError } from '../gateways/payment-gateway';
import { Organization } from '../organizations/organization.entity';
import { OrganizationLink } from '../organizations/organization-link.entity';
import { SettingsService } from '../settings/settings.service';
import {
  CreatePaymentMethodDto,
  ListPaymentMethodsQueryDto,
  LockedPaymentMethodDto,
  PaymentMethodResponseDto,
  UnlockPaymentMethodDto,
  UpdatePaymentMethodDto,
} from './dto/payment-method.dto';
import { PaymentMethod } from './payment-method.entity';

@Injectable()
export class PaymentMethodsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateways: GatewayRegistry,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
  ) {}

  async list(organizationId: string): Promise<{ data: PaymentMethodResponseDto[] }> {
    await this.organization(organizationId);
    const methods = await this.dataSource.getRepository(PaymentMethod).find({
      order: { createdAt: 'ASC', isDefault: 'DESC' },
      where: { organizationId, removedAt: IsNull() },
    });
    return { data: methods.map(toPaymentMethodResponse) };
  }

  /** Across organizations: the locked (or expired) methods staff must look at. */
  async listAll(query: ListPaymentMethodsQueryDto) {
    const qb = this.dataSource
      .getRepository(PaymentMethod)
      .createQueryBuilder('m')
      .innerJoin(Organization, 'o', 'o.id = m.organization_id')
      .addSelect('o.name', 'organization_name')
      .where('m.removed_at IS NULL');
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.q) qb.andWhere('o.name ILIKE :q', { q: `%${query.q}%` });
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .orderBy('m.locked_at', 'DESC', 'NULLS LAST')
      .addOrderBy('m.created_at', 'DESC')
      .offset(pageOffset(query))
      .limit(query.pageSize)
      .getRawAndEntities();
    const data: LockedPaymentMethodDto[] = entities.map((m, i) => ({
      ...toPaymentMethodResponse(m),
      organizationName: (raw[i] as { organization_name: string }).organization_name,
    }));
    return toPage(data, total, query);
  }

  create(
    auth: AuthContext,
    organizationId: string,
    dto: CreatePaymentMethodDto,
    idempotencyKey: string | undefined,
  ): Promise<StoredResponse<PaymentMethodResponseDto>> {
    return this.idempotency.run(
      {
        auth,
        body: { ...dto, organizationId },
        endpoint: 'POST /organizations/{id}/payment-methods',
        key: idempotencyKey,
      },
      async (claim) => {
        const organization = await this.organization(organizationId);
        const gateway = await this.gateways.current();
        const link = await this.dataSource
          .getRepository(OrganizationLink)
          .findOneBy({ organizationId, source: gateway.name });
        const tokenized = await gateway
          .tokenize({ customerRef: link?.externalId ?? null, organization, token: dto.token })
          .catch((error: unknown) => {
            if (error instanceof GatewayRejectedError)
              throw AppException.invalidField('token', error.message);
            if (error instanceof GatewayUnavailableError)
              throw new AppException(503, 'The payment gateway did not answer; try again.');
            throw error;
          });
        const method = await this.dataSource.transaction(async (manager) => {
          await manager.query('SELECT id FROM organizations WHERE id = $1 FOR UPDATE', [
            organizationId,
          ]);
          if (tokenized.gatewayCustomerRef && !link)
            await manager.query(
              `INSERT INTO organization_links (organization_id, source, kind, external_id)
               VALUES ($1, $2, 'gateway', $3) ON CONFLICT DO NOTHING`,
              [organizationId, gateway.name, tokenized.gatewayCustomerRef],
            );
          const hasDefault = await manager.getRepository(PaymentMethod).existsBy({
            isDefault: true,
            organizationId,
            removedAt: IsNull(),
          });
          const makeDefault = !hasDefault || dto.makeDefault === true;
          if (makeDefault) await this.clearDefault(manager, organizationId);
          const created = await manager.getRepository(PaymentMethod).save({
            ...tokenized,
            friendlyName: dto.friendlyName ?? defaultFriendlyName(tokenized),
            gateway: gateway.name,
            isDefault: makeDefault,
            organizationId,
            status: 'active',
          });
          await claim.attach(manager, created.id);
          await this.audit.record(
            auth,
            {
              action: 'payment_method.created',
              after: toPaymentMethodResponse(created),
              entityId: created.id,
              entityType: 'payment_method',
            },
            manager,
          );
          return created;
        });
        return { body: toPaymentMethodResponse(method), status: 201 };
      },
      async (id) => ({ body: await this.get(organizationId, id), status: 201 }),
    );
  }

  async get(organizationId: string, id: string): Promise<PaymentMethodResponseDto> {
    return toPaymentMethodResponse(await this.find(this.dataSource.manager, organizationId, id));
  }

  async update(
    actor: Actor,
    organizationId: string,
    id: string,
    dto: UpdatePaymentMethodDto,
  ): Promise<PaymentMethodResponseDto> {
    if (dto.isDefault === false)
      throw AppException.invalidField(
        'isDefault',
        'cannot be unset; make another method the default instead',
      );
    return this.dataSource.transaction(async (manager) => {
      const method = await this.find(manager, organizationId, id, true);
      const before = toPaymentMethodResponse(method);
      if (dto.isDefault && !method.isDefault) {
        await this.clearDefault(manager, organizationId);
        method.isDefault = true;
      }
      if (dto.friendlyName !== undefined) method.friendlyName = dto.friendlyName;
      const saved = await manager.getRepository(PaymentMethod).save(method);
      const after = toPaymentMethodResponse(saved);
      await this.audit.record(
        actor,
        {
          action: 'payment_method.updated',
          after,
          before,
          entityId: id,
          entityType: 'payment_method',
        },
        manager,
      );
      return after;
    });
  }

  async unlock(
    actor: Actor,
    organizationId: string,
    id: string,
    dto: UnlockPaymentMethodDto,
  ): Promise<PaymentMethodResponseDto> {
    const { today } = await this.settings.mspCalendar();
    return this.dataSource.transaction(async (manager) => {
      const method = await this.find(manager, organizationId, id, true);
      if (method.status !== 'locked')
        throw AppException.conflict('Only a locked payment method can be unlocked');
      const before = toPaymentMethodResponse(method);
      const expired =
        method.expMonth !== null &&
        method.expYear !== null &&
        isCardExpired(method.expMonth, method.expYear, today);
      Object.assign(method, {
        consecutiveFailures: 0,
        lockedAt: null,
        lockedReason: null,
        status: expired ? 'expired' : 'active',
      });
      const saved = await manager.getRepository(PaymentMethod).save(method);
      const after = toPaymentMethodResponse(saved);
      await this.audit.record(
        actor,
        {
          action: 'payment_method.unlocked',
          after: { ...after, reason: dto.reason },
          before,
          entityId: id,
          entityType: 'payment_method',
        },
        manager,
      );
      return after;
    });
  }

  async remove(actor: Actor, organizationId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const method = await this.find(manager, organizationId, id, true);
      const [{ count }] = await manager.query(
        `SELECT count(*)::int AS count FROM payments
          WHERE payment_method_id = $1 AND status IN ('scheduled', 'pending_approval', 'processing')`,
        [id],
      );
      if (count > 0)
        throw AppException.conflict(
          `This payment method has ${count} scheduled or processing payment(s); cancel or move them first`,
        );
      await manager
        .getRepository(PaymentMethod)
        .update(id, { isDefault: false, removedAt: new Date() });
      await this.audit.record(
        actor,
        {
          action: 'payment_method.removed',
          before: toPaymentMethodResponse(method),
          entityId: id,
          entityType: 'payment_method',
        },
        manager,
      );
    });
  }

  /** The daily job: cards past their expiry month stop being offered and charged. */
  async markExpired(today: string): Promise<number> {
    const [year, month] = today.split('-').map(Number);
    const [, count] = await this.dataSource.query(
      `UPDATE payment_methods SET status = 'expired', updated_at = now()
        WHERE status = 'active' AND removed_at IS NULL AND exp_year IS NOT NULL
          AND (exp_year < $1 OR (exp_year = $1 AND exp_month < $2))`,
      [year, month],
    );
    return Number(count ?? 0);
  }

  private async find(
    manager: EntityManager,
    organizationId: string,
    id: string,
    lock = false,
  ): Promise<PaymentMethod> {
    const method = await manager.getRepository(PaymentMethod).findOne({
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
      where: { id, organizationId, removedAt: IsNull() },
    });
    if (!method) throw AppException.notFound('Payment method');
    return method;
  }

  private async clearDefault(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(
      'UPDATE payment_methods SET is_default = false WHERE organization_id = $1 AND is_default',
      [organizationId],
    );
  }

  private async organization(id: string): Promise<Organization> {
    const organization = await this.dataSource.getRepository(Organization).findOneBy({ id });
    if (!organization) throw AppException.notFound('Organization');
    return organization;
  }
}

function defaultFriendlyName(method: { type: string; brand: string; last4: string }): string {
  const kind = method.type === 'card' ? method.brand.toUpperCase() : method.brand;
  return `${kind} •••• ${method.last4}`;
}

export function toPaymentMethodResponse(method: PaymentMethod): PaymentMethodResponseDto {
  return {
    brand: method.brand,
    consecutiveFailures: method.consecutiveFailures,
    createdAt: method.createdAt.toISOString(),
    expMonth: method.expMonth,
    expYear: method.expYear,
    friendlyName: method.friendlyName,
    gateway: method.gateway,
    id: method.id,
    isDefault: method.isDefault,
    last4: method.last4,
    lockedAt: method.lockedAt?.toISOString() ?? null,
    lockedReason: method.lockedReason,
    organizationId: method.organizationId,
    status: method.status,
    type: method.type,
  };
}
