import type { IntegrationNoticeView } from '@opsquest/contracts';
import { notReceivedText } from './group-labels';

/** "once", "twice", "3 times". */
export function timesText(n: number): string {
  if (n === 1) return 'once';
  if (n === 2) return 'twice';
  return `${n} times`;
}

/**
 * What happened, in one sentence for the admin:
 * truncated: `12 alerts of group {alertname="SiteDown"} were not received — <reason>`;
 * refused: `Refused 3 times (400): <reason>`.
 */
export function noticeHeadline(notice: IntegrationNoticeView): string {
  const reason = notice.reason.trim();
  if (notice.kind === 'truncated') {
    const what = notReceivedText(notice.missing, notice.groupLabels, notice.groupKey);
    return reason === '' ? what : `${what} — ${reason}`;
  }
  const status = notice.status === null ? '' : ` (${notice.status})`;
  return `Refused ${timesText(notice.occurrences)}${status}${reason === '' ? '' : `: ${reason}`}`;
}

/** Open notices first (newest first among them), then resolved ones, newest first. */
export function sortNotices(notices: readonly IntegrationNoticeView[]): IntegrationNoticeView[] {
  const open = (n: IntegrationNoticeView): number => (n.resolvedAt === null ? 0 : 1);
  return [...notices].sort((a, b) => open(a) - open(b) || Date.parse(b.lastAt) - Date.parse(a.lastAt) || b.id - a.id);
}
