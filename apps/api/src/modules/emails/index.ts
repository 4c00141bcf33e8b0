export { AccessEmails } from './access-emails.service';
export { PortalStatementQueryDto } from './dto/statement.dto';
export { EmailsModule } from './emails.module';
export { EmailsProcessor } from './emails.processor';
export { NoticesProcessor } from './notices';
export { PortalReceipts } from './portal-receipts.service';
export { ApiEmailDocument, replyEmailDocument } from './email-document';
export { PortalReceiptDto } from './dto/email.dto';
export { StatementPdfs } from './statements';
