// Loaded with React.lazy: recharts must stay out of the initial bundle.
import { formatMoney, formatMoneyCompact } from '@settle/ui';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import type { MonthFiguresDto } from '../api/types';

export default function MonthlyChart({
  months,
  currency,
  view,
}: {
  months: MonthFiguresDto[];
  currency: string;
  view: 'collected' | 'dso';
}) {
  const money = (v: number) => formatMoneyCompact(v, currency);
  return (
    <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 480, height: 260 }}>
      {view === 'collected' ? (
        <BarChart data={months} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="month" fontSize={12} />
          <YAxis tickFormatter={money} fontSize={12} width={64} />
          <Tooltip formatter={(value) => formatMoney(Number(value), currency)} />
          <Legend />
          <Bar dataKey="due" name="Due" fill="#94a3b8" isAnimationActive={false} />
          <Bar dataKey="collected" name="Collected" fill="#2563eb" isAnimationActive={false} />
        </BarChart>
      ) : (
        <LineChart data={months} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="month" fontSize={12} />
          <YAxis fontSize={12} width={40} />
          <Tooltip formatter={(value) => `${Number(value).toFixed(1)} days`} />
          <Line
            dataKey="dso"
            name="DSO"
            stroke="#2563eb"
            strokeWidth={2}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}
