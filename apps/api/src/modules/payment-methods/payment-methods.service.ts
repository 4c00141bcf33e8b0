import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AutopayMethodInput,
  isCardExpired,
  MethodChargeOutcome,
  nextMethodState,
} from '@settle/domain';
import { DataSource, EntityManager } from 'typeorm';

import { Actor, AuthContext, Payer } from '../../common/auth-context';
import { pageOffset, toPage } from '../../common/dto/list.dto';
import { AppException } from '../../common/errors/app.exception';
import { PortalScope } from '../../common/portal-scope';
import { IdempotencyService, StoredResponse } from '../../common/idempotency/idempotency.service';
import { AuditService } from '../audit';
import {
  GatewayFeatureUnavailableError,
  GatewayRegistry,
  GatewayRejectedError,
  GatewayUnavailableError,
} from '../gateways';
import { OrganizationsService } from '../organizations';
import { SettingsService } from '../settings';
import {
  CreatePaymentMethodDto,
  ListPaymentMethodsQueryDto,
  LockedPaymentMethodDto,
  PaymentMethodResponseDto,
  PortalCreatePaymentMethodDto,
  PortalPaymentMethodDto,
  PortalPaymentMethodListResponseDto,
  PortalSetupIntentDto,
  UnlockPaymentMethodDto,
  UpdatePaymentMethodDto,
} from './dto/payment-method.dto';
import { PaymentMethod } from './payment-method.entity';
import { PaymentMethodsRepository } from './payment-methods.repository';

