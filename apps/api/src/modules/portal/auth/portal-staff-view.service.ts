import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AuthContext } from '../../../common/auth-context';
import { ClientInfo } from '../../../common/decorators/auth.decorators';
import { AppException } from '../../../common/errors/app.exception';
import { AppConfig } from '../../../config/app-config';
import { AuditService } from '../../audit';
import { OrganizationsService } from '../../organizations';
import { PortalStaffViewResponseDto } from './dto/portal-auth.dto';
import { IssuedPortalSession, PortalSessionsService } from './portal-sessions.service';

/**
 * Staff's "Customer Portal" link (seed 002): the portal as an organization's contacts see it,
 * read only. The link carries a one-time token good for a minute; opening it swaps the token
 * for an hour's portal session that can read that one organization and change nothing.
 */
@Injectable()
export class PortalStaffViewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: PortalSessionsService,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async link(auth: AuthContext, organizationId: string): Promise<PortalStaffViewResponseDto> {
    if (auth.kind !== 'user')
      throw new AppException(403, 'Only a signed-in staff user can open the portal view');
    return this.dataSource.transaction(async (manager) => {
      const organization = await this.organizations.findOrFail(manager, organizationId);
      const token = await this.sessions.issueStaffViewLink(manager, auth.id, organizationId);
      await this.audit.record(manager, auth, {
        action: 'organization.portal_viewed',
        entityId: organizationId,
        entityLabel: organization.name,
        entityType: 'organization',
        organizationId,
      });
      return {
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        url: `${this.config.env.PUBLIC_URL}/api/v1/portal/auth/staff-view?token=${token}`,
      };
    });
  }

  async open(token: string, client: ClientInfo): Promise<IssuedPortalSession> {
    const session = await this.sessions.exchangeStaffViewLink(token, client);
    if (!session)
      throw AppException.invalidField(
        'token',
        'is invalid, already used or older than a minute; open the Customer Portal link again',
      );
    return session;
  }
}
