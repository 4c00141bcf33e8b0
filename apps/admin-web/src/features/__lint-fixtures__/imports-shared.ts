import { useInvoices } from '@/api/invoices/get-invoices';
import { methodName } from '@/components/payment-methods/payment-method-label';
import { paths } from '@/config/paths';
import { newIdempotencyKey } from '@/lib/idempotency-key';

export const fixture = [useInvoices, methodName, paths, newIdempotencyKey];
