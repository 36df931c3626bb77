import type { IntegrationNoticeView } from '@opsquest/contracts';
import { Check, TriangleAlert } from 'lucide-react';
import { formatWhen } from '../lib/format';
import { noticeHeadline, sortNotices } from '../lib/integration-notice-text';
import { Icon } from './icon';

const KIND_TEXT: Record<IntegrationNoticeView['kind'], string> = {
  truncated: 'Truncated group',
  refused: 'Refused',
};

function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatWhen(iso)}</time>;
}

function NoticeItem({ notice }: { notice: IntegrationNoticeView }) {
  const open = notice.resolvedAt === null;
  const keyName = notice.keyName ?? (notice.keyId === null ? 'no key' : notice.keyId);
  return (
    <li className={`admin-notice${open ? ' admin-notice--open' : ''}`} data-testid="integration-notice" data-kind={notice.kind} data-state={open ? 'open' : 'resolved'}>
      <p className="admin-notice__tags">
        {open ? (
          <span className="admin-status admin-status--open">
            <Icon of={TriangleAlert} />
            Open
          </span>
        ) : (
          <span className="admin-status admin-status--resolved">
            <Icon of={Check} />
            Resolved
          </span>
        )}
        <span className="tag">{KIND_TEXT[notice.kind]}</span>
        <span className="tag">{notice.source}</span>
      </p>
      <p className="admin-notice__headline" data-testid="notice-headline">
        {noticeHeadline(notice)}
      </p>
      <dl className="admin-notice__facts">
        <div>
          <dt>Key</dt>
          <dd data-testid="notice-key">{keyName}</dd>
        </div>
        <div>
          <dt>First seen</dt>
          <dd>
            <When iso={notice.firstAt} />
          </dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>
            <When iso={notice.lastAt} />
          </dd>
        </div>
        <div>
          <dt>Occurrences</dt>
          <dd data-testid="notice-occurrences">{notice.occurrences}</dd>
        </div>
        {notice.kind === 'refused' && notice.missing > 0 && (
          <div>
            <dt>Alerts refused</dt>
            <dd>{notice.missing}</dd>
          </div>
        )}
        {notice.resolvedAt !== null && (
          <div>
            <dt>Resolved</dt>
            <dd>
              <When iso={notice.resolvedAt} />
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}

/** What integrations sent that did not become alarms: open notices first, then resolved ones. */
export function AdminIntegrationNotices({ notices }: { notices: readonly IntegrationNoticeView[] }) {
  return (
    <ul className="admin-notices" aria-label="Integration notices" data-testid="integration-notices">
      {sortNotices(notices).map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </ul>
  );
}
