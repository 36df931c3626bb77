import { useId } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SHIFT_NAMES, type EngagementView } from '@opsquest/contracts';
import { csvFileName, type CsvRow } from '../lib/csv';
import { formatNumber, humanize } from '../lib/format';
import { ChartSection, DASHES, useChartPalette } from './dashboard-chart';
import { axisProps, CategoryBars, HEIGHT, legendStyle, shiftAxisLabel, tooltipProps } from './dashboard-charts';
import { dayLabel } from './dashboard-day-table';
import { CsvButton } from './csv-button';

/** Engagement trends for a lead: who is active, when the work happens, streaks and badge unlocks. */

function ActivePeopleChart({ view }: { view: EngagementView }) {
  const palette = useChartPalette();
  const data = view.byDay.map((d) => ({ label: dayLabel(d.day), active: d.activePeople, actions: d.actions }));
  const peak = view.byDay.reduce((max, d) => Math.max(max, d.activePeople), 0);
  return (
    <ChartSection
      title="Active people per day"
      summary={`${formatNumber(view.activePeople)} of ${formatNumber(view.people)} people were active in the period; at most ${formatNumber(peak)} on one day.`}
      table={{ columns: ['Day', 'Active people', 'Actions'], rows: view.byDay.map((d) => [d.day, formatNumber(d.activePeople), formatNumber(d.actions)]) }}
      {...(view.activePeople > 0 ? {} : { empty: 'Nobody acted or scored in this period.' })}
      testId="chart-active-people"
    >
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
          <CartesianGrid stroke={palette.grid} strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" {...axisProps(palette)} minTickGap={16} />
          <YAxis yAxisId="people" {...axisProps(palette)} allowDecimals={false} width={40} />
          <YAxis yAxisId="actions" orientation="right" {...axisProps(palette)} allowDecimals={false} width={40} />
          <Tooltip {...tooltipProps(palette)} />
          <Legend wrapperStyle={legendStyle(palette)} />
          <Line yAxisId="people" type="monotone" dataKey="active" name="Active people" stroke={palette.series[0]} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          <Line yAxisId="actions" type="monotone" dataKey="actions" name="Actions" stroke={palette.series[1]} strokeDasharray={DASHES[1]} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartSection>
  );
}

function ShiftActionsChart({ view }: { view: EngagementView }) {
  const data = view.actionsByShift.map((s) => ({ label: shiftAxisLabel(s.shift), name: SHIFT_NAMES[s.shift], hours: s.hours, actions: s.actions }));
  const total = data.reduce((sum, d) => sum + d.actions, 0);
  return (
    <ChartSection
      title="Actions per shift"
      summary={`${data.map((d) => `${d.name} (${d.hours}): ${formatNumber(d.actions)}`).join(', ')}.`}
      table={{ columns: ['Shift', 'Hours', 'Actions'], rows: data.map((d) => [d.name, d.hours, formatNumber(d.actions)]) }}
      {...(total > 0 ? {} : { empty: 'No actions in this period.' })}
      testId="chart-actions-per-shift"
    >
      <CategoryBars data={data} dataKey="actions" name="Actions" series={3} />
    </ChartSection>
  );
}

function StreakChart({ view }: { view: EngagementView }) {
  const data = view.streakDistribution.map((s) => ({ label: `${s.bucket} days`, people: s.people }));
  return (
    <ChartSection
      title="Current streaks"
      summary={`${view.streakDistribution.map((s) => `${formatNumber(s.people)} people on ${s.bucket} days`).join(', ')}.`}
      table={{ columns: ['Current streak', 'People'], rows: view.streakDistribution.map((s) => [`${s.bucket} days`, formatNumber(s.people)]) }}
      {...(view.people > 0 ? {} : { empty: 'Nobody in this team yet.' })}
      testId="chart-streaks"
    >
      <CategoryBars data={data} dataKey="people" name="People" series={2} />
    </ChartSection>
  );
}

function BadgesPerWeekChart({ view }: { view: EngagementView }) {
  const data = view.badgesByWeek.map((w) => ({ label: `Week of ${dayLabel(w.week)}`, earned: w.earned }));
  const total = data.reduce((sum, d) => sum + d.earned, 0);
  return (
    <ChartSection
      title="Badges earned per week"
      summary={`${formatNumber(total)} badges earned in the period: ${data.map((d) => `${d.label} ${formatNumber(d.earned)}`).join(', ')}.`}
      table={{ columns: ['Week', 'Badges earned'], rows: view.badgesByWeek.map((w) => [w.week, formatNumber(w.earned)]) }}
      {...(total > 0 ? {} : { empty: 'No badges were earned in this period.' })}
      testId="chart-badges-per-week"
    >
      <CategoryBars data={data} dataKey="earned" name="Badges earned" series={4} />
    </ChartSection>
  );
}

const HOLDER_COLUMNS = ['Badge', 'Tier', 'Hidden', 'Holders among active people', 'Share of active people (%)'] as const;

function holderRows(view: EngagementView): CsvRow[] {
  return [...view.badgeHolders]
    .sort((a, b) => b.holders - a.holders || a.name.localeCompare(b.name))
    .map((b) => [b.name, b.tier === undefined ? '' : humanize(b.tier), b.hidden ? 'yes' : 'no', b.holders, b.sharePct]);
}

/** For each badge: how many of the period's active people hold it (hidden badges included: leads see them). */
function BadgeHoldersTable({ view, fileLabel }: { view: EngagementView; fileLabel: string }) {
  const headingId = useId();
  const rows = holderRows(view);
  return (
    <section className="panel dashboard__days" aria-labelledby={headingId} data-testid="badge-unlock-rates">
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          Badge unlock rates
        </h2>
        <CsvButton fileName={csvFileName(['badge-unlock-rates', fileLabel])} header={HOLDER_COLUMNS} rows={() => rows} subject="badge unlock rates" testId="badge-unlock-csv" />
      </header>
      <p className="dashboard__note">
        Share of the {formatNumber(view.activePeople)} people active in the period who hold each badge.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Badge unlock rates">
        <table className="data-table data-table--numbers">
          <caption className="visually-hidden">Badge unlock rates, most held first</caption>
          <thead>
            <tr>
              {HOLDER_COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, tier, hidden, holders, share]) => (
              <tr key={`${String(name)}-${String(tier)}`} data-testid="badge-unlock-row">
                <th scope="row">{String(name)}</th>
                <td>{tier === '' ? '—' : String(tier)}</td>
                <td>{String(hidden)}</td>
                <td>{String(holders)}</td>
                <td>{share === null || share === undefined ? '—' : `${String(share)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The engagement block of the dashboard. */
export function EngagementCharts({ view, fileLabel }: { view: EngagementView; fileLabel: string }) {
  return (
    <div className="dashboard__grid" data-testid="engagement">
      <ActivePeopleChart view={view} />
      <ShiftActionsChart view={view} />
      <StreakChart view={view} />
      <BadgesPerWeekChart view={view} />
      <div className="dashboard__wide">
        <BadgeHoldersTable view={view} fileLabel={fileLabel} />
      </div>
    </div>
  );
}
