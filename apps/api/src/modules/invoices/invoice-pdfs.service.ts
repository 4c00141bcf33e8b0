import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';

import { AppConfig } from '../../config/app-config';
import { AppException } from '../../common/errors/app.exception';
import { PortalScope } from '../../common/portal-scope';
import { fetchPublic, PublicFetchError } from '../../common/public-fetch';
import { InvoicesService } from './invoices.service';

/** An invoice PDF on its way from the source system to the contact. */
export interface InvoicePdf {
  body: Readable;
  filename: string;
  length: number | null;
}

const FETCH_LIMITS = { maxBytes: 25 * 1024 * 1024, maxRedirects: 3, timeoutMs: 15_000 };

/**
 * A module that serves some invoice links itself (e.g. the integrations module, which reads a
 * PSA's PDF with the integration's credentials): the PDF of a link under its prefix.
 */
export type InvoicePdfOpener = (link: string) => Promise<Omit<InvoicePdf, 'filename'>>;

/** Types a source may label a PDF with; an HTML page (a sign-in screen) is not passed on. */
const PDF_TYPES = new Set(['application/pdf', 'application/octet-stream', 'binary/octet-stream']);

/**
 * The invoice PDF a source system links to, fetched by the server (the link may need no sign-in
 * but must not leak to the contact) and streamed on. The link came from outside, so the fetch
 * may reach only public addresses unless SETTLE_INVOICE_PDF_ALLOW_PRIVATE is set.
 */
@Injectable()
export class InvoicePdfs {
  private readonly logger = new Logger(InvoicePdfs.name);

  private readonly openers: { prefix: string; open: InvoicePdfOpener }[] = [];

  constructor(
    private readonly invoices: InvoicesService,
    private readonly config: AppConfig,
  ) {}

  /** Links starting with `prefix` are Settle's own routes: `open` serves them, not an HTTP fetch. */
  registerOpener(prefix: string, open: InvoicePdfOpener): void {
    this.openers.push({ open, prefix });
  }

  async forPortal(scope: PortalScope, invoiceId: string): Promise<InvoicePdf> {
    const { number, pdfUrl } = await this.invoices.pdfLinkForPortal(scope, invoiceId);
    const filename = `${number.replace(/[^\w.-]+/g, '_')}.pdf`;
    const opener = this.openers.find((o) => pdfUrl.startsWith(o.prefix));
    if (opener) return { ...(await opener.open(pdfUrl)), filename };
    try {
      const { body, headers } = await fetchPublic(pdfUrl, {
        ...FETCH_LIMITS,
        allowPrivate: this.config.env.SETTLE_INVOICE_PDF_ALLOW_PRIVATE,
      });
      const type = (headers['content-type'] ?? 'application/pdf').split(';')[0].trim();
      if (!PDF_TYPES.has(type.toLowerCase())) {
        body.destroy();
        throw new PublicFetchError(`the source sent ${type}, not a PDF`);
      }
      const length = Number(headers['content-length']);
      return { body, filename, length: Number.isFinite(length) ? length : null };
    } catch (error) {
      if (!(error instanceof PublicFetchError)) throw error;
      this.logger.warn({ invoiceId, reason: error.message }, 'Invoice PDF not fetched');
      throw new AppException(
        HttpStatus.BAD_GATEWAY,
        `The invoice's PDF could not be fetched from its source: ${error.message}`,
      );
    }
  }
}
