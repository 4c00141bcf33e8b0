import { Card, formatMoney } from '@settle/ui';

import type { PaymentGatewayInfoDto } from '../api/types';

import { GATEWAY_LABELS, formatPercent } from './payment-settings-text';

/** What billing and viewer users may know of the payment settings: the gateway and the fee. */
export function PaymentGatewaySummary({
  info,
  currency,
}: {
  info: PaymentGatewayInfoDto;
  currency: string;
}) {
  const fee = info.convenienceFee;
  return (
    <Card title="Payments">
      <div className="ui-alert ui-alert--info">
        Only administrators can change payment settings.
      </div>
      <dl className="app-details">
        <div>
          <dt>Gateway</dt>
          <dd>{GATEWAY_LABELS[info.gateway]}</dd>
        </div>
        <div>
          <dt>Convenience fee</dt>
          <dd>
            {fee.enabled
              ? `${formatPercent(fee.percentBasisPoints)} on card payments${
                  fee.capMinor === null ? '' : `, at most ${formatMoney(fee.capMinor, currency)}`
                }`
              : 'None'}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
