import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import { Actor } from '../../../common/auth-context';
import { AppException } from '../../../common/errors/app.exception';
import { AuditService } from '../../audit';
import { SettingsService } from '../../settings';
import { StaffRecipient, UsersService } from '../../users';
import {
  StaffNotificationSettingsDto,
  StaffNotificationSettingsResponseDto,
  StaffSubscriptionDto,
} from './dto/staff-notification-settings.dto';

const KEY = 'email_staff_notifications';

export type StaffNotificationKind =
  | 'paymentMade'
  | 'dailySummary'
  | 'emailFailures'
  | 'autopayRuns'
  | 'autopayApprovals'
  | 'accessRequests';

type StoredSubscription = Required<StaffSubscriptionDto>;

/** Settings → Email → Staff notifications: which staff get which notifications. */
@Injectable()
export class StaffNotificationSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<StaffNotificationSettingsResponseDto> {
    const manager = this.dataSource.manager;
    return this.describe(manager, await this.read(manager));
  }

  async update(
    actor: Actor,
    dto: StaffNotificationSettingsDto,
  ): Promise<StaffNotificationSettingsResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.read(manager, { lock: true });
      const after = dto.subscriptions.map(stored);
      const known = new Set(
        (
          await this.users.recipients(
            manager,
            after.map((s) => s.userId),
          )
        ).map((u) => u.id),
      );
      const unknown = after.flatMap((s, index) =>
        known.has(s.userId)
          ? []
          : [{ field: `subscriptions.${index}.userId`, message: 'is not a user' }],
      );
      if (unknown.length)
        throw AppException.rule('Every subscription must name a staff user', unknown);
      await this.settings.writeDocument(manager, KEY, { subscriptions: after });
      await this.audit.record(manager, actor, {
        action: 'settings.staff_notifications_updated',
        after: { subscriptions: after },
        before: { subscriptions: before },
        entityId: KEY,
        entityLabel: 'Staff notifications',
        entityType: 'settings',
      });
      return this.describe(manager, after);
    });
  }

  /** The enabled staff subscribed to one kind of notification, in the caller's transaction. */
  async subscribers(
    manager: EntityManager,
    kind: StaffNotificationKind,
  ): Promise<StaffRecipient[]> {
    const ids = (await this.read(manager)).filter((s) => s[kind]).map((s) => s.userId);
    return (await this.users.recipients(manager, ids)).filter((u) => !u.disabled);
  }

  /** As subscribers, but every enabled admin when nobody is subscribed: for what must reach someone. */
  async subscribersOrAdmins(
    manager: EntityManager,
    kind: StaffNotificationKind,
  ): Promise<StaffRecipient[]> {
    const subscribed = await this.subscribers(manager, kind);
    return subscribed.length ? subscribed : this.users.adminRecipients(manager);
  }

  /** Every enabled administrator: for what only an admin can fix. */
  admins(manager: EntityManager): Promise<StaffRecipient[]> {
    return this.users.adminRecipients(manager);
  }

  private async describe(
    manager: EntityManager,
    subscriptions: StoredSubscription[],
  ): Promise<StaffNotificationSettingsResponseDto> {
    const users = new Map(
      (
        await this.users.recipients(
          manager,
          subscriptions.map((s) => s.userId),
        )
      ).map((u) => [u.id, u]),
    );
    return {
      subscriptions: subscriptions.flatMap((s) => {
        const user = users.get(s.userId);
        return user ? [{ ...s, disabled: user.disabled, email: user.email, name: user.name }] : [];
      }),
    };
  }

  private async read(
    manager: EntityManager,
    options: { lock?: boolean } = {},
  ): Promise<StoredSubscription[]> {
    const document = (await this.settings.readDocument(manager, KEY, options)) as {
      subscriptions?: StaffSubscriptionDto[];
    } | null;
    // documents written before a kind existed lack it: off
    return (document?.subscriptions ?? []).map(stored);
  }
}

function stored(s: StaffSubscriptionDto): StoredSubscription {
  return {
    accessRequests: s.accessRequests ?? false,
    autopayApprovals: s.autopayApprovals ?? false,
    autopayRuns: s.autopayRuns ?? false,
    dailySummary: s.dailySummary,
    emailFailures: s.emailFailures,
    paymentMade: s.paymentMade,
    userId: s.userId,
  };
}
