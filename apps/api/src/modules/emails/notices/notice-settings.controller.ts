import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AuthContext } from '../../../common/auth-context';
import { CurrentAuth, Roles } from '../../../common/decorators/auth.decorators';
import { NoticeSettingsDto } from './dto/notice-settings.dto';
import { NoticeSettingsService } from './notice-settings.service';

@ApiTags('settings')
@Controller('settings/email/notices')
@Roles('admin')
export class NoticeSettingsController {
  constructor(private readonly notices: NoticeSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Which invoice and card-expiry notices customers get, and when' })
  @ApiOkResponse({ type: NoticeSettingsDto })
  get() {
    return this.notices.get();
  }

  @Put()
  @ApiOperation({ summary: 'Replace the notice settings' })
  @ApiOkResponse({ type: NoticeSettingsDto })
  update(@CurrentAuth() auth: AuthContext, @Body() dto: NoticeSettingsDto) {
    return this.notices.update(auth, dto);
  }
}
