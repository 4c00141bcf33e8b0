/** For a statement preview beside the email previews. @public */
export { SAMPLE_STATEMENT_DOCUMENT } from './sample-statement';
export { StatementPdfs } from './statement-pdfs.service';
