import { SEVERITIES, type OpenAlarmSummary } from '@opsquest/contracts';
import { formatNumber } from '../lib/format';
import { SeverityLabel } from './severity-label';

/** The header cells of open alarms by severity (shape and word, never colour alone), then open, incidents, SLA and customers. */
export function OpenAlarmHeaders() {
  return (
    <>
      {SEVERITIES.map((severity) => (
        <th key={severity} scope="col" className="network-table__num">
          <SeverityLabel severity={severity} />
        </th>
      ))}
      <th scope="col" className="network-table__num">
        Open
      </th>
      <th scope="col" className="network-table__num" title="Storms: one fault with several alarms, counted once">
        Incidents
      </th>
      <th scope="col" className="network-table__num">
        SLA at risk
      </th>
      <th scope="col" className="network-table__num">
        SLA breached
      </th>
      <th scope="col" className="network-table__num">
        Customers affected
      </th>
    </>
  );
}

/** The cells that go under OpenAlarmHeaders; zeros are quiet so the counts that matter stand out. */
export function OpenAlarmCells({ summary }: { summary: OpenAlarmSummary }) {
  const cell = (value: number, testId?: string, tone?: 'risk' | 'breach') => (
    <td className={`network-table__num${value === 0 ? ' network-table__zero' : tone ? ` network-table__${tone}` : ''}`} data-testid={testId} data-count={value}>
      {formatNumber(value)}
    </td>
  );
  return (
    <>
      {SEVERITIES.map((severity) => (
        <td key={severity} className={`network-table__num${summary.open[severity] === 0 ? ' network-table__zero' : ''}`} data-severity={severity}>
          {formatNumber(summary.open[severity])}
        </td>
      ))}
      {cell(summary.total, 'open-total')}
      {cell(summary.incidents, 'open-incidents')}
      {cell(summary.slaAtRisk, 'sla-at-risk', 'risk')}
      {cell(summary.slaBreached, 'sla-breached', 'breach')}
      {cell(summary.customersAffected)}
    </>
  );
}
