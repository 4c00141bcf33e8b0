import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { PaymentsCalendarQueryDto, PaymentsCalendarResponseDto } from './dto/payment-reports.dto';
import { PaymentReportsService } from './payment-reports.service';

@ApiTags('reports')
@Controller('reports')
export class PaymentReportsController {
  constructor(private readonly reports: PaymentReportsService) {}

  @Get('payments-calendar')
  @ApiOperation({
    summary: 'Payments per day: scheduled ones on their date, others on the day made',
  })
  @ApiOkResponse({ type: PaymentsCalendarResponseDto })
  calendar(@Query() query: PaymentsCalendarQueryDto) {
    return this.reports.calendar(query);
  }
}
