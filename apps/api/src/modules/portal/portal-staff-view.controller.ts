import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PortalStaffViewResponseDto } from './auth/dto/portal-auth.dto';
import { PortalStaffViewService } from './auth/portal-staff-view.service';

/** Staff's "Customer Portal" link on an organization (a staff route, not a portal one). */
@ApiTags('portal')
@Controller('organizations/:organizationId/portal-view')
export class PortalStaffViewController {
  constructor(private readonly staffView: PortalStaffViewService) {}

  @Post()
  @Roles('admin', 'billing', 'viewer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "A one-time link (one minute) to the portal as this organization's contacts see it, read only; audited",
  })
  @ApiOkResponse({ type: PortalStaffViewResponseDto })
  link(@CurrentAuth() auth: AuthContext, @UuidParam('organizationId') organizationId: string) {
    return this.staffView.link(auth, organizationId);
  }
}
