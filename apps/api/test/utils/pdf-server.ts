import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A small but real PDF: what a source system's invoice link serves. */
export const SOURCE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

export interface PdfServer {
  /** An address on 127.0.0.1: private, so fetching it needs SETTLE_INVOICE_PDF_ALLOW_PRIVATE. */
  url(path: string): string;
  /** How many requests each path received. */
  hits: Record<string, number>;
  close(): Promise<void>;
}

/**
 * A source system's document host: /invoice.pdf is a PDF, /moved redirects to it, /sign-in is an
 * HTML page, /broken answers 500.
 */
export async function startPdfServer(): Promise<PdfServer> {
  const hits: Record<string, number> = {};
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    if (path === '/invoice.pdf') {
      response.writeHead(200, {
        'content-length': SOURCE_PDF.length,
        'content-type': 'application/pdf',
      });
      response.end(SOURCE_PDF);
    } else if (path === '/moved') {
      response.writeHead(302, { location: '/invoice.pdf' });
      response.end();
    } else if (path === '/sign-in') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<html><body>Sign in</body></html>');
    } else {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('boom');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    close: () => new Promise((resolve) => server.close(() => resolve())),
    hits,
    url: (path) => `http://127.0.0.1:${port}${path}`,
  };
}
