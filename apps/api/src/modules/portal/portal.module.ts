import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuditModule } from '../audit';
import { AuthModule } from '../auth';
import { AutopayModule } from '../autopay';
import { ContactsModule } from '../contacts';
import { EmailsModule } from '../emails';
import { InvoicesModule } from '../invoices';
import { OrganizationsModule } from '../organizations';
import { OutboxModule } from '../outbox';
import { PaymentMethodsModule } from '../payment-methods';
import { PaymentsModule } from '../payments';
import { AccessRequestsService } from './auth/access-requests.service';
import { PasswordResetService } from './auth/password-reset.service';
import { PortalAuthController } from './auth/portal-auth.controller';
import { PortalStaffViewService } from './auth/portal-staff-view.service';
import { PortalAuthProcessor } from './auth/portal-auth.processor';
import { PortalAuthService } from './auth/portal-auth.service';
import { PortalAutopayRulesController } from './portal-autopay-rules.controller';
import { PortalCookies } from './auth/portal-cookies';
import { PortalSession } from './auth/portal-session.entity';
import { PortalSessionsRepository } from './auth/portal-sessions.repository';
import { PortalSessionsService } from './auth/portal-sessions.service';
import { PortalInvoicesController } from './portal-invoices.controller';
import { PortalPaymentMethodsController } from './portal-payment-methods.controller';
import { PortalPaymentsController } from './portal-payments.controller';
import { PortalScopeGuard } from './portal-scope.guard';
import { PortalStaffViewController } from './portal-staff-view.controller';
import { PortalStatementController } from './portal-statement.controller';

/**
 * The customer portal's API: contacts' sign-in and sessions (apart from staff's), and the routes
 * of one organization, each scoped by PortalScopeGuard and served by the owning module's
 * portal methods.
 */
@Module({
  controllers: [
    PortalAuthController,
    PortalAutopayRulesController,
    PortalInvoicesController,
    PortalPaymentMethodsController,
    PortalPaymentsController,
    PortalStatementController,
    PortalStaffViewController,
  ],
  exports: [PortalAuthProcessor, PortalSessionsService],
  imports: [
    AuditModule,
    AuthModule,
    AutopayModule,
    ContactsModule,
    EmailsModule,
    InvoicesModule,
    OrganizationsModule,
    OutboxModule,
    PaymentMethodsModule,
    PaymentsModule,
    TypeOrmModule.forFeature([PortalSession]),
  ],
  providers: [
    AccessRequestsService,
    PasswordResetService,
    PortalAuthProcessor,
    PortalAuthService,
    PortalCookies,
    PortalScopeGuard,
    PortalSessionsRepository,
    PortalSessionsService,
    PortalStaffViewService,
  ],
})
export class PortalModule {}
