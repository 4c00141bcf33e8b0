import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Public, Roles } from '../../common/decorators/auth.decorators';
import { BrandingResponseDto, GeneralSettingsDto } from './dto/general-settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get('general')
  @ApiOperation({ summary: "The MSP's name, time zone, default currency and branding" })
  @ApiOkResponse({ type: GeneralSettingsDto })
  getGeneral() {
    return this.settings.getGeneral();
  }

  @Put('general')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the general settings' })
  @ApiOkResponse({ type: GeneralSettingsDto })
  updateGeneral(@CurrentAuth() auth: AuthContext, @Body() dto: GeneralSettingsDto) {
    return this.settings.updateGeneral(auth, dto);
  }

  @Get('branding')
  @Public()
  @ApiOperation({
    summary: 'Name, logo and accent colour for the sign-in pages (no credentials needed)',
  })
  @ApiOkResponse({ type: BrandingResponseDto })
  getBranding() {
    return this.settings.getBranding();
  }
}