/** A card on file as the expiry notices see it. */
export interface ExpiringCard {
  id: string;
  organizationId: string;
  organizationName: string;
  brand: string;
  last4: string;
  friendlyName: string;
  expMonth: number;
  expYear: number;
}

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

  /** Locked methods not removed: the Overview's attention card. */
  countLocked(): Promise<number> {
    return this.methods.countLocked(this.dataSource.manager);
  }

  async list(organizationId: string): Promise<{ data: PaymentMethodResponseDto[] }> {
    const manager = this.dataSource.manager;
    await this.organizations.findOrFail(manager, organizationId);
    const methods = await this.methods.ofOrganization(manager, organizationId);
    return { data: methods.map(toPaymentMethodResponse) };
  }

  /** The scope's organization's methods, to pay with or to manage. */
  async listForPortal(scope: PortalScope): Promise<PortalPaymentMethodListResponseDto> {
    scope.require('pay', 'manageMethods');
    const methods = await this.methods.ofOrganization(
      this.dataSource.manager,
      scope.organizationId,
    );
    return { data: methods.map(toPortalPaymentMethod) };
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
    return this.createMethod(auth, organizationId, dto, idempotencyKey, {
      endpoint: 'POST /organizations/{id}/payment-methods',
      present: toPaymentMethodResponse,
    });
  }

  /**
   * A contact stores a method for the scope's organization from a gateway token, with the staff
   * route's checks, default rule, audit and idempotency (its own key space: a contact's key
   * never replays a staff request).
   */
  createForPortal(
    scope: PortalScope,
    dto: PortalCreatePaymentMethodDto,
    idempotencyKey: string,
  ): Promise<StoredResponse<PortalPaymentMethodDto>> {
    scope.require('manageMethods');
    return this.createMethod(scope.actor, scope.organizationId, dto, idempotencyKey, {
      endpoint: 'POST /portal/organizations/{organizationId}/payment-methods',
      hostedFieldsOnly: true,
      present: toPortalPaymentMethod,
    });
  }

  /**
   * Starts adding a card in the gateway's hosted fields for the scope's organization (Stripe: a
   * SetupIntent on its customer, made now if it has none, and recorded as its gateway link). A
   * gateway without hosted fields (the sandbox), or Stripe without a publishable key, is a 409.
   */
  async startSetupForPortal(scope: PortalScope): Promise<PortalSetupIntentDto> {
    scope.require('manageMethods');
    const manager = this.dataSource.manager;
    const organization = await this.organizations.findOrFail(manager, scope.organizationId);
    const gateway = await this.gateways.current();
    const customerRef = await this.organizations.gatewayCustomerRef(
      manager,
      scope.organizationId,
      gateway.name,
    );
    const setup = await gateway
      .startHostedSetup({ customerRef, organization })
      .catch((error: unknown) => {
        if (error instanceof GatewayFeatureUnavailableError)
          throw AppException.conflict(error.message);
        throw gatewayProblem(error);
      });
    if (!customerRef)
      await this.organizations.addLink(manager, {
        externalId: setup.gatewayCustomerRef,
        organizationId: scope.organizationId,
        source: gateway.name,
      });
    return { clientSecret: setup.clientSecret, publishableKey: setup.publishableKey };
  }

  private createMethod<T>(
    auth: Payer,
    organizationId: string,
    dto: CreatePaymentMethodDto & { setupIntentId?: string },
    idempotencyKey: string | undefined,
    channel: {
      endpoint: string;
      /** Under Stripe, only a method saved by a confirmed SetupIntent (the portal's way). */
      hostedFieldsOnly?: boolean;
      present: (method: PaymentMethod) => T;
    },
  ): Promise<StoredResponse<T>> {
    return this.idempotency.run(
      {
        auth,
        body: { ...dto, organizationId },
        endpoint: channel.endpoint,
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
        if (channel.hostedFieldsOnly && gateway.name === 'stripe' && !dto.setupIntentId)
          throw AppException.invalidField(
            'setupIntentId',
            'is required with the Stripe gateway: confirm the card in Stripe’s fields first',
          );
        const tokenized = await gateway
          .tokenize({
            customerRef,
            organization,
            setupIntentRef: dto.setupIntentId ?? null,
            token: dto.token,
          })
          .catch((error: unknown) => {
            throw gatewayProblem(error);
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
        return { body: channel.present(method), status: 201 };
      },
      async (id) => ({
        body: channel.present(await this.find(this.dataSource.manager, organizationId, id)),
        status: 201,
      }),
    );
  }

  /**
   * The organization's usable methods as AutoPay judges them. Removed methods are left out, so a
   * rule that names one reads as "method removed".
   */
  async forAutopay(manager: EntityManager, organizationId: string): Promise<AutopayMethodInput[]> {
    return (await this.forAutopayOf(manager, [organizationId])).get(organizationId) ?? [];
  }

  /** `forAutopay` for several organizations in one query: every id is a key. */
  async forAutopayOf(
    manager: EntityManager,
    organizationIds: string[],
  ): Promise<Map<string, AutopayMethodInput[]>> {
    const byOrganization = new Map<string, AutopayMethodInput[]>(
      organizationIds.map((id) => [id, []]),
    );
    if (organizationIds.length === 0) return byOrganization;
    for (const m of await this.methods.ofOrganizations(manager, organizationIds))
      byOrganization.get(m.organizationId)?.push({
        expMonth: m.expMonth,
        expYear: m.expYear,
        id: m.id,
        isDefault: m.isDefault,
        label: m.friendlyName,
        removed: false,
        status: m.status,
      });
    return byOrganization;
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

  /** A contact renames one of the scope's organization's methods, or makes it the default. */
  async updateForPortal(
    scope: PortalScope,
    id: string,
    dto: UpdatePaymentMethodDto,
  ): Promise<PortalPaymentMethodDto> {
    scope.require('manageMethods');
    return toPortalPaymentMethod(await this.update(scope.actor, scope.organizationId, id, dto));
  }

  /** A contact removes one of the scope's organization's methods, as staff would. */
  removeForPortal(scope: PortalScope, id: string): Promise<void> {
    scope.require('manageMethods');
    return this.remove(scope.actor, scope.organizationId, id);
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

  /** A page of cards on file expiring in these months (the expiry notices' candidates). */
  async expiringCards(
    manager: EntityManager,
    months: { expMonth: number; expYear: number }[],
    page: { afterId: string | null; limit: number },
  ): Promise<ExpiringCard[]> {
    const rows = await this.methods.expiringCards(manager, months, page);
    return rows.map((r) => ({
      brand: r.brand,
      expMonth: r.exp_month,
      expYear: r.exp_year,
      friendlyName: r.friendly_name,
      id: r.id,
      last4: r.last4,
      organizationId: r.organization_id,
      organizationName: r.organization_name,
    }));
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

/** A gateway's refusal names the field at fault; no answer at all is a 503. */
function gatewayProblem(error: unknown): unknown {
  if (error instanceof GatewayRejectedError)
    return AppException.invalidField(error.field, error.message);
  if (error instanceof GatewayUnavailableError)
    return new AppException(503, 'The payment gateway did not answer; try again.');
  return error;
}

/** What a contact sees of a method (from the row, or from the staff answer). */
function toPortalPaymentMethod(
  m: Pick<
    PaymentMethod,
    | 'brand'
    | 'expMonth'
    | 'expYear'
    | 'friendlyName'
    | 'id'
    | 'isDefault'
    | 'last4'
    | 'status'
    | 'type'
  > & {
    createdAt: Date | string;
  },
): PortalPaymentMethodDto {
  return {
    brand: m.brand,
    createdAt: typeof m.createdAt === 'string' ? m.createdAt : m.createdAt.toISOString(),
    expMonth: m.expMonth,
    expYear: m.expYear,
    friendlyName: m.friendlyName,
    id: m.id,
    isDefault: m.isDefault,
    last4: m.last4,
    status: m.status,
    type: m.type,
  };
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
