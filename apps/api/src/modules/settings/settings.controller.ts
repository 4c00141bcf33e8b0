import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Public, Roles } from '../../common/decorators/auth.decorators';
import { ifNoneMatchHits } from '../../common/etag';
import { BrandingResponseDto, GeneralSettingsDto } from './dto/general-settings.dto';
import { SecuritySettingsDto } from './dto/security-settings.dto';
import { SettingsService } from './settings.service';

const BRANDING_HEADERS = {
  'Cache-Control': { description: 'no-cache: keep, but revalidate', schema: { type: 'string' } },
  ETag: { description: 'Strong; a hash of the body', schema: { type: 'string' } },
};

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

  @Get('security')
  @ApiOperation({ summary: 'Sign-in rules for staff (two-factor enforcement)' })
  @ApiOkResponse({ type: SecuritySettingsDto })
  getSecurity() {
    return this.settings.getSecurity();
  }

  @Put('security')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the security settings' })
  @ApiOkResponse({ type: SecuritySettingsDto })
  updateSecurity(@CurrentAuth() auth: AuthContext, @Body() dto: SecuritySettingsDto) {
    return this.settings.updateSecurity(auth, dto);
  }

  /**
   * `Cache-Control: no-cache`: browsers keep the document but ask every time, so a new logo
   * shows on the next page load and an unchanged one costs a 304 without a body. A max-age would
   * save that round trip at the price of stale branding after an admin changes it.
   */
  @Get('branding')
  @Public()
  @ApiOperation({
    summary:
      'Name, logo and accent colour for the sign-in pages (no credentials needed); 304 to a current If-None-Match',
  })
  @ApiHeader({
    description: 'The ETag of a copy the client holds: 304 while it is current',
    name: 'If-None-Match',
    required: false,
  })
  @ApiOkResponse({ headers: BRANDING_HEADERS, type: BrandingResponseDto })
  @ApiResponse({
    description: 'Not Modified: the copy named by If-None-Match is current; no body',
    headers: BRANDING_HEADERS,
    status: 304,
  })
  async getBranding(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | undefined> {
    const { body, etag } = await this.settings.branding();
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (ifNoneMatchHits(ifNoneMatch, etag)) {
      reply.status(304);
      return undefined;
    }
    reply.type('application/json; charset=utf-8');
    return body;
  }
}
