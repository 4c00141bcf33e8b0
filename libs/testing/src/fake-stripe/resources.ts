import {
  buildCustomer,
  buildPaymentMethod,
  newId,
  snapshot,
  type Customer,
  type PaymentMethod,
} from './objects';
import type { RequestContext } from './router';
import { testBehaviour } from './test-payment-methods';
import {
  expand,
  invalidRequest,
  matchesCreated,
  metadataParam,
  optionalString,
  paginate,
  requiredString,
  resourceMissing,
  stringArray,
  type Params,
} from './wire';

/** Customers, PaymentMethods, charges and events: the read-mostly resources around payments. */

export function customerOr404(ctx: RequestContext, id: string, param = 'id'): Customer {
  const customer = ctx.store.customers.get(id);
  if (!customer) throw resourceMissing('customer', id, param);
  return customer;
}

export function paymentMethodOr404(ctx: RequestContext, id: string, param = 'id'): PaymentMethod {
  const pm = ctx.store.paymentMethod(id);
  if (!pm) throw resourceMissing('PaymentMethod', id, param);
  return pm;
}

export function createCustomer(ctx: RequestContext): unknown {
  const { params } = ctx;
  const customer = buildCustomer({
    name: optionalString(params, 'name'),
    email: optionalString(params, 'email'),
    description: optionalString(params, 'description'),
    phone: optionalString(params, 'phone'),
    metadata: metadataParam(params),
  });
  ctx.store.customers.set(customer.id, customer);
  ctx.emit('customer.created', customer);
  return expand(customer, params, ctx.store);
}

export function getCustomer(ctx: RequestContext, id: string): unknown {
  return expand(customerOr404(ctx, id), ctx.params, ctx.store);
}

export function updateCustomer(ctx: RequestContext, id: string): unknown {
  const { params } = ctx;
  const customer = customerOr404(ctx, id);
  const before = snapshot(customer);
  const defaultPm = defaultPaymentMethodParam(ctx, customer);
  // Validate everything before mutating, so a 400 leaves the customer untouched.
  const metadata = metadataParam(params, customer.metadata);
  for (const field of ['name', 'email', 'description', 'phone'] as const) {
    if (params[field] !== undefined) customer[field] = optionalString(params, field);
  }
  customer.metadata = metadata;
  if (defaultPm !== undefined) customer.invoice_settings.default_payment_method = defaultPm;
  const previous = changedFields(before, customer);
  if (Object.keys(previous).length > 0) ctx.emit('customer.updated', customer, previous);
  return expand(customer, params, ctx.store);
}

