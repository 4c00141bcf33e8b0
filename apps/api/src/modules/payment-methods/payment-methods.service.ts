import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isCardExpired, MethodChargeOutcome, nextMethodState } from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor, AuthContext } from '../../common/auth-context';
import { pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { IdempotencyService, StoredResponse } from '../../common/idempotency/idempotency.service';
import { AuditService } from '../audit';
import { GatewayRegistry, GatewayRejectedError, GatewayUnavailableError } from '../gateways';
import { OrganizationsService } from '../organizations';
import { SettingsService } from '../settings';
import {
  CreatePaymentMethodDto,
  ListPaymentMethodsQueryDto,
  LockedPaymentMethodDto,
  PaymentMethodResponseDto,
  UnlockPaymentMethodDto,
  UpdatePaymentMethodDto,
} from './dto/payment-method.dto';
import { PaymentMethod } from './payment-method.entity';
import { PaymentMethodsRepository } from './payment-methods.repository';

@Injectable()
export class PaymentMethodsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly methods: PaymentMethodsRepository,
    private readonly organizations: OrganizationsService,
    private readonly gateways: GatewayRegistry,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly settings: SettingsService,
  ) {}

  async list(organizationId: string): Promise<{ data: PaymentMethodResponseDto[] }> {
    const manager = this.dataSource.manager;
    await this.organizations.findOrFail(manager, organizationId);
    const methods = await this.methods.ofOrganization(manager, organizationId);
    return { data: methods.map(toPaymentMethodResponse) };
  }

  /** Across organizations: the locked (or expired) methods staff must look at. */
  async listAll(query: ListPaymentMethodsQueryDto) {
    const { methods, total } = await this.methods.list(this.dataSource.manager, {
      limit: query.pageSize,
      offset: pageOffset(query),
      q: query.q,
      status: query.status,
    });
    const data: LockedPaymentMethodDto[] = methods.map((m) => ({
      ...toPaymentMethodResponse(m),
      organizationName: m.organizationName,
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
        const manager = this.dataSource.manager;
        const organization = await this.organizations.findOrFail(manager, organizationId);
        const gateway = await this.gateways.current();
        const customerRef = await this.organizations.gatewayCustomerRef(
          manager,
          organizationId,
          gateway.name,
        );
        const tokenized = await gateway
          .tokenize({ customerRef, organization, token: dto.token })
          .catch((error: unknown) => {
            if (error instanceof GatewayRejectedError)
              throw AppException.invalidField('token', error.message);
            if (error instanceof GatewayUnavailableError)
              throw new AppException(503, 'The payment gateway did not answer; try again.');
            throw error;
          });
        const method = await this.dataSource.transaction(async (tx) => {
          // One new default at a time per organization.
          await this.organizations.findOrFail(tx, organizationId, { lock: true });
          if (tokenized.gatewayCustomerRef && !customerRef)
            await this.organizations.addLink(tx, {
              externalId: tokenized.gatewayCustomerRef,
              organizationId,
              source: gateway.name,
            });
          const makeDefault =
            !(await this.methods.hasDefault(tx, organizationId)) || dto.makeDefault === true;
          if (makeDefault) await this.methods.clearDefault(tx, organizationId);
          const created = await this.methods.save(tx, {
            ...tokenized,
            friendlyName: dto.friendlyName ?? defaultFriendlyName(tokenized),
            gateway: gateway.name,
            isDefault: makeDefault,
            organizationId,
            status: 'active',
          });
          await claim.attach(tx, created.id);
          await this.audit.record(tx, auth, {
            action: 'payment_method.created',
            after: toPaymentMethodResponse(created),
            entityId: created.id,
            entityLabel: created.friendlyName,
            entityType: 'payment_method',
            organizationId,
          });
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
      const method = await this.find(manager, organizationId, id, { lock: true });
      const before = toPaymentMethodResponse(method);
      if (dto.isDefault && !method.isDefault) {
        await this.methods.clearDefault(manager, organizationId);
        method.isDefault = true;
      }
      if (dto.friendlyName !== undefined) method.friendlyName = dto.friendlyName;
      const after = toPaymentMethodResponse(await this.methods.save(manager, method));
      await this.audit.record(manager, actor, {
        action: 'payment_method.updated',
        after,
        before,
        entityId: id,
        entityLabel: method.friendlyName,
        entityType: 'payment_method',
        organizationId,
      });
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
      const method = await this.find(manager, organizationId, id, { lock: true });
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
      const after = toPaymentMethodResponse(await this.methods.save(manager, method));
      await this.audit.record(manager, actor, {
        action: 'payment_method.unlocked',
        after: { ...after, reason: dto.reason },
        before,
        entityId: id,
        entityLabel: method.friendlyName,
        entityType: 'payment_method',
        organizationId,
      });
      return after;
    });
  }

  async remove(actor: Actor, organizationId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const method = await this.find(manager, organizationId, id, { lock: true });
      const count = await this.methods.openPaymentsCount(manager, id);
      if (count > 0)
        throw AppException.conflict(
          `This payment method has ${count} scheduled or processing payment(s); cancel or move them first`,
        );
      await this.methods.update(manager, id, { isDefault: false, removedAt: new Date() });
      await this.audit.record(manager, actor, {
        action: 'payment_method.removed',
        before: toPaymentMethodResponse(method),
        entityId: id,
        entityLabel: method.friendlyName,
        entityType: 'payment_method',
        organizationId,
      });
    });
  }

  /** The daily job: cards past their expiry month stop being offered and charged. */
  async markExpired(today: string): Promise<number> {
    const [year, month] = today.split('-').map(Number);
    return this.methods.markExpired(this.dataSource.manager, year, month);
  }

  /** A live method of the organization, for a payment about to be made with it. */
  forPayment(
    manager: EntityManager,
    organizationId: string,
    id: string,
  ): Promise<PaymentMethod | null> {
    return this.methods.find(manager, { id, organizationId });
  }

  /** The method a payment was made with, even if it was removed since. */
  ofPayment(manager: EntityManager, id: string): Promise<PaymentMethod | null> {
    return this.methods.findAny(manager, id);
  }

  /**
   * What a charge's outcome does to the method, in the caller's transaction: failures count up
   * and may lock it (the domain decides), a success resets the count. `known` is the caller's
   * copy of the method, when it has one.
   */
  async recordChargeOutcome(
    manager: EntityManager,
    id: string,
    outcome: MethodChargeOutcome,
    known: PaymentMethod | null = null,
  ): Promise<void> {
    // A success on a method the caller just read with no failures changes nothing: skip the
    // round trip. Anything else is decided on the row as it is now, under its lock.
    if (outcome.succeeded && known?.id === id && known.consecutiveFailures === 0) return;
    const method = await this.methods.findAny(manager, id, { lock: true });
    if (!method) return;
    const next = nextMethodState(method, outcome);
    const unchanged =
      next.status === method.status &&
      next.consecutiveFailures === method.consecutiveFailures &&
      !next.lockedReason;
    if (unchanged) return;
    await this.methods.update(manager, id, {
      consecutiveFailures: next.consecutiveFailures,
      status: next.status,
      ...(next.lockedReason && { lockedAt: new Date(), lockedReason: next.lockedReason }),
    });
  }

  private async find(
    manager: EntityManager,
    organizationId: string,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<PaymentMethod> {
    const method = await this.methods.find(manager, { id, organizationId }, options);
    if (!method) throw AppException.notFound('Payment method');
    return method;
  }
}

function defaultFriendlyName(method: { type: string; brand: string; last4: string }): string {
  const kind = method.type === 'card' ? method.brand.toUpperCase() : method.brand;
  return `${kind} •••• ${method.last4}`;
}

function toPaymentMethodResponse(method: PaymentMethod): PaymentMethodResponseDto {
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
