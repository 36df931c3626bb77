import { Link } from 'react-router';
import { TriangleAlert } from 'lucide-react';
import { useAlarmGaps } from '../api/alarm-gaps.queries';
import { notReceivedText } from '../lib/group-labels';
import { useSignedInUser } from '../stores/session.store';
import { Icon } from './icon';
import '../styles/alarm-board.css';

/**
 * Above the alarm board while Alertmanager groups arrived truncated and their missing alerts could
 * not be fetched: the board is incomplete, and says so. On an Alertmanager alarm's own page it says
 * the same (the alarm's group may be one of them). Live ('alarms:gaps'); nothing when there is no
 * gap. The alert region stays in the page (empty) so that a gap appearing later is announced.
 */
export function AlarmGapBanner({ where = 'board' }: { where?: 'board' | 'alarm' }) {
  const { role } = useSignedInUser();
  const gaps = useAlarmGaps();
  const open = gaps.data ?? [];
  return (
    <div className="alarm-gaps" role="alert" data-testid="alarm-gaps">
      {open.length > 0 && (
        <div className="alarm-gaps__box">
          <p className="alarm-gaps__title">
            <Icon of={TriangleAlert} />{' '}
            {where === 'board'
              ? open.length === 1
                ? 'Alerts missing from this board'
                : `Alerts missing from this board (${open.length} groups)`
              : open.length === 1
                ? 'Alertmanager alerts not received: this alarm’s group may be the one'
                : `Alertmanager alerts not received in ${open.length} groups: this alarm’s group may be one of them`}
          </p>
          <ul className="alarm-gaps__list">
            {open.map((gap) => (
              <li key={gap.id} className="alarm-gaps__gap" data-testid="alarm-gap">
                {notReceivedText(gap.missing, gap.groupLabels, gap.groupKey)} from Alertmanager
              </li>
            ))}
          </ul>
          <p className="alarm-gaps__hint">
            Check these groups in Alertmanager itself.{' '}
            {role === 'admin' ? (
              <>
                Why they are missing: <Link to="/admin">Admin, Integration notices</Link>.
              </>
            ) : (
              'An admin sees why under Admin, Integration notices.'
            )}
          </p>
        </div>
      )}
    </div>
  );
}
