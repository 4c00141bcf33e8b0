// Loaded with React.lazy: recharts must stay out of the initial bundle.
import { formatMoney, formatMoneyCompact } from '@settle/ui';
import { useNavigate } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { paths } from '@/config/paths';

import type { ArOverviewResponseDto } from '../api/types';

type Row = ArOverviewResponseDto['highestBalances'][number];

export default function HighestBalancesChart({
  rows,
  currency,
}: {
  rows: Row[];
  currency: string;
}) {
  const navigate = useNavigate();
  const open = (row: unknown) => {
    const id = (row as { payload?: Row } | undefined)?.payload?.organizationId;
    if (id) void navigate(paths.app.organization.getHref(id));
  };
  return (
    <ResponsiveContainer
      width="100%"
      height={Math.max(200, rows.length * 48 + 60)}
      initialDimension={{ width: 480, height: 300 }}
    >
      <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis
          type="number"
          tickFormatter={(v: number) => formatMoneyCompact(v, currency)}
          fontSize={12}
        />
        <YAxis type="category" dataKey="name" width={140} fontSize={12} interval={0} />
        <Tooltip
          formatter={(value) => formatMoney(Number(value), currency)}
          cursor={{ fill: 'rgba(15, 23, 42, 0.04)' }}
        />
        <Legend />
        <Bar
          dataKey="pastDue"
          name="Past Due"
          fill="#dc2626"
          radius={[0, 3, 3, 0]}
          onClick={open}
          cursor="pointer"
        />
        <Bar
          dataKey="balance"
          name="Open Balance"
          fill="var(--accent)"
          radius={[0, 3, 3, 0]}
          onClick={open}
          cursor="pointer"
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
