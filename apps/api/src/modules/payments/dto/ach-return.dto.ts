import { ApiProperty } from '@nestjs/swagger';

import { ListQueryDto } from '../../../common/dto/list.dto';
import { ValidateEnum, ValidateText } from '../../../common/validation';
import { ACH_RETURN_STATUSES, AchReturnStatus } from '../ach-return.entity';

export class ListAchReturnsQueryDto extends ListQueryDto {
  @ValidateEnum(ACH_RETURN_STATUSES, { enumName: 'AchReturnStatus', optional: true })
  status?: AchReturnStatus;
}

export class CloseAchReturnDto {
  @ValidateText({
    description: 'What was done (e.g. "voided in QuickBooks, customer will pay by card")',
    max: 1000,
  })
  note: string;
}

export class AchReturnResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty() paymentNumber: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ example: 'R01' }) returnCode: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: 'integer' }) amount: number;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ACH_RETURN_STATUSES, enumName: 'AchReturnStatus' }) status: AchReturnStatus;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) closedBy: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
