export { BalancesService } from './balances.service';
export {
  BulkInvoiceDto,
  PortalBalanceResponseDto,
  PortalInvoiceResponseDto,
  PortalListInvoicesQueryDto,
} from './dto/invoice.dto';
export { InvoicePdfs } from './invoice-pdfs.service';
export { InvoiceForPayment, NoticeCandidateWindow } from './invoices.repository';
export { InvoicesModule } from './invoices.module';
export { InvoicesService, NoticeCandidate, SettlePendingChange } from './invoices.service';
export { OrganizationStatement } from './organization-statement';
