import {
  convenienceFee,
  splitInstallments,
  type ConvenienceFeePolicy,
  type PaymentMethodKind,
} from '@settle/domain';

import type { CreateInstallmentsDto } from '../api/types';

export interface PlannedInstallment {
  number: number;
  scheduledFor: string;
  allocations: { invoiceId: string; amount: number }[];
  amount: number;
  fee: number;
  total: number;
}

/**
 * The schedule the API will create for this body: the same split (libs/domain) and, per
 * installment, the same convenience fee rule.
 */
export function planInstallments(
  body: CreateInstallmentsDto,
  methodKind: PaymentMethodKind,
  feePolicy: ConvenienceFeePolicy | null,
  feeWaived: boolean,
): PlannedInstallment[] {
  return splitInstallments(body.allocations, body.count, body.firstDate, body.interval).map(
    (installment, i) => {
      const amount = installment.allocations.reduce((sum, a) => sum + a.amount, 0);
      const fee = convenienceFee(amount, methodKind, feePolicy, feeWaived);
      return { number: i + 1, ...installment, amount, fee, total: amount + fee };
    },
  );
}
