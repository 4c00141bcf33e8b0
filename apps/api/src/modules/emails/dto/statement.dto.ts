import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class PortalStatementQueryDto {
  @ApiPropertyOptional({
    description:
      "The currency of the statement, for an organization owing in several; else the MSP's currency, or the first it owes in",
    example: 'USD',
    pattern: '^[A-Z]{3}$',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an upper-case ISO 4217 code such as USD' })
  currency?: string;
}
