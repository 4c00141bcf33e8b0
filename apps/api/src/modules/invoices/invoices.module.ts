import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { SettingsModule } from '../settings/settings.module';
import { BalancesService } from './balances.service';
import { Credit } from './credit.entity';
import { InvoicesController } from './invoices.controller';
import { InvoicesService } from './invoices.service';
import { Invoice } from './invoice.entity';
import { OrganizationBalance } from './organization-balance.entity';

@Module({
  controllers: [InvoicesController],
  exports: [BalancesService, InvoicesService],
  imports: [SettingsModule, TypeOrmModule.forFeature([Credit, Invoice, OrganizationBalance])],
  providers: [BalancesService, InvoicesService],
})
export class InvoicesModule {}
