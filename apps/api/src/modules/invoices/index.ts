export { BalancesService } from './balances.service';
export { BulkInvoiceDto } from './dto/invoice.dto';
export { InvoiceForPayment } from './invoices.repository';
export { InvoicesModule } from './invoices.module';
export { InvoicesService, SettlePendingChange } from './invoices.service';
