import { useId } from 'react';
import { useEngagement, useOutcomeTrends } from '../api/dashboard.queries';
import { EngagementCharts } from './engagement-charts';
import { OutcomeTrends } from './outcome-trends';
import { ErrorState, LoadingState } from './query-states';

export const TREND_PERIODS = ['7', '30', '90'] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

interface DashboardInsightsProps {
  teamId: string | undefined;
  period: TrendPeriod;
  onPeriod: (period: TrendPeriod) => void;
  fileLabel: string;
}

/** Engagement and outcome trends below the team dashboard, over their own period (30 days unless chosen). */
export function DashboardInsights({ teamId, period, onPeriod, fileLabel }: DashboardInsightsProps) {
  const headingId = useId();
  const selectId = useId();
  const params = { days: Number(period), teamId };
  const engagement = useEngagement(params);
  const outcomes = useOutcomeTrends(params);
  const label = `last-${period}-days`;
  return (
    <section className="dashboard-insights" aria-labelledby={headingId} data-testid="dashboard-insights">
      <header className="dashboard-insights__header">
        <h2 id={headingId} className="dashboard-insights__title">
          Engagement and outcomes
        </h2>
        <div className="field field--inline">
          <label className="field__label" htmlFor={selectId}>
            Trend period
          </label>
          <select id={selectId} className="select" value={period} onChange={(e) => onPeriod(TREND_PERIODS.find((p) => p === e.target.value) ?? '30')} data-testid="trend-period">
            {TREND_PERIODS.map((p) => (
              <option key={p} value={p}>
                Last {p} days
              </option>
            ))}
          </select>
        </div>
      </header>
      <h2 className="dashboard-insights__subtitle">Engagement</h2>
      {engagement.isPending ? (
        <LoadingState label="Loading engagement trends…" />
      ) : engagement.isError ? (
        <ErrorState title="Could not load engagement trends" error={engagement.error} onRetry={() => void engagement.refetch()} />
      ) : (
        <EngagementCharts view={engagement.data} fileLabel={`${fileLabel}-${label}`} />
      )}
      <h2 className="dashboard-insights__subtitle">Outcomes before and after changes</h2>
      {outcomes.isPending ? (
        <LoadingState label="Loading outcome trends…" />
      ) : outcomes.isError ? (
        <ErrorState title="Could not load outcome trends" error={outcomes.error} onRetry={() => void outcomes.refetch()} />
      ) : (
        <OutcomeTrends view={outcomes.data} fileLabel={`${fileLabel}-${label}`} />
      )}
    </section>
  );
}
