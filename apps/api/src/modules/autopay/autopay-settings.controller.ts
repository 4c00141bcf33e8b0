import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import { AutopaySettingsService } from './autopay-settings.service';
import { AutopaySettingsDto } from './dto/autopay-settings.dto';

@ApiTags('autopay')
@Controller('settings/autopay')
export class AutopaySettingsController {
  constructor(private readonly settings: AutopaySettingsService) {}

  @Get()
  @ApiOperation({ summary: 'AutoPay settings: when declined charges are tried again' })
  @ApiOkResponse({ type: AutopaySettingsDto })
  get() {
    return this.settings.get();
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the AutoPay settings (admins)' })
  @ApiOkResponse({ type: AutopaySettingsDto })
  update(@CurrentAuth() auth: AuthContext, @Body() dto: AutopaySettingsDto) {
    return this.settings.update(auth, dto);
  }
}
