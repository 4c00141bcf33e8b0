import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AuthContext } from '../../../common/auth-context';
import { CurrentAuth, Roles } from '../../../common/decorators/auth.decorators';
import {
  StaffNotificationSettingsDto,
  StaffNotificationSettingsResponseDto,
} from './dto/staff-notification-settings.dto';
import { StaffNotificationSettingsService } from './staff-notification-settings.service';

@ApiTags('settings')
@Controller('settings/email/staff-notifications')
@Roles('admin')
export class StaffNotificationSettingsController {
  constructor(private readonly staff: StaffNotificationSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Which staff get payment, daily summary and email failure emails' })
  @ApiOkResponse({ type: StaffNotificationSettingsResponseDto })
  get() {
    return this.staff.get();
  }

  @Put()
  @ApiOperation({ summary: 'Replace the staff subscriptions; every user must exist' })
  @ApiOkResponse({ type: StaffNotificationSettingsResponseDto })
  update(@CurrentAuth() auth: AuthContext, @Body() dto: StaffNotificationSettingsDto) {
    return this.staff.update(auth, dto);
  }
}
