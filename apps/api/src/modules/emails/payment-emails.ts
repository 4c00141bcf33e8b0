import { Injectable } from '@nestjs/common';
import { describeReturnCode, mergeRecipients, RecipientCandidate } from '@settle/domain';
import { EntityManager } from 'typeorm';

import { ContactsService } from '../contacts';
import { PublishableEvent } from '../outbox';
import { formatAmount, PaymentResponseDto, PaymentsService } from '../payments';
import { displayDate, displayDay, greetingName } from './display';
import { EmailContext, EmailDraft, EmailWriter } from './email-writer.service';
import { ExclusionsRepository } from './exclusions.repository';
import { EMAIL_TYPE_INFO } from './templates';
import { EmailTemplateData, EmailType, ExcludableCategory } from './templates';

/** The payment events customers are told about, and the email each one sends. */
const PAYMENT_EVENT_EMAILS = {
  'payment.cancelled': 'payment_cancelled',
  'payment.failed': 'payment_failed',
  'payment.refunded': 'payment_refunded',
  'payment.rescheduled': 'payment_rescheduled',
  'payment.returned': 'ach_returned',
  'payment.scheduled': 'payment_scheduled',
  'payment.succeeded': 'payment_receipt',
} as const satisfies Record<string, EmailType>;
type PaymentEventType = keyof typeof PAYMENT_EVENT_EMAILS;
type PaymentEmailType = (typeof PAYMENT_EVENT_EMAILS)[PaymentEventType];

/** A recipient with what the greeting needs. */
interface Addressee {
  address: string | null;
  given: string | null;
  contactId: string | null;
  name: string | null;
}

/**
 * Turns a payment's outbox event into one email per recipient: the contact who paid (a portal
 * payment), the organization's default notification contacts whose profile receives account
 * emails and, on receipts, the addresses typed at checkout.
 */
@Injectable()
export class PaymentEmails {
  constructor(
    private readonly payments: PaymentsService,
    private readonly contacts: ContactsService,
    private readonly exclusions: ExclusionsRepository,
    private readonly writer: EmailWriter,
  ) {}

  handles(event: PublishableEvent): boolean {
    return Object.hasOwn(PAYMENT_EVENT_EMAILS, event.type);
  }

  async drafts(
    manager: EntityManager,
    event: PublishableEvent,
    context: EmailContext,
  ): Promise<EmailDraft[]> {
    const type = PAYMENT_EVENT_EMAILS[event.type as PaymentEventType];
    const paymentId =
      typeof event.payload.paymentId === 'string' ? event.payload.paymentId : event.aggregateId;
    const payment = await this.payments.forNotification(manager, paymentId);
    if (!payment) return [];
    const category = EMAIL_TYPE_INFO[type].category as ExcludableCategory;
    const excluded = (await this.exclusions.of(manager, payment.organizationId)).includes(category);
    const recipients = await this.recipients(manager, payment, type);
    const base = {
      contactId: null,
      invoiceId: payment.allocations.length === 1 ? payment.allocations[0].invoiceId : null,
      organizationId: payment.organizationId,
      paymentId: payment.id,
      staffUserId: null,
      trigger: `${event.type} (outbox event ${event.id})`,
    };
    if (recipients.length === 0)
      return [
        {
          ...base,
          data: this.data(type, payment, event, null, context),
          dedupeKey: `outbox:${event.id}:${type}:none`,
          skipReason:
            'No recipients: the organization has no default notification contact whose access profile receives account emails',
          to: [],
          type,
        },
      ];
    return recipients.map((recipient) => ({
      ...base,
      contactId: recipient.contactId,
      data: this.data(type, payment, event, recipient.name, context),
      dedupeKey: `outbox:${event.id}:${type}:${recipient.address ?? `contact:${recipient.contactId}`}`,
      skipReason: excluded
        ? `The organization is excluded from ${category} emails`
        : recipient.address === null
          ? `No valid email address${recipient.given ? ` ("${recipient.given}")` : ''} for this contact`
          : null,
      to: recipient.address ? [recipient.address] : [],
      type,
    }));
  }

