import { useId } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { OutcomeChange, OutcomeComparison, OutcomeTrendsView } from '@opsquest/contracts';
import { csvFileName, type CsvRow } from '../lib/csv';
import { formatMinutesText, formatMinutesTick, formatNumber } from '../lib/format';
import { ChartSection, DASHES, useChartPalette } from './dashboard-chart';
import { axisProps, HEIGHT, legendStyle, minutesTooltip, tooltipProps } from './dashboard-charts';
import { dayLabel, round1 } from './dashboard-day-table';
import { CsvButton } from './csv-button';
import { durationTicks } from './duration-ticks';

const pct = (n: number | null): string => (n === null ? '—' : `${formatNumber(round1(n) ?? 0)}%`);
const pair = (before: string, after: string): string => `${before} → ${after}`;

type Metric = OutcomeComparison['metric'];
const METRIC_TEXT: Record<Metric, (n: number | null) => string> = { mtta: formatMinutesText, mttr: formatMinutesText, sla: pct };

function comparisonOf(c: OutcomeChange, metric: Metric): OutcomeComparison | undefined {
  return c.comparisons.find((m) => m.metric === metric);
}

/** "1 h 40 min → 4 h 23 min" for one figure of a change. */
function figurePair(c: OutcomeChange, metric: Metric): string {
  const m = comparisonOf(c, metric);
  const text = METRIC_TEXT[metric];
  return m === undefined ? '—' : pair(text(m.before), text(m.after));
}

/** "n = 34 → 12": how many items each side's figure stands on. */
function samplePair(c: OutcomeChange, metric: Metric): string {
  const m = comparisonOf(c, metric);
  return m === undefined ? '' : `n = ${m.nBefore} → ${m.nAfter}`;
}

const CHANGE_COLUMNS = [
  'Change',
  'When',
  'MTTA before → after',
  'MTTA n before → after',
  'MTTR before → after',
  'MTTR n before → after',
  'SLA attainment before → after',
  'SLA n before → after',
  'Active people before → after',
  'What it means',
] as const;

function changeRow(c: OutcomeChange): CsvRow {
  const figures = (['mtta', 'mttr', 'sla'] as const).flatMap((metric) => [figurePair(c, metric), samplePair(c, metric)]);
  return [c.label, c.at, ...figures, pair(String(c.before.activePeople), String(c.after.activePeople)), c.verdicts.join('; ')];
}

const SCREEN_COLUMNS = ['Change', 'When', 'MTTA before → after', 'MTTR before → after', 'SLA attainment before → after', 'Active people before → after', 'What it means'] as const;

/** The verdict behind one line of words (for styling), or "info" for the active-people line. */
function comparisonVerdictOf(c: OutcomeChange, text: string): string {
  return c.comparisons.find((m) => m.text === text)?.verdict ?? 'info';
}

const whenFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** MTTA and MTTR per day with each rule or mission change marked on the chart. */
function OutcomeChart({ view }: { view: OutcomeTrendsView }) {
  const palette = useChartPalette();
  const data = view.days.map((d) => ({ label: dayLabel(d.day), mtta: round1(d.mttaMinutes), mttr: round1(d.mttrMinutes), sla: round1(d.slaAttainmentPct) }));
  const hasData = data.some((d) => d.mtta !== null || d.mttr !== null || d.sla !== null);
  const marks = view.changes.filter((c) => view.days.some((d) => d.day === c.day));
  const ticks = durationTicks(Math.max(0, ...data.flatMap((d) => [d.mtta ?? 0, d.mttr ?? 0])));
  return (
    <ChartSection
      title="Outcomes and changes"
      summary={`MTTA, MTTR and SLA attainment per day; ${marks.length === 0 ? 'no rule or mission changes in the period' : `changes marked: ${marks.map((c) => `${c.label} on ${c.day}`).join(', ')}`}.`}
      table={{
        columns: ['Day', 'MTTA', 'MTTR', 'SLA attainment', 'Changes'],
        rows: view.days.map((d) => [d.day, formatMinutesText(d.mttaMinutes), formatMinutesText(d.mttrMinutes), pct(d.slaAttainmentPct), marks.filter((c) => c.day === d.day).map((c) => c.label).join('; ') || '—']),
      }}
      {...(hasData || marks.length > 0 ? {} : { empty: 'No work was closed and nothing changed in this period.' })}
      testId="chart-outcome-changes"
    >
      <ResponsiveContainer width="100%" height={HEIGHT + 40}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 20, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axisProps(palette)} minTickGap={16} />
          <YAxis yAxisId="min" {...axisProps(palette)} ticks={ticks} domain={[0, ticks.at(-1) ?? 1]} tickFormatter={formatMinutesTick} width={64} />
          <YAxis yAxisId="pct" orientation="right" {...axisProps(palette)} domain={[0, 100]} unit="%" width={48} />
          <Tooltip {...tooltipProps(palette)} formatter={(v: unknown, name: unknown) => (name === 'SLA attainment' ? pct(typeof v === 'number' ? v : null) : minutesTooltip(v))} />
          <Legend wrapperStyle={legendStyle(palette)} />
          <Line yAxisId="min" type="monotone" dataKey="mtta" name="MTTA" stroke={palette.series[0]} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          <Line yAxisId="min" type="monotone" dataKey="mttr" name="MTTR" stroke={palette.series[1]} strokeDasharray={DASHES[1]} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          <Line yAxisId="pct" type="monotone" dataKey="sla" name="SLA attainment" stroke={palette.series[2]} strokeDasharray={DASHES[2]} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          {marks.map((c) => (
            <ReferenceLine
              key={c.id}
              yAxisId="min"
              x={dayLabel(c.day)}
              stroke={palette.text}
              strokeDasharray="4 4"
              label={{ value: c.kind === 'rules' ? 'Rules' : 'Mission', position: 'top', fill: palette.text, fontSize: 12 }}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartSection>
  );
}

/** Each change, newest first: 14 days before against 14 days after (or until now), in words too. */
function ChangesTable({ view, fileLabel }: { view: OutcomeTrendsView; fileLabel: string }) {
  const headingId = useId();
  return (
    <section className="panel dashboard__days" aria-labelledby={headingId} data-testid="outcome-changes">
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          Before and after each change
        </h2>
        <CsvButton
          fileName={csvFileName(['before-after', fileLabel])}
          header={CHANGE_COLUMNS}
          rows={() => view.changes.map(changeRow)}
          subject="before and after each change"
          testId="outcome-changes-csv"
        />
      </header>
      <p className="dashboard__note">
        14 days before each rule publication or mission start against the 14 days after it (or until now). n: how many closed items each figure stands
        on. A verdict needs at least 20 on each side and a day since the change; “no clear change” means the 95 % interval includes zero, so the
        difference may be noise.
      </p>
      {view.changes.length === 0 ? (
        <p className="chart__empty">No rules were published and no missions started in this period.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Before and after each change">
          <table className="data-table outcome-changes">
            <caption className="visually-hidden">Rule and mission changes, newest first, with the work before and after</caption>
            <thead>
              <tr>
                {SCREEN_COLUMNS.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.changes.map((c) => (
                <tr key={c.id} data-testid="outcome-change-row" data-kind={c.kind}>
                  <th scope="row">{c.label}</th>
                  <td>
                    <time dateTime={c.at}>{whenFormat.format(new Date(c.at))}</time>
                  </td>
                  {(['mtta', 'mttr', 'sla'] as const).map((metric) => (
                    <td key={metric} data-metric={metric}>
                      {figurePair(c, metric)}
                      <span className="outcome-changes__n">{samplePair(c, metric)}</span>
                    </td>
                  ))}
                  <td>{pair(String(c.before.activePeople), String(c.after.activePeople))}</td>
                  <td>
                    <ul className="outcome-changes__verdicts">
                      {c.verdicts.map((v) => (
                        <li key={v} data-verdict={comparisonVerdictOf(c, v)}>
                          {v}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The outcome block of the dashboard: does the game improve the work? */
export function OutcomeTrends({ view, fileLabel }: { view: OutcomeTrendsView; fileLabel: string }) {
  return (
    <div className="dashboard__grid" data-testid="outcome-trends">
      <div className="dashboard__wide">
        <OutcomeChart view={view} />
      </div>
      <div className="dashboard__wide">
        <ChangesTable view={view} fileLabel={fileLabel} />
      </div>
    </div>
  );
}
