import type { ReactNode } from 'react';
import type { WorkItemView } from '@opsquest/contracts';
import { Circle, CircleCheck } from 'lucide-react';
import { formatNumber, formatWhen, humanize } from '../lib/format';
import { AlarmSlaClock } from './alarm-sla-clock';
import { SeverityLabel } from './severity-label';
import { Icon } from './icon';

function Fact({ label, children, testId, wide = false }: { label: string; children: ReactNode; testId?: string; wide?: boolean }) {
  return (
    <div className={`alarm-facts__fact${wide ? ' alarm-facts__fact--wide' : ''}`} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Everything known about an alarm now: what, where, impact, who has it, and both SLA clocks. */
export function AlarmFacts({ alarm }: { alarm: WorkItemView }) {
  const acknowledged = alarm.ackState === 'acknowledged';
  const place = [alarm.site, alarm.region].filter((v) => v !== undefined && v !== '').join(' · ');
  return (
    <dl className="alarm-facts" data-testid="alarm-facts">
      <Fact label="Severity">
        <SeverityLabel severity={alarm.severity ?? 'indeterminate'} />
      </Fact>
      <Fact label="State" testId="fact-state">
        {alarm.open ? 'Open' : 'Closed'} ({humanize(alarm.status)})
      </Fact>
      <Fact label="Acknowledgement" testId="fact-ack" wide>
        <Icon of={acknowledged ? CircleCheck : Circle} />{' '}
        {acknowledged ? `Acknowledged${alarm.assignee ? ` by ${alarm.assignee}` : ''}` : 'Unacknowledged'}
      </Fact>
      <Fact label="Alarmed object">
        <span className="item__object">{alarm.alarmedObject ?? '—'}</span>
      </Fact>
      <Fact label="Probable cause">{alarm.probableCause ?? '—'}</Fact>
      <Fact label="Site / region">{place === '' ? '—' : place}</Fact>
      <Fact label="Customers affected">{formatNumber(alarm.customersAffected)}</Fact>
      <Fact label="Service affecting">{alarm.serviceAffecting ? 'Yes' : 'No'}</Fact>
      <Fact label="Count">{formatNumber(alarm.count)}</Fact>
      <Fact label="Re-raises">{formatNumber(alarm.reraiseCount)}</Fact>
      <Fact label="Raised">{formatWhen(alarm.openedAt)}</Fact>
      {alarm.respondedAt !== undefined && <Fact label="Responded">{formatWhen(alarm.respondedAt)}</Fact>}
      {alarm.resolvedAt !== undefined && <Fact label="Resolved">{formatWhen(alarm.resolvedAt)}</Fact>}
      <Fact label="Response SLA" wide>
        <AlarmSlaClock clock={alarm.sla.response} />
      </Fact>
      <Fact label="Resolution SLA" wide>
        <AlarmSlaClock clock={alarm.sla.resolution} />
      </Fact>
    </dl>
  );
}
