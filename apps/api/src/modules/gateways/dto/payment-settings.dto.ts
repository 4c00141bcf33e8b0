import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

import {
  NullableField,
  ValidateEnum,
  ValidateNestedObject,
  ValidateText,
} from '../../../common/validation';
import { GATEWAY_NAMES, GatewayName } from '../payment-gateway';

export class ConvenienceFeeDto {
  @ApiProperty({ description: 'Charge a fee on card payments (never on bank debits)' })
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({
    description: 'Basis points: 300 = 3%',
    maximum: 1000,
    minimum: 0,
    type: 'integer',
  })
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(1000, { message: 'must not exceed 1000 (10%)' })
  percentBasisPoints: number;

  @ApiProperty({
    description: 'Largest fee in minor units, or null for no cap',
    maximum: Number.MAX_SAFE_INTEGER,
    minimum: 0,
    nullable: true,
    type: 'integer',
  })
  @NullableField()
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  capMinor: number | null;
}

export class SandboxSettingsDto {
  @ApiProperty({
    description: 'Simulated gateway latency per call',
    maximum: 10_000,
    minimum: 0,
    type: 'integer',
  })
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(10_000)
  latencyMs: number;

  @ApiProperty({
    description: 'How long a bank debit stays processing before it settles or returns',
    maximum: 720,
    minimum: 0,
    type: 'integer',
  })
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(720)
  achSettlementHours: number;
}

export class StripeSettingsInputDto {
  @ValidateText({ example: 'pk_test_…', max: 255, nullable: true, optional: true })
  publishableKey?: string | null;

  @ValidateText({
    description: 'Write-only; omit to keep the stored key',
    max: 255,
    optional: true,
  })
  secretKey?: string;

  @ValidateText({
    description: 'Write-only; omit to keep the stored secret',
    max: 255,
    optional: true,
  })
  webhookSecret?: string;
}

export class UpdatePaymentSettingsDto {
  @ValidateEnum(GATEWAY_NAMES, { enumName: 'GatewayName' })
  gateway: GatewayName;

  @ValidateNestedObject(() => ConvenienceFeeDto)
  convenienceFee: ConvenienceFeeDto;

  @ValidateNestedObject(() => SandboxSettingsDto)
  sandbox: SandboxSettingsDto;

  @ValidateNestedObject(() => StripeSettingsInputDto, { optional: true })
  stripe?: StripeSettingsInputDto;
}

export class StripeSettingsResponseDto {
  @ApiProperty({ nullable: true, type: String }) publishableKey: string | null;
  @ApiProperty() secretKeySet: boolean;
  @ApiProperty() webhookSecretSet: boolean;
}

export class PaymentSettingsResponseDto {
  @ApiProperty({ enum: GATEWAY_NAMES, enumName: 'GatewayName' }) gateway: GatewayName;
  @ApiProperty({ type: ConvenienceFeeDto }) convenienceFee: ConvenienceFeeDto;
  @ApiProperty({ type: SandboxSettingsDto }) sandbox: SandboxSettingsDto;
  @ApiProperty({ type: StripeSettingsResponseDto }) stripe: StripeSettingsResponseDto;
}

export class TestPaymentMethodDto {
  @ApiProperty({ example: 'pm_card_visa' }) token: string;
  @ApiProperty({ example: 'Visa — succeeds' }) label: string;
  @ApiProperty({ enum: ['card', 'us_bank_account'], enumName: 'PaymentMethodType' })
  type: 'card' | 'us_bank_account';
}

/** What a checkout needs to know: which gateway, the fee, and (sandbox) the test methods. */
export class PaymentGatewayInfoDto {
  @ApiProperty({ enum: GATEWAY_NAMES, enumName: 'GatewayName' }) gateway: GatewayName;
  @ApiProperty({ nullable: true, type: String }) publishableKey: string | null;
  @ApiProperty({ type: ConvenienceFeeDto }) convenienceFee: ConvenienceFeeDto;
  @ApiProperty({ isArray: true, type: TestPaymentMethodDto })
  testPaymentMethods: TestPaymentMethodDto[];
}

export class SandboxClockDto {
  @ApiProperty({
    description: 'Hours to move the sandbox clock forward',
    maximum: 2160,
    minimum: 1,
    type: 'integer',
  })
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(2160)
  advanceHours: number;
}

export class SandboxClockResponseDto {
  @ApiProperty({ format: 'date-time' }) now: string;
  @ApiProperty({ type: 'integer' }) offsetHours: number;
}
