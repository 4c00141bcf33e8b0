import { InjectQueue } from '@nestjs/bull';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ContactTokenPurpose } from '@settle/domain';
import * as argon2 from 'argon2';
import { Queue } from 'bull';
import { DataSource, EntityManager } from 'typeorm';

import { ContactActor, PortalPrincipal } from '../../../common/auth-context';
import { ClientInfo } from '../../../common/decorators/auth.decorators';
import { normaliseEmail } from '../../../common/email';
import { AppException } from '../../../common/errors/app.exception';
import { ENQUEUE_TIMEOUT_MS, withTimeout } from '../../../common/with-timeout';
import {
  JOB_OPTIONS,
  JobName,
  PortalPasswordResetJobData,
  QueueName,
} from '../../../queues/queues';
import { AuditService } from '../../audit';
import { invalidCredentials, LoginThrottleService, tooManyAttempts } from '../../auth';
import { ContactAccessService, ContactTokensService, PortalProfile } from '../../contacts';
import { OrganizationsService } from '../../organizations';
import { assertPasswordAllowed, hashPassword } from '../../users';
import { STAFF_VIEW_PERMISSIONS } from '../portal-scope.guard';
import {
  PortalLoginDto,
  PortalMeResponseDto,
  PortalPasswordResetDto,
  PortalSetPasswordDto,
} from './dto/portal-auth.dto';
import { IssuedPortalSession, PortalSessionsService } from './portal-sessions.service';

/** The audit codes of a contact's sign-in, one per way in. */
type PortalSignInAction = 'portal.login' | 'portal.invitation_accepted' | 'portal.password_reset';

export interface PortalSignIn {
  session: IssuedPortalSession;
  me: PortalMeResponseDto;
}

/**
 * Contacts signing in to the portal: with a password, by accepting an invitation, or by a reset
 * link. Throttled as staff sign-ins are, at a door of its own.
 */
