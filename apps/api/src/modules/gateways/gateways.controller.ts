import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth, Roles } from '../../common/decorators/auth.decorators';
import {
  PaymentGatewayInfoDto,
  PaymentSettingsResponseDto,
  SandboxClockDto,
  SandboxClockResponseDto,
  UpdatePaymentSettingsDto,
} from './dto/payment-settings.dto';
import { GatewaysService } from './gateways.service';

@ApiTags('payment-gateway')
@Controller()
export class GatewaysController {
  constructor(private readonly gateways: GatewaysService) {}

  @Get('payment-gateway')
  @ApiOperation({
    summary: 'The active gateway, its publishable key, the fee, and sandbox test methods',
  })
  @ApiOkResponse({ type: PaymentGatewayInfoDto })
  info() {
    return this.gateways.info();
  }

  @Get('settings/payments')
  @Roles('admin')
  @ApiOperation({
    summary: 'Gateway choice, convenience fee and sandbox settings (secrets never shown)',
  })
  @ApiOkResponse({ type: PaymentSettingsResponseDto })
  getSettings() {
    return this.gateways.settings();
  }

  @Put('settings/payments')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the payment settings; secrets are sealed at rest' })
  @ApiOkResponse({ type: PaymentSettingsResponseDto })
  updateSettings(@CurrentAuth() auth: AuthContext, @Body() dto: UpdatePaymentSettingsDto) {
    return this.gateways.updateSettings(auth, dto);
  }

  @Get('sandbox/clock')
  @ApiOperation({ summary: "The sandbox gateway's clock" })
  @ApiOkResponse({ type: SandboxClockResponseDto })
  clock() {
    return this.gateways.clock();
  }

  @Post('sandbox/clock')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Move the sandbox clock forward: bank debits settle or return against it',
  })
  @ApiOkResponse({ type: SandboxClockResponseDto })
  advanceClock(@CurrentAuth() auth: AuthContext, @Body() dto: SandboxClockDto) {
    return this.gateways.advanceClock(auth, dto.advanceHours);
  }
}
