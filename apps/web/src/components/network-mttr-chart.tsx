import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MttrWeek } from '@opsquest/contracts';
import { formatMinutesText, formatMinutesTick, formatNumber } from '../lib/format';
import { ChartSection, DASHES, useChartPalette } from './dashboard-chart';
import { axisProps, HEIGHT, legendStyle, minutesTooltip, tooltipProps } from './dashboard-charts';
import { dayLabel, round1 } from './dashboard-day-table';
import { durationTicks } from './duration-ticks';
import { regionName } from './network-region-table';

/** Lines a weekly review can read: all regions together and the busiest few. */
const MAX_REGIONS = 4;

interface Series {
  key: string;
  name: string;
  value: (week: MttrWeek) => { mttrMinutes: number | null; closed: number };
}

/** The series: one region when a region is chosen, else "All regions" and the regions that closed the most alarms. */
export function mttrSeries(weeks: readonly MttrWeek[], region: string | null): Series[] {
  const closedBy = new Map<string | null, number>();
  for (const w of weeks) for (const r of w.byRegion) closedBy.set(r.region, (closedBy.get(r.region) ?? 0) + r.closed);
  const regionSeries = (name: string | null, i: number): Series => ({
    key: `r${i}`,
    name: regionName(name),
    value: (w) => w.byRegion.find((r) => r.region === name) ?? { mttrMinutes: null, closed: 0 },
  });
  if (region !== null) return [regionSeries(region, 0)];
  const busiest = [...closedBy.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, MAX_REGIONS).map(([name]) => name);
  return [{ key: 'all', name: 'All regions', value: (w) => w }, ...busiest.map(regionSeries)];
}

/** MTTR per week (Monday to Sunday) and region, with the figures as a table too. */
export function NetworkMttrChart({ weeks, region }: { weeks: readonly MttrWeek[]; region: string | null }) {
  const palette = useChartPalette();
  const series = mttrSeries(weeks, region);
  const data = weeks.map((w) => ({ label: dayLabel(w.week), ...Object.fromEntries(series.map((s) => [s.key, round1(s.value(w).mttrMinutes)])) }));
  const values = weeks.flatMap((w) => series.map((s) => s.value(w).mttrMinutes ?? 0));
  const ticks = durationTicks(Math.max(0, ...values));
  const last = weeks.at(-1);
  const closed = weeks.reduce((sum, w) => sum + (series[0]?.value(w).closed ?? 0), 0);
  return (
    <ChartSection
      title="MTTR per week"
      summary={`${series.map((s) => s.name).join(', ')}: ${formatNumber(closed)} alarms closed over ${weeks.length} weeks; this week ${formatMinutesText(last ? (series[0]?.value(last).mttrMinutes ?? null) : null)}.`}
      table={{
        columns: ['Week of', ...series.flatMap((s) => [`${s.name}: MTTR`, `${s.name}: closed`])],
        rows: weeks.map((w) => [w.week, ...series.flatMap((s) => [formatMinutesText(s.value(w).mttrMinutes), formatNumber(s.value(w).closed)])]),
      }}
      {...(closed > 0 ? {} : { empty: 'No alarm was closed in these weeks.' })}
      testId="chart-mttr-weeks"
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axisProps(palette)} minTickGap={12} />
          <YAxis {...axisProps(palette)} ticks={ticks} domain={[0, ticks.at(-1) ?? 1]} tickFormatter={formatMinutesTick} width={64} />
          <Tooltip {...tooltipProps(palette)} formatter={minutesTooltip} />
          <Legend wrapperStyle={legendStyle(palette)} />
          {series.map((s, i) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.name}
              stroke={palette.series[i % palette.series.length]}
              strokeWidth={i === 0 ? 3 : 2}
              strokeDasharray={DASHES[i % DASHES.length]}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartSection>
  );
}