  private async recipients(
    manager: EntityManager,
    payment: PaymentResponseDto,
    type: PaymentEmailType,
  ): Promise<Addressee[]> {
    const candidates: RecipientCandidate[] = [];
    // A portal payment is made by a signed-in contact, whose email is what it is created by.
    if (payment.origin === 'portal') {
      const payer = await this.contacts.emailContactByAddress(
        manager,
        payment.organizationId,
        payment.createdBy,
      );
      if (payer)
        candidates.push({
          address: payer.email,
          contactId: payer.contactId,
          name: greetingName(payer.firstName),
        });
    }
    for (const contact of await this.contacts.accountEmailContacts(manager, payment.organizationId))
      candidates.push({
        address: contact.email,
        contactId: contact.contactId,
        name: greetingName(contact.firstName),
      });
    if (type === 'payment_receipt')
      for (const address of payment.receiptRecipients)
        candidates.push({ address, contactId: null, name: null });
    return mergeRecipients(candidates);
  }

  private data(
    type: PaymentEmailType,
    payment: PaymentResponseDto,
    event: PublishableEvent,
    recipientName: string | null,
    context: EmailContext,
  ): EmailTemplateData[PaymentEmailType] {
    const money = (minor: number) => formatAmount(minor, payment.currency);
    const { timeZone } = context.calendar;
    const common = {
      organizationName: payment.organizationName,
      paymentNumber: payment.number,
      portalUrl: this.writer.portalUrl(context, 'history'),
      recipientName,
    };
    const methodLabel = describeMethod(payment.paymentMethod);
    const invoices = payment.allocations.map((a) => ({
      amount: money(a.amount),
      number: a.invoiceNumber,
    }));
    const scheduledFor = payment.scheduledFor ? displayDate(payment.scheduledFor) : '';
    switch (type) {
      case 'payment_receipt':
        return {
          ...common,
          amount: money(payment.amount),
          fee: payment.fee > 0 ? money(payment.fee) : null,
          invoices,
          methodLabel,
          paidAt: displayDay(payment.processedAt ?? payment.createdAt, timeZone),
          total: money(payment.total),
        } satisfies EmailTemplateData['payment_receipt'];
      case 'payment_failed':
        return {
          ...common,
          amount: money(payment.total),
          methodLabel,
          reason: payment.failureMessage ?? 'The payment could not be completed.',
        } satisfies EmailTemplateData['payment_failed'];
      case 'payment_scheduled':
        return {
          ...common,
          amount: money(payment.total),
          invoices,
          methodLabel,
          scheduledFor,
        } satisfies EmailTemplateData['payment_scheduled'];
      case 'payment_rescheduled':
        return {
          ...common,
          amount: money(payment.total),
          methodLabel,
          previousDate: calendarPayload(event, 'from') ?? '',
          scheduledFor: calendarPayload(event, 'to') ?? scheduledFor,
        } satisfies EmailTemplateData['payment_rescheduled'];
      case 'payment_cancelled':
        return {
          ...common,
          amount: money(payment.total),
          scheduledFor,
        } satisfies EmailTemplateData['payment_cancelled'];
      case 'payment_refunded': {
        const refund = payment.refunds.find((r) => r.id === event.payload.refundId);
        const amount =
          typeof event.payload.amount === 'number' ? event.payload.amount : (refund?.amount ?? 0);
        return {
          ...common,
          methodLabel,
          reason: refund?.reason ?? null,
          refundAmount: money(amount + (refund?.fee ?? 0)),
        } satisfies EmailTemplateData['payment_refunded'];
      }
      case 'ach_returned': {
        const code =
          typeof event.payload.returnCode === 'string'
            ? event.payload.returnCode
            : (payment.returnCode ?? '');
        return {
          ...common,
          amount: money(payment.total),
          returnCode: code,
          returnReason: describeReturnCode(code) ?? 'Returned by the bank',
        } satisfies EmailTemplateData['ach_returned'];
      }
    }
  }
}

/** "Visa ending 4242", "Bank account ending 6789". */
export function describeMethod(method: PaymentResponseDto['paymentMethod']): string {
  if (method.type === 'us_bank_account') return `Bank account ending ${method.last4}`;
  const brand = method.brand ? method.brand[0].toUpperCase() + method.brand.slice(1) : 'Card';
  return `${brand} ending ${method.last4}`;
}

function calendarPayload(event: PublishableEvent, key: string): string | null {
  const value = event.payload[key];
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? displayDate(value) : null;
}