@Injectable()
export class PortalAuthService {
  /** Verified against when no contact has the email, so both paths take the same time. */
  private readonly dummyHash = argon2.hash('settle-portal-timing-equaliser', {
    type: argon2.argon2id,
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.emails) private readonly emailsQueue: Queue,
    private readonly access: ContactAccessService,
    private readonly tokens: ContactTokensService,
    private readonly sessions: PortalSessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * As staff's: the throttle decides before any read or argon2 work, and an unknown email, a
   * contact that never set a password and a wrong password all answer the same 401.
   */
  async login(dto: PortalLoginDto, client: ClientInfo): Promise<PortalSignIn> {
    const email = normaliseEmail(dto.email);
    const admission = await this.throttle.admit(email, client.ip, 'portal');
    if (!admission.admitted) throw tooManyAttempts(admission.retryAfterSeconds);

    const credentials = await this.access.findForSignIn(email);
    if (!credentials) {
      await argon2.verify(await this.dummyHash, dto.password);
      throw invalidCredentials();
    }
    if (!(await argon2.verify(credentials.passwordHash, dto.password))) throw invalidCredentials();
    await this.throttle.succeeded(email, client.ip, 'portal');
    return this.dataSource.transaction((manager) =>
      this.signIn(manager, credentials.contactId, client, 'portal.login'),
    );
  }

  /** The welcome link: sets the first password and signs in. */
  acceptInvitation(dto: PortalSetPasswordDto, client: ClientInfo): Promise<PortalSignIn> {
    return this.setPasswordWithToken(dto, client, 'welcome', 'portal.invitation_accepted');
  }

  /** The reset link: sets a new password, ends every other session, and signs in. */
  confirmPasswordReset(dto: PortalSetPasswordDto, client: ClientInfo): Promise<PortalSignIn> {
    return this.setPasswordWithToken(dto, client, 'password_reset', 'portal.password_reset');
  }

  /**
   * Only queues the address: looking it up, issuing the link and writing the email happen in a
   * job, so the answer takes the same work, time and words whether or not a contact has it.
   */
  async requestPasswordReset(dto: PortalPasswordResetDto): Promise<void> {
    const data: PortalPasswordResetJobData = { email: normaliseEmail(dto.email) };
    try {
      await withTimeout(
        this.emailsQueue.add(
          JobName.portalPasswordReset,
          data,
          JOB_OPTIONS[JobName.portalPasswordReset],
        ),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch {
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Password resets cannot be sent just now; try again in a minute',
      );
    }
  }

  logout(principal: PortalPrincipal): Promise<void> {
    return this.sessions.end(principal.sessionId);
  }

  async me(principal: PortalPrincipal): Promise<PortalMeResponseDto> {
    if (principal.staffView) {
      const { organizationId } = principal.staffView;
      const organization = await this.organizations.findOrFail(
        this.dataSource.manager,
        organizationId,
      );
      return {
        contact: { email: principal.email, id: principal.contactId, name: principal.name },
        organizations: [
          {
            id: organizationId,
            name: organization.name,
            permissions: { ...STAFF_VIEW_PERMISSIONS },
          },
        ],
        staffView: true,
      };
    }
    const profile = await this.access.portalProfile(this.dataSource.manager, principal.contactId);
    // The session was checked a moment ago; access revoked since then ends it here too.
    if (!profile) throw new AppException(HttpStatus.UNAUTHORIZED, 'Sign in to the portal first');
    return toMe(profile);
  }

  private async setPasswordWithToken(
    dto: PortalSetPasswordDto,
    client: ClientInfo,
    purpose: ContactTokenPurpose,
    action: PortalSignInAction,
  ): Promise<PortalSignIn> {
    // Hashed before the transaction: argon2 must not hold a connection and the token's lock.
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const used = await this.tokens.consume(manager, dto.token, purpose);
      if (!used) throw unusableLink(purpose);
      // The rule the DTO could not check without the contact: not their own email.
      const profile = await this.access.portalProfile(manager, used.contactId);
      if (profile) assertPasswordAllowed(dto.password, profile.contact.email);
      await this.access.setPassword(manager, used.contactId, passwordHash);
      return this.signIn(manager, used.contactId, client, action, () => unusableLink(purpose));
    });
  }

  /**
   * In the caller's transaction: a contact with access to no organization is refused (and, for a
   * link, the token stays unused as the transaction rolls back).
   */
  private async signIn(
    manager: EntityManager,
    contactId: string,
    client: ClientInfo,
    action: PortalSignInAction,
    noAccess: () => AppException = noPortalAccess,
  ): Promise<PortalSignIn> {
    const profile = await this.access.portalProfile(manager, contactId);
    if (!profile) throw noAccess();
    await this.access.recordSignIn(manager, contactId, new Date());
    const session = await this.sessions.issue(manager, contactId, client);
    const actor: ContactActor = {
      id: contactId,
      kind: 'contact',
      label: profile.contact.email,
      name: profile.contact.name,
      requestId: client.requestId,
    };
    await this.audit.record(manager, actor, {
      action,
      entityId: contactId,
      entityLabel: profile.contact.email,
      entityType: 'contact',
    });
    return { me: toMe(profile), session };
  }
}

function toMe(profile: PortalProfile): PortalMeResponseDto {
  return {
    contact: profile.contact,
    organizations: profile.organizations.map((o) => ({ ...o, permissions: { ...o.permissions } })),
    staffView: false,
  };
}

function unusableLink(purpose: ContactTokenPurpose): AppException {
  const ask = purpose === 'welcome' ? 'ask for a new invitation' : 'ask for a new reset link';
  return AppException.invalidField('token', `is invalid, already used or expired; ${ask}`);
}

function noPortalAccess(): AppException {
  return new AppException(
    HttpStatus.FORBIDDEN,
    'You have no access to the portal for any organization; ask your service provider',
  );
}
