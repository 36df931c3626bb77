import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardView } from '@opsquest/contracts';
import { formatNumber, humanize } from '../lib/format';
import { ChartSection, DASHES, useChartPalette, type ChartPalette } from './dashboard-chart';
import { dayLabel, round1 } from './dashboard-day-table';

/** Recharts lives only in the dashboard's files: the route is lazy-loaded, so it lands in its own chunk. */

export const HEIGHT = 240;
const TOP_PEOPLE = 5;
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
  return (
    <ChartSection
      title="MTTA and MTTR per day"
      summary={`mean time to acknowledge ${text(round1(view.totals.mttaMinutes), ' min')} and to resolve ${text(round1(view.totals.mttrMinutes), ' min')} over the period.`}
      table={{ columns: ['Day', 'MTTA (min)', 'MTTR (min)'], rows: view.days.map((d) => [d.day, text(round1(d.mttaMinutes)), text(round1(d.mttrMinutes))]) }}
      {...(hasData ? {} : { empty: 'No work was closed in this period.' })}
      testId="chart-response-times"
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axisProps(palette)} minTickGap={16} />
          <YAxis {...axisProps(palette)} allowDecimals={false} unit=" m" width={56} />
          <Tooltip {...tooltipProps(palette)} />
          <Legend wrapperStyle={legendStyle(palette)} />
          <Line type="monotone" dataKey="mtta" name="MTTA (min)" stroke={palette.series[0]} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          <Line type="monotone" dataKey="mttr" name="MTTR (min)" stroke={palette.series[1]} strokeWidth={2} strokeDasharray={DASHES[1]} dot={{ r: 3 }} isAnimationActive={false} />
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

export function PointsByPersonChart({ view }: { view: DashboardView }) {
  const palette = useChartPalette();
  const people = view.pointsByPerson.slice(0, TOP_PEOPLE);
  const data = view.days.map((d, i) => {
    const row: Record<string, string | number> = { label: dayLabel(d.day) };
    for (const person of people) row[person.personId] = person.byDay[i] ?? 0;
    return row;
  });
  const title = view.pointsByPerson.length > TOP_PEOPLE ? `Points per person (top ${TOP_PEOPLE})` : 'Points per person';
  return (
    <ChartSection
      title={title}
      summary={people.length === 0 ? 'nobody scored.' : `${people.map((p) => `${p.name} ${formatNumber(p.byDay.reduce((s, n) => s + n, 0))}`).join(', ')} points over the period.`}
      table={{
        columns: ['Day', ...people.map((p) => p.name)],
        rows: view.days.map((d, i) => [d.day, ...people.map((p) => formatNumber(p.byDay[i] ?? 0))]),
      }}
      {...(people.length > 0 ? {} : { empty: 'Nobody scored in this period.' })}
      testId="chart-points-by-person"
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axisProps(palette)} minTickGap={16} />
          <YAxis {...axisProps(palette)} allowDecimals={false} width={48} />
          <Tooltip {...tooltipProps(palette)} />
          <Legend wrapperStyle={legendStyle(palette)} />
          {people.map((person, i) => (
            <Line
              key={person.personId}
              type="linear"
              dataKey={person.personId}
              name={person.name}
              stroke={palette.series[i % palette.series.length]}
              strokeDasharray={DASHES[i % DASHES.length]}
              strokeWidth={2}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartSection>
  );
}

export function ShiftChart({ view }: { view: DashboardView }) {
  const hours = { night: '22:00–06:00', morning: '06:00–14:00', afternoon: '14:00–22:00' } as const;
  const data = view.activityByShift.map((s) => ({ label: humanize(s.shift), hours: hours[s.shift], actions: s.actions }));
  const total = data.reduce((sum, d) => sum + d.actions, 0);
  return (
    <ChartSection
      title="Activity per shift"
      summary={`${data.map((d) => `${d.label} (${d.hours}): ${formatNumber(d.actions)} scored actions`).join(', ')}.`}
      table={{ columns: ['Shift', 'Hours', 'Scored actions'], rows: data.map((d) => [d.label, d.hours, formatNumber(d.actions)]) }}
      {...(total > 0 ? {} : { empty: 'No scored actions in this period.' })}
      testId="chart-shifts"
    >
      <CategoryBars data={data} dataKey="actions" name="Scored actions" series={3} />
    </ChartSection>
  );
}
