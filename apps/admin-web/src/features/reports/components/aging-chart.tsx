// Loaded with React.lazy: recharts must stay out of the initial bundle.
import { formatMoney, formatMoneyCompact } from '@settle/ui';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import type { AgingResponseDto } from '../api/types';

import { AGING_BUCKETS } from './aging-buckets';

export default function AgingChart({ aging }: { aging: AgingResponseDto }) {
  const rows = AGING_BUCKETS.map((b) => ({ ...b, amount: aging[b.key] }));
  return (
    <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 480, height: 260 }}>
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="short" fontSize={12} interval={0} />
        <YAxis
          tickFormatter={(v: number) => formatMoneyCompact(v, aging.currency)}
          fontSize={12}
          width={64}
        />
        <Tooltip
          labelFormatter={(_short, payload) => payload?.[0]?.payload?.label ?? ''}
          formatter={(value) => formatMoney(Number(value), aging.currency)}
          cursor={{ fill: 'rgba(15, 23, 42, 0.04)' }}
        />
        <Bar
          dataKey="amount"
          name="Open balance"
          radius={[3, 3, 0, 0]}
          // drawn at once: a screenshot or a quick look never catches bars still growing
          isAnimationActive={false}
        >
          {rows.map((r) => (
            <Cell key={r.key} fill={r.color} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
