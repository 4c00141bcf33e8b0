import { ApiProperty } from '@nestjs/swagger';

import { PAYMENT_EVENT_TYPES } from '../payment-event.entity';

export const INVOICE_ACTIVITY_TYPES = [
  'invoice.issued',
  'invoice.imported',
  ...PAYMENT_EVENT_TYPES.map((type) => `payment.${type}` as const),
] as const;
export type InvoiceActivityType = (typeof INVOICE_ACTIVITY_TYPES)[number];

/** The most an invoice's timeline shows: its latest entries. */
export const MAX_INVOICE_ACTIVITY = 200;

export class InvoiceActivityEntryDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({
    description: 'What happened: the invoice itself (invoice.*) or a payment on it (payment.*)',
    enum: INVOICE_ACTIVITY_TYPES,
    enumName: 'InvoiceActivityType',
  })
  type: InvoiceActivityType;
  @ApiProperty({ example: 'Payment PAY-000012 of $250.00 succeeded' }) summary: string;
  @ApiProperty({
    description: "The payment's own timeline words, when the entry is a payment's",
    example: 'Gateway: declined — card_declined: Your card was declined.',
    nullable: true,
    type: String,
  })
  detail: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) paymentId: string | null;
  @ApiProperty({ example: 'PAY-000012', nullable: true, type: String })
  paymentNumber: string | null;
}

export class InvoiceActivityResponseDto {
  @ApiProperty({
    description: `Newest first; the latest ${MAX_INVOICE_ACTIVITY} entries`,
    isArray: true,
    type: InvoiceActivityEntryDto,
  })
  data: InvoiceActivityEntryDto[];
}