/** `invoice_settings[default_payment_method]`: undefined = not sent, null = cleared with ''. */
function defaultPaymentMethodParam(
  ctx: RequestContext,
  customer: Customer,
): string | null | undefined {
  const settings = ctx.params.invoice_settings;
  if (settings === undefined || typeof settings !== 'object' || Array.isArray(settings)) {
    return undefined;
  }
  const value = (settings as Params).default_payment_method;
  if (value === undefined) return undefined;
  if (value === '') return null;
  const param = 'invoice_settings[default_payment_method]';
  if (typeof value !== 'string') throw invalidRequest('Invalid string', param);
  const pm = paymentMethodOr404(ctx, value, param);
  if (pm.customer !== customer.id) {
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${value}. The payment method must be attached to the customer.`,
      param,
    );
  }
  return pm.id;
}

function changedFields(before: Customer, after: Customer): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(before) as (keyof Customer)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) previous[key] = before[key];
  }
  return previous;
}

export function getPaymentMethod(ctx: RequestContext, id: string): unknown {
  return expand(paymentMethodOr404(ctx, id), ctx.params, ctx.store);
}

export function attachPaymentMethod(ctx: RequestContext, id: string): unknown {
  const customerId = requiredString(ctx.params, 'customer');
  const source = paymentMethodOr404(ctx, id);
  customerOr404(ctx, customerId, 'customer');
  if (source.customer === customerId) return expand(source, ctx.params, ctx.store);
  if (source.customer !== null) {
    throw invalidRequest(
      'The payment method you provided has already been attached to a customer.',
      undefined,
      'payment_method_unexpected_state',
    );
  }
  if (!testBehaviour(id)) {
    throw invalidRequest(
      'This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.',
      undefined,
      'payment_method_unexpected_state',
    );
  }
  // Real test mode clones the well-known id into a fresh PaymentMethod per attach.
  const pm = cloneTestPaymentMethod(ctx, id);
  pm.customer = customerId;
  ctx.emit('payment_method.attached', pm);
  return expand(pm, ctx.params, ctx.store);
}

/** A fresh `pm_…` with the behaviour of a well-known test id; `id` passes through otherwise. */
export function cloneTestPaymentMethod(ctx: RequestContext, id: string): PaymentMethod {
  const behaviour = testBehaviour(id);
  if (!behaviour) return paymentMethodOr404(ctx, id);
  const pm = buildPaymentMethod(newId('pm'), behaviour);
  ctx.store.paymentMethods.set(pm.id, pm);
  ctx.store.behaviours.set(pm.id, behaviour);
  return pm;
}

export function detachPaymentMethod(ctx: RequestContext, id: string): unknown {
  const pm = paymentMethodOr404(ctx, id);
  const customerId = pm.customer;
  if (customerId === null) {
    throw invalidRequest(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
      undefined,
      'payment_method_unexpected_state',
    );
  }
  pm.customer = null;
  const customer = ctx.store.customers.get(customerId);
  if (customer?.invoice_settings.default_payment_method === pm.id) {
    customer.invoice_settings.default_payment_method = null;
  }
  ctx.emit('payment_method.detached', pm, { customer: customerId });
  return expand(pm, ctx.params, ctx.store);
}

export function listCustomerPaymentMethods(ctx: RequestContext, customerId: string): unknown {
  customerOr404(ctx, customerId);
  return paymentMethodList(ctx, customerId, `/v1/customers/${customerId}/payment_methods`);
}

export function listPaymentMethods(ctx: RequestContext): unknown {
  const customerId = requiredString(ctx.params, 'customer');
  customerOr404(ctx, customerId, 'customer');
  return paymentMethodList(ctx, customerId, '/v1/payment_methods');
}

function paymentMethodList(ctx: RequestContext, customerId: string, url: string): unknown {
  const type = optionalString(ctx.params, 'type');
  const methods = [...ctx.store.paymentMethods.values()]
    .filter((pm) => pm.customer === customerId && (type === null || pm.type === type))
    .reverse();
  return expandList(ctx, paginate(methods, ctx.params, url));
}

export function getCharge(ctx: RequestContext, id: string): unknown {
  const charge = ctx.store.charges.get(id);
  if (!charge) throw resourceMissing('charge', id);
  return expand(charge, ctx.params, ctx.store);
}

export function listCharges(ctx: RequestContext): unknown {
  const paymentIntent = optionalString(ctx.params, 'payment_intent');
  const customer = optionalString(ctx.params, 'customer');
  const charges = [...ctx.store.charges.values()]
    .filter(
      (charge) =>
        (paymentIntent === null || charge.payment_intent === paymentIntent) &&
        (customer === null || charge.customer === customer) &&
        matchesCreated(charge.created, ctx.params),
    )
    .reverse();
  return expandList(ctx, paginate(charges, ctx.params, '/v1/charges'));
}

export function getEvent(ctx: RequestContext, id: string): unknown {
  const event = ctx.store.events.find((candidate) => candidate.id === id);
  if (!event) throw resourceMissing('event', id);
  return event;
}

export function listEvents(ctx: RequestContext): unknown {
  const type = optionalString(ctx.params, 'type');
  const types = stringArray(ctx.params, 'types');
  const events = ctx.store.events
    .filter(
      (event) =>
        (type === null || matchesType(event.type, type)) &&
        (types.length === 0 || types.some((pattern) => matchesType(event.type, pattern))) &&
        matchesCreated(event.created, ctx.params),
    )
    .reverse();
  return paginate(events, ctx.params, '/v1/events');
}

/** Stripe allows a `*` wildcard in event type filters, e.g. `charge.dispute.*`. */
function matchesType(type: string, pattern: string): boolean {
  if (!pattern.includes('*')) return type === pattern;
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`).test(type);
}

/** List endpoints take `expand[]=data.customer`; the envelope itself is not stored. */
export function expandList(ctx: RequestContext, envelope: unknown): unknown {
  return expand(envelope, ctx.params, ctx.store);
}
