import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { OrganizationsModule } from '../organizations';
import { SettingsModule } from '../settings';
import { BalancesRepository } from './balances.repository';
import { BalancesService } from './balances.service';
import { Credit } from './credit.entity';
import { CreditsRepository } from './credits.repository';
import { InvoicesController } from './invoices.controller';
import { InvoicesRepository } from './invoices.repository';
import { InvoicePdfs } from './invoice-pdfs.service';
import { InvoicesService } from './invoices.service';
import { Invoice } from './invoice.entity';
import { OrganizationBalance } from './organization-balance.entity';

/** Invoices, credits, and the per-organization A/R totals kept from them. */
@Module({
  controllers: [InvoicesController],
  exports: [BalancesService, InvoicePdfs, InvoicesService],
  imports: [
    AuditModule,
    OrganizationsModule,
    SettingsModule,
    TypeOrmModule.forFeature([Credit, Invoice, OrganizationBalance]),
  ],
  providers: [
    BalancesRepository,
    BalancesService,
    CreditsRepository,
    InvoicePdfs,
    InvoicesRepository,
    InvoicesService,
  ],
})
export class InvoicesModule {}
