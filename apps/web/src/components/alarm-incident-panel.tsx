import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { WorkItemView } from '@opsquest/contracts';
import { OPEN_ALARMS, QUEUE_LIMIT, useWorkItems } from '../api/work-items.queries';
import { formatNumber } from '../lib/format';
import { alarmLabel, incidentMembers, isGrouped, mergeTargets, type IncidentMembers } from '../lib/incident-members';
import { useSignedInUser } from '../stores/session.store';
import { AlarmIncidentRegroup } from './alarm-incident-regroup';
import { Panel } from './panel';
import { ErrorState, LoadingState } from './query-states';
import '../styles/incidents.css';

/** A root cause lists at most this many of its other alarms; the rest are a count. */
export const CHILDREN_SHOWN = 20;

function alarms(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? 'alarm' : 'alarms'}`;
}

/** "12 open alarms", or "at least 200 open alarms" when the open list was cut at its limit. */
function openCount(n: number, partial: boolean): string {
  return `${partial ? 'at least ' : ''}${formatNumber(n)} open ${n === 1 ? 'alarm' : 'alarms'}`;
}

function Summary({ alarm, members, partial }: { alarm: WorkItemView; members: IncidentMembers | undefined; partial: boolean }) {
  if (members === undefined) {
    return (
      <p className="incident-panel__summary" data-testid="incident-summary">
        This alarm is in no incident. When it has the same cause as another alarm, merge it into that alarm’s incident.
      </p>
    );
  }
  if (!alarm.open) {
    return (
      <p className="incident-panel__summary" data-testid="incident-summary">
        {alarm.incidentRoot === true
          ? 'This alarm was the root cause of an incident: its clear paid for the whole incident and cleared the incident’s other alarms.'
          : 'This alarm was part of an incident: its root cause’s clear paid for the whole incident.'}
      </p>
    );
  }
  if (alarm.incidentRoot === true) {
    const others = members.size - 1;
    return (
      <p className="incident-panel__summary" data-testid="incident-summary">
        This alarm is the root cause of an incident of {openCount(members.size, partial)}. Clearing it clears the other {alarms(others)} too and pays for the whole incident.
      </p>
    );
  }
  return (
    <p className="incident-panel__summary" data-testid="incident-summary">
      This alarm is part of an incident of {openCount(members.size, partial)}.{' '}
      {members.root === undefined ? (
        'Its root cause is not among the open alarms.'
      ) : (
        <>
          Its root cause is{' '}
          <Link to={`/alarms/${members.root.id}`} data-testid="incident-root-link">
            {alarmLabel(members.root)}
          </Link>
          .
        </>
      )}{' '}
      Clearing the root cause clears this alarm too and pays for the whole incident; this alarm has no SLA clock of its own.
    </p>
  );
}

function Children({ members }: { members: IncidentMembers }) {
  if (members.children.length === 0) return null;
  // a storm is usually one site: the site is named only where it differs from the root cause's
  const rootSite = members.root?.site;
  const shown = members.children.slice(0, CHILDREN_SHOWN);
  const more = members.children.length - shown.length;
  return (
    <div className="incident-panel__children">
      <h3 className="incident-panel__subtitle">Other alarms of this incident</h3>
      <ul className="incident-panel__list" data-testid="incident-children">
        {shown.map((child) => (
          <li key={child.id} className="incident-panel__child">
            <Link to={`/alarms/${child.id}`}>{child.title}</Link>
            {child.site !== undefined && child.site !== '' && child.site !== rootSite && <span className="incident-panel__site">{child.site}</span>}
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p className="incident-panel__more" data-testid="incident-more">
          and {formatNumber(more)} more {more === 1 ? 'alarm' : 'alarms'}
        </p>
      )}
    </div>
  );
}

function PanelBody({ alarm, mayRegroup }: { alarm: WorkItemView; mayRegroup: boolean }) {
  const open = useWorkItems(OPEN_ALARMS);
  // a root may turn out to be alone in its incident: no panel for those who cannot regroup
  const surely = mayRegroup || alarm.incidentRoot === false;
  if (open.isPending) return surely ? <IncidentPanel><LoadingState label="Loading the incident’s alarms…" /></IncidentPanel> : null;
  if (open.isError) return surely ? <IncidentPanel><ErrorState title="Could not load the open alarms" error={open.error} onRetry={() => void open.refetch()} /></IncidentPanel> : null;
  const found = incidentMembers(alarm, open.data);
  const members = isGrouped(alarm, found) ? found : undefined;
  if (members === undefined && !mayRegroup) return null;
  const partial = open.data.length >= QUEUE_LIMIT;
  return (
    <IncidentPanel>
      <Summary alarm={alarm} members={members} partial={partial} />
      {alarm.open && alarm.incidentRoot === true && members !== undefined && <Children members={members} />}
      {mayRegroup && <AlarmIncidentRegroup alarm={alarm} members={members} targets={mergeTargets(alarm, open.data)} />}
    </IncidentPanel>
  );
}

function IncidentPanel({ children }: { children: ReactNode }) {
  return (
    <Panel title="Incident" testId="alarm-incident-panel" className="incident-panel">
      {children}
    </Panel>
  );
}

/**
 * The alarm page's incident: for an alarm folded under a root cause, the root and how many alarms
 * the incident has; for a root cause, its other alarms. Leads and admins regroup here (make this
 * the root cause, split it out, merge it into another incident). Shown only when the alarm is
 * grouped with others or the viewer may regroup it.
 */
export function AlarmIncidentPanel({ alarm }: { alarm: WorkItemView }) {
  const { role } = useSignedInUser();
  const mayRegroup = (role === 'lead' || role === 'admin') && alarm.open && alarm.stream === 'alarm' && alarm.maintenanceWindowId === undefined;
  if (alarm.incidentId === undefined && !mayRegroup) return null;
  // a cleared root cannot tell whether others were with it; a cleared child can say what it was part of
  if (!alarm.open && alarm.incidentRoot !== false) return null;
  return <PanelBody alarm={alarm} mayRegroup={mayRegroup} />;
}
