import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SHIFT_HOURS, SHIFT_NAMES, type DashboardView, type Shift } from '@opsquest/contracts';
import { formatMinutesText, formatMinutesTick, formatNumber } from '../lib/format';
import { ChartSection, DASHES, useChartPalette, type ChartPalette } from './dashboard-chart';
import { dayLabel, round1 } from './dashboard-day-table';
import { durationTicks } from './duration-ticks';
import { pointsSeries } from './points-by-person-series';

/** Recharts lives only in the dashboard's files: the route is lazy-loaded, so it lands in its own chunk. */

export const HEIGHT = 240;
const STREAM_NAMES = { alarm: 'Alarms', order: 'Orders', truckroll: 'Truck-rolls' } as const;

const text = (value: number | null, unit = ''): string => (value === null ? '—' : `${formatNumber(value)}${unit}`);

export function axisProps(palette: ChartPalette) {
  return { stroke: palette.grid, tick: { fill: palette.muted, fontSize: 12 }, tickLine: { stroke: palette.grid } };
}

export function tooltipProps(palette: ChartPalette) {
  return {
    contentStyle: { background: palette.surface, border: `1px solid ${palette.grid}`, borderRadius: 6, color: palette.text },
    labelStyle: { color: palette.text, fontWeight: 600 },
    itemStyle: { color: palette.text },
    cursor: { fill: palette.cursor, stroke: palette.grid },
  };
}

export const legendStyle = (palette: ChartPalette) => ({ color: palette.text, fontSize: 13 });

/** A shift's axis label with its hours: "Day 06–14". */
export const shiftAxisLabel = (shift: Shift): string => `${SHIFT_NAMES[shift]} ${SHIFT_HOURS[shift].replace(/:00/g, '')}`;

/** A tooltip value given in minutes, read as a duration ("5 h 49 min"). */
export const minutesTooltip = (value: unknown): string => (typeof value === 'number' ? formatMinutesText(value) : '—');

/** One bar per category (streams, shifts): labels on the x axis, whole numbers up the y axis. */
export function CategoryBars<K extends string>({ data, dataKey, name, series }: { data: ({ label: string } & Record<K, number | string>)[]; dataKey: K; name: string; series: number }) {
  const palette = useChartPalette();
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
        <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" {...axisProps(palette)} interval={0} />
        <YAxis {...axisProps(palette)} allowDecimals={false} />
        <Tooltip {...tooltipProps(palette)} />
        <Bar dataKey={dataKey} name={name} fill={palette.series[series]} radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ResponseTimesChart({ view }: { view: DashboardView }) {
  const palette = useChartPalette();
  const data = view.days.map((d) => ({ label: dayLabel(d.day), mtta: round1(d.mttaMinutes), mttr: round1(d.mttrMinutes) }));
  const hasData = data.some((d) => d.mtta !== null || d.mttr !== null);
  const ticks = durationTicks(Math.max(0, ...data.flatMap((d) => [d.mtta ?? 0, d.mttr ?? 0])));
  return (
    <ChartSection
      title="MTTA and MTTR per day"
      summary={`mean time to acknowledge ${formatMinutesText(view.totals.mttaMinutes)} and to resolve ${formatMinutesText(view.totals.mttrMinutes)} over the period.`}
      table={{ columns: ['Day', 'MTTA', 'MTTR'], rows: view.days.map((d) => [d.day, formatMinutesText(d.mttaMinutes), formatMinutesText(d.mttrMinutes)]) }}
      {...(hasData ? {} : { empty: 'No work was closed in this period.' })}
      testId="chart-response-times"
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axisProps(palette)} minTickGap={16} />
          <YAxis {...axisProps(palette)} ticks={ticks} domain={[0, ticks.at(-1) ?? 1]} tickFormatter={formatMinutesTick} width={64} />
          <Tooltip {...tooltipProps(palette)} formatter={minutesTooltip} />
          <Legend wrapperStyle={legendStyle(palette)} />
          <Line type="monotone" dataKey="mtta" name="MTTA" stroke={palette.series[0]} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          <Line type="monotone" dataKey="mttr" name="MTTR" stroke={palette.series[1]} strokeWidth={2} strokeDasharray={DASHES[1]} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartSection>
  );
}

