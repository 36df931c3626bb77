import { Link } from 'react-router';
import type { LeaderboardEntry, LeaderboardView } from '@opsquest/contracts';
import type { CsvRow } from '../lib/csv';
import { formatNumber } from '../lib/format';

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

export function leaderboardCsvHeader(view: LeaderboardView): CsvRow {
  return view.scope === 'team' ? ['Rank', 'Team', 'Points'] : ['Rank', 'Name', 'Team', 'Points'];
}

/** The CSV rows: exactly the rows on screen, in order (my row last when it is shown below the list). */
export function leaderboardCsvRows(view: LeaderboardView, mode: LeaderboardMode): CsvRow[] {
  const { rows, meBelow } = leaderboardRows(view, mode);
  const all = meBelow ? [...rows, meBelow] : rows;
  return all.map((e) => (view.scope === 'team' ? [e.rank, e.name, e.points] : [e.rank, e.name, e.team ?? '', e.points]));
}

interface LeaderboardTableProps {
  view: LeaderboardView;
  mode: LeaderboardMode;
  caption: string;
  id: string;
  /** may the viewer open this person's page? (individual scope only) */
  canOpen: (personId: string) => boolean;
}

interface RowProps {
  entry: LeaderboardEntry;
  showTeam: boolean;
  mine: boolean;
  link: boolean;
}

function Row({ entry, showTeam, mine, link }: RowProps) {
  return (
    <tr className={mine ? 'leaderboard__row leaderboard__row--me' : 'leaderboard__row'} data-testid="leaderboard-row" data-id={entry.id} data-me={mine || undefined} aria-current={mine ? 'true' : undefined}>
      <td className="leaderboard__rank">
        <span className={entry.rank <= 3 ? `medal medal--${entry.rank}` : undefined}>{entry.rank}</span>
      </td>
      <th scope="row" className="leaderboard__name">
        {link ? (
          <Link to={`/people/${encodeURIComponent(entry.id)}`} className="leaderboard__person" data-testid="person-link">
            {entry.name}
          </Link>
        ) : (
          entry.name
        )}
        {mine && <span className="tag tag--me">you</span>}
      </th>
      {showTeam && <td>{entry.team ?? '—'}</td>}
      <td className="leaderboard__points">{formatNumber(entry.points)}</td>
    </tr>
  );
}

/** Rank, name, team, points; my row highlighted, and appended below when I am outside the list. */
export function LeaderboardTable({ view, mode, caption, id, canOpen }: LeaderboardTableProps) {
  const showTeam = view.scope === 'individual';
  const myId = view.me?.id;
  const { rows, meBelow } = leaderboardRows(view, mode);
  const columns = showTeam ? 4 : 3;
  const link = (entry: LeaderboardEntry): boolean => view.scope === 'individual' && canOpen(entry.id);
  const emptyText =
    mode === 'around' ? 'You are not on this board yet: earn points to see who is just above and below you.' : 'Nobody has scored in this period yet. Be the first.';
  return (
    <div className="table-scroll" id={id} role="tabpanel" tabIndex={0} aria-label={caption}>
      <table className="leaderboard" data-testid="leaderboard-table" data-mode={mode}>
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
            rows.map((entry) => <Row key={entry.id} entry={entry} showTeam={showTeam} mine={entry.id === myId} link={link(entry)} />)
          )}
        </tbody>
        {meBelow !== undefined && (
          <tfoot>
            <tr className="leaderboard__gap" aria-hidden="true">
              <td colSpan={columns}>⋯</td>
            </tr>
            <Row entry={meBelow} showTeam={showTeam} mine link={link(meBelow)} />
          </tfoot>
        )}
      </table>
    </div>
  );
}
