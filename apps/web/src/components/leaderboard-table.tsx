import { Link } from 'react-router';
import type { LeaderboardEntry, LeaderboardView } from '@opsquest/contracts';
import { Ellipsis } from 'lucide-react';
import type { CsvRow } from '../lib/csv';
import { formatNumber } from '../lib/format';
import { Icon } from './icon';
import { KudosButton } from './kudos-button';

export type LeaderboardMode = 'top' | 'around';

/** What the table shows: the listed rows and, when I am outside them, my own row below a gap. */
export interface LeaderboardRows {
  rows: LeaderboardEntry[];
  /** my row, shown after the list when I am not in it */
  meBelow: LeaderboardEntry | undefined;
}

export function leaderboardRows(view: LeaderboardView, mode: LeaderboardMode): LeaderboardRows {
  const rows = mode === 'around' ? (view.around ?? []) : view.entries;
  const myId = view.me?.id;
  const meListed = myId !== undefined && rows.some((e) => e.id === myId);
  return { rows, meBelow: meListed ? undefined : view.me };
}

const PER_HOUR_LABEL = 'Points per scheduled hour';

function perHourShown(view: LeaderboardView): boolean {
  return view.scope === 'individual' && view.metric === 'perHour';
}

export function leaderboardCsvHeader(view: LeaderboardView): CsvRow {
  if (view.scope === 'team') return ['Rank', 'Team', 'Points'];
  return perHourShown(view) ? ['Rank', 'Name', 'Team', 'Points', PER_HOUR_LABEL, 'Scheduled hours'] : ['Rank', 'Name', 'Team', 'Points'];
}

/** The CSV rows: exactly the rows on screen, in order (my row last when it is shown below the list). */
export function leaderboardCsvRows(view: LeaderboardView, mode: LeaderboardMode): CsvRow[] {
  const { rows, meBelow } = leaderboardRows(view, mode);
  const all = meBelow ? [...rows, meBelow] : rows;
  return all.map((e) => {
    if (view.scope === 'team') return [e.rank, e.name, e.points];
    const base: CsvRow = [e.rank, e.name, e.team ?? '', e.points];
    return perHourShown(view) ? [...base, e.perHour ?? 0, e.hours ?? 0] : base;
  });
}

interface LeaderboardTableProps {
  view: LeaderboardView;
  mode: LeaderboardMode;
  caption: string;
  id: string;
  /** may the viewer open this person's page? (individual scope only) */
  canOpen: (personId: string) => boolean;
  /** show "Give kudos" on other people's rows (individual scope only) */
  kudos?: boolean;
}

interface RowProps {
  entry: LeaderboardEntry;
  showTeam: boolean;
  perHour: boolean;
  kudos: boolean;
  mine: boolean;
  link: boolean;
}

function Name({ entry, link }: { entry: LeaderboardEntry; link: boolean }) {
  if (entry.anonymous === true || entry.id === undefined) {
    return <span className="leaderboard__anonymous">{entry.name}</span>;
  }
  return link ? (
    <Link to={`/people/${encodeURIComponent(entry.id)}`} className="leaderboard__person" data-testid="person-link">
      {entry.name}
    </Link>
  ) : (
    <>{entry.name}</>
  );
}

function Row({ entry, showTeam, perHour, kudos, mine, link }: RowProps) {
  return (
    <tr
      className={mine ? 'leaderboard__row leaderboard__row--me' : 'leaderboard__row'}
      data-testid="leaderboard-row"
      data-id={entry.id}
      data-anonymous={entry.anonymous === true || undefined}
      data-me={mine || undefined}
      aria-current={mine ? 'true' : undefined}
    >
      <td className="leaderboard__rank">
        <span className={entry.rank <= 3 ? `medal medal--${entry.rank}` : undefined}>{entry.rank}</span>
      </td>
      <th scope="row" className="leaderboard__name">
        <Name entry={entry} link={link} />
        {mine && <span className="tag tag--me">you</span>}
        {entry.onlyYouSeeName === true && (
          <span className="tag tag--private" data-testid="only-you">
            only you see your name
          </span>
        )}
      </th>
      {showTeam && <td>{entry.team ?? '—'}</td>}
      <td className="leaderboard__points">{formatNumber(entry.points)}</td>
      {perHour && (
        <td className="leaderboard__points" data-testid="per-hour">
          {formatNumber(entry.perHour ?? 0)}
          <span className="visually-hidden"> points per scheduled hour, over {formatNumber(entry.hours ?? 0)} scheduled hours</span>
        </td>
      )}
      {kudos && <td className="leaderboard__actions">{!mine && entry.id !== undefined && entry.anonymous !== true && <KudosButton toPersonId={entry.id} toName={entry.name} small />}</td>}
    </tr>
  );
}

/** Rank, name, team, points; my row highlighted, and appended below when I am outside the list. */
export function LeaderboardTable({ view, mode, caption, id, canOpen, kudos = false }: LeaderboardTableProps) {
  const showTeam = view.scope === 'individual';
  const perHour = perHourShown(view);
  const withKudos = kudos && view.scope === 'individual';
  const myId = view.me?.id;
  const { rows, meBelow } = leaderboardRows(view, mode);
  const columns = (showTeam ? 4 : 3) + (perHour ? 1 : 0) + (withKudos ? 1 : 0);
  const link = (entry: LeaderboardEntry): boolean => view.scope === 'individual' && entry.id !== undefined && canOpen(entry.id);
  const isMine = (entry: LeaderboardEntry): boolean => myId !== undefined && entry.id === myId;
  const emptyText =
    mode === 'around' ? 'You are not on this board yet: earn points to see who is just above and below you.' : 'Nobody has scored in this period yet. Be the first.';
  return (
    <div className="table-scroll" id={id} role="tabpanel" tabIndex={0} aria-label={caption}>
      <table className="leaderboard" data-testid="leaderboard-table" data-mode={mode} data-metric={view.metric ?? 'points'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="leaderboard__rank">
              Rank
            </th>
            <th scope="col">{view.scope === 'team' ? 'Team' : 'Name'}</th>
            {showTeam && <th scope="col">Team</th>}
            <th scope="col" className="leaderboard__points">
              Points
            </th>
            {perHour && (
              <th scope="col" className="leaderboard__points">
                {PER_HOUR_LABEL}
              </th>
            )}
            {withKudos && (
              <th scope="col" className="leaderboard__actions">
                <span className="visually-hidden">Kudos</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns} className="leaderboard__empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            rows.map((entry, index) => (
              <Row key={entry.id ?? `anonymous-${index}`} entry={entry} showTeam={showTeam} perHour={perHour} kudos={withKudos} mine={isMine(entry)} link={link(entry)} />
            ))
          )}
        </tbody>
        {meBelow !== undefined && (
          <tfoot>
            <tr className="leaderboard__gap" aria-hidden="true">
              <td colSpan={columns}>
                <Icon of={Ellipsis} />
              </td>
            </tr>
            <Row entry={meBelow} showTeam={showTeam} perHour={perHour} kudos={withKudos} mine link={link(meBelow)} />
          </tfoot>
        )}
      </table>
    </div>
  );
}