export function SlaChart({ view }: { view: DashboardView }) {
  const palette = useChartPalette();
  const data = view.days.map((d) => ({ label: dayLabel(d.day), sla: round1(d.slaAttainmentPct) }));
  const hasData = data.some((d) => d.sla !== null);
  return (
    <ChartSection
      title="SLA attainment per day"
      summary={`${text(round1(view.totals.slaAttainmentPct), '%')} of closed work met its SLA over the period.`}
      table={{ columns: ['Day', 'SLA attainment (%)', 'Closed'], rows: view.days.map((d) => [d.day, text(round1(d.slaAttainmentPct)), formatNumber(d.closed)]) }}
      {...(hasData ? {} : { empty: 'No work with an SLA was closed in this period.' })}
      testId="chart-sla"
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axisProps(palette)} minTickGap={16} />
          <YAxis {...axisProps(palette)} domain={[0, 100]} unit="%" width={56} />
          <Tooltip {...tooltipProps(palette)} />
          <Line type="monotone" dataKey="sla" name="SLA attainment (%)" stroke={palette.series[2]} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartSection>
  );
}

export function BacklogChart({ view }: { view: DashboardView }) {
  const data = (Object.keys(STREAM_NAMES) as (keyof typeof STREAM_NAMES)[]).map((stream) => ({ label: STREAM_NAMES[stream], open: view.backlog[stream] ?? 0 }));
  const total = data.reduce((sum, d) => sum + d.open, 0);
  return (
    <ChartSection
      title="Backlog by stream (whole network, now)"
      summary={`${formatNumber(total)} open items: ${data.map((d) => `${d.label} ${formatNumber(d.open)}`).join(', ')}.`}
      table={{ columns: ['Stream', 'Open'], rows: data.map((d) => [d.label, formatNumber(d.open)]) }}
      {...(total > 0 ? {} : { empty: 'Nothing is open right now.' })}
      testId="chart-backlog"
    >
      <CategoryBars data={data} dataKey="open" name="Open items" series={0} />
    </ChartSection>
  );
}

/** Points per person per day as stacked bars: the top five and everyone else as "Others" (six series at most). */
export function PointsByPersonChart({ view }: { view: DashboardView }) {
  const palette = useChartPalette();
  const series = pointsSeries(view.pointsByPerson, view.days.length);
  const data = view.days.map((d, i) => {
    const row: Record<string, string | number> = { label: dayLabel(d.day) };
    for (const s of series) row[s.id] = s.byDay[i] ?? 0;
    return row;
  });
  const others = series.find((s) => s.people > 1);
  const title = others ? 'Points per person (top 5 and others)' : 'Points per person';
  return (
    <ChartSection
      title={title}
      summary={series.length === 0 ? 'nobody scored.' : `${series.map((s) => `${s.name} ${formatNumber(s.total)}`).join(', ')} points over the period.`}
      table={{
        columns: ['Day', ...series.map((s) => s.name)],
        rows: view.days.map((d, i) => [d.day, ...series.map((s) => formatNumber(s.byDay[i] ?? 0))]),
      }}
      {...(series.length > 0 ? {} : { empty: 'Nobody scored in this period.' })}
      testId="chart-points-by-person"
    >
      <ResponsiveContainer width="100%" height={HEIGHT + 40}>
        <BarChart data={data} accessibilityLayer={false} stackOffset="sign" margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axisProps(palette)} minTickGap={16} />
          <YAxis {...axisProps(palette)} allowDecimals={false} width={48} />
          <Tooltip {...tooltipProps(palette)} />
          {/* ranked, most points first, Others last (not sorted by name) */}
          <Legend wrapperStyle={legendStyle(palette)} itemSorter={null} />
          {series.map((s, i) => (
            <Bar
              key={s.id}
              dataKey={s.id}
              name={s.name}
              stackId="points"
              fill={s.people > 1 ? palette.muted : palette.series[i % palette.series.length]}
              stroke={palette.surface}
              strokeWidth={1}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartSection>
  );
}

export function ShiftChart({ view }: { view: DashboardView }) {
  const data = view.activityByShift.map((s) => ({ label: shiftAxisLabel(s.shift), name: SHIFT_NAMES[s.shift], hours: s.hours, actions: s.actions }));
  const total = data.reduce((sum, d) => sum + d.actions, 0);
  return (
    <ChartSection
      title="Scored actions per shift"
      summary={`${data.map((d) => `${d.name} (${d.hours}): ${formatNumber(d.actions)} scored actions`).join(', ')}.`}
      table={{ columns: ['Shift', 'Hours', 'Scored actions'], rows: data.map((d) => [d.name, d.hours, formatNumber(d.actions)]) }}
      {...(total > 0 ? {} : { empty: 'No scored actions in this period.' })}
      testId="chart-shifts"
    >
      <CategoryBars data={data} dataKey="actions" name="Scored actions" series={3} />
    </ChartSection>
  );
}
