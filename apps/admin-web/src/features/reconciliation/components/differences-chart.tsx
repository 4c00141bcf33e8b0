// Loaded with React.lazy: recharts must stay out of the initial bundle.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface KindCount {
  kind: string;
  label: string;
  count: number;
}

/** Differences by kind, one horizontal bar each (the kinds' names are long). */
export default function DifferencesChart({ kinds }: { kinds: KindCount[] }) {
  const height = 40 + kinds.length * 34;
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
      <BarChart data={kinds} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} domain={[0, 'dataMax']} fontSize={12} />
        <YAxis type="category" dataKey="label" width={150} fontSize={11} interval={0} />
        <Tooltip formatter={(value) => [Number(value), 'Differences']} />
        <Bar
          dataKey="count"
          name="Differences"
          fill="#dc2626"
          maxBarSize={28}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
