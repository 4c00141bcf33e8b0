import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AuthContext } from '../../common/auth-context';
import { CurrentAuth } from '../../common/decorators/auth.decorators';
import { UuidParam } from '../../common/decorators/uuid-param.decorator';
import { PagedResponseDto } from '../../common/dto/list.dto';
import { AchReturnsService } from './ach-returns.service';
import {
  AchReturnResponseDto,
  CloseAchReturnDto,
  ListAchReturnsQueryDto,
} from './dto/ach-return.dto';

@ApiTags('payments')
@Controller('ach-returns')
export class AchReturnsController {
  constructor(private readonly returns: AchReturnsService) {}

  @Get()
  @ApiOperation({
    summary: 'Bank debits that came back; ?status=unresolved for the attention card',
  })
  @ApiOkResponse({ type: PagedResponseDto(AchReturnResponseDto) })
  list(@Query() query: ListAchReturnsQueryDto) {
    return this.returns.list(query);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a return handled, with what was done (final)' })
  @ApiOkResponse({ type: AchReturnResponseDto })
  resolve(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: CloseAchReturnDto,
  ) {
    return this.returns.close(auth, id, 'resolved', dto);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismiss a return; adjust the accounting package by hand (final)' })
  @ApiOkResponse({ type: AchReturnResponseDto })
  dismiss(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: CloseAchReturnDto,
  ) {
    return this.returns.close(auth, id, 'dismissed', dto);
  }
}
