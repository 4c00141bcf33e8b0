import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';

/**
 * An email's HTML served as a document of its own, for the admin's preview frame. Emails style
 * themselves inline, which the SPA's strict policy forbids and a srcdoc frame would inherit; this
 * document gets a policy of its own that allows inline styles and data: images and nothing else
 * (no scripts, no requests, sandboxed), and may be framed only by Settle's own pages.
 */
const EMAIL_DOCUMENT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "frame-ancestors 'self'",
  'sandbox',
].join('; ');

export function replyEmailDocument(reply: FastifyReply, html: string): string {
  void reply
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', EMAIL_DOCUMENT_CSP)
    .header('X-Frame-Options', 'SAMEORIGIN')
    .header('Cache-Control', 'private, no-store');
  return html;
}

export const ApiEmailDocument = () =>
  applyDecorators(
    ApiProduces('text/html'),
    ApiOkResponse({
      content: { 'text/html': { schema: { type: 'string' } } },
      description:
        'The HTML document, with a Content-Security-Policy that allows its inline styles and nothing else',
    }),
  );
