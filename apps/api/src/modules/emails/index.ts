export { PortalStatementQueryDto } from './dto/statement.dto';
export { EmailsModule } from './emails.module';
export { EmailsProcessor } from './emails.processor';
export { NoticesProcessor } from './notices';
export { StatementPdfs } from './statements';
