import { ArrowDown, ArrowUp } from 'lucide-react';
import type { WhatIfPersonView, WhatIfTotalView, WhatIfView } from '@opsquest/contracts';
import { formatNumber, formatRange, formatSignedPoints } from '../lib/format';
import { Icon } from './icon';

function Difference({ value }: { value: number }) {
  const tone = value > 0 ? 'up' : value < 0 ? 'down' : 'same';
  return <span className={`what-if__diff what-if__diff--${tone}`}>{value === 0 ? '±0' : formatSignedPoints(value)}</span>;
}

function RankMove({ person }: { person: WhatIfPersonView }) {
  const moved = person.rankBefore - person.rankAfter;
  if (moved === 0) return <span className="what-if__move what-if__move--same">no change</span>;
  return (
    <span className={`what-if__move what-if__move--${moved > 0 ? 'up' : 'down'}`}>
      <Icon of={moved > 0 ? ArrowUp : ArrowDown} size={14} /> {moved > 0 ? `up ${moved}` : `down ${-moved}`}
    </span>
  );
}

function TotalsTable({ caption, rows, testId, nameHeader }: { caption: string; rows: WhatIfTotalView[]; testId: string; nameHeader: string }) {
  return (
    <div className="table-scroll">
      <table className="rules-table" data-testid={testId}>
        <caption className="rules-table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            <th scope="col" className="rules-table__number">
              Now
            </th>
            <th scope="col" className="rules-table__number">
              Draft
            </th>
            <th scope="col" className="rules-table__number">
              Difference
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-id={r.id} data-difference={r.difference}>
              <th scope="row">{r.name}</th>
              <td className="rules-table__number">{formatNumber(r.current)}</td>
              <td className="rules-table__number">{formatNumber(r.draft)}</td>
              <td className="rules-table__number">
                <Difference value={r.difference} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The what-if outcome: the leaderboard before and after (rank moves), per person, per team and per rule. */
export function WhatIfResults({ result }: { result: WhatIfView }) {
  return (
    <div className="what-if" data-testid="what-if">
      <p className="what-if__summary" role="status">
        {formatNumber(result.events)} events from <span data-testid="what-if-range">{formatRange(result.from, result.to)}</span>: {formatNumber(result.total.current)}{' '}
        points now,{' '}
        {formatNumber(result.total.draft)} under the draft (<Difference value={result.total.difference} />
        ).
      </p>
      <div className="table-scroll">
        <table className="rules-table" data-testid="what-if-people">
          <caption className="rules-table__caption">Leaderboard before and after</caption>
          <thead>
            <tr>
              <th scope="col">Rank now</th>
              <th scope="col">Rank with draft</th>
              <th scope="col">Person</th>
              <th scope="col" className="rules-table__number">
                Now
              </th>
              <th scope="col" className="rules-table__number">
                Draft
              </th>
              <th scope="col" className="rules-table__number">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {result.people.map((p) => (
              <tr key={p.personId} data-person-id={p.personId} data-difference={p.difference}>
                <td>{p.rankBefore}</td>
                <td>
                  {p.rankAfter} <RankMove person={p} />
                </td>
                <th scope="row">{p.name}</th>
                <td className="rules-table__number">{formatNumber(p.current)}</td>
                <td className="rules-table__number">{formatNumber(p.draft)}</td>
                <td className="rules-table__number">
                  <Difference value={p.difference} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="what-if__pair">
        <TotalsTable caption="Per rule" rows={result.rules} testId="what-if-rules" nameHeader="Rule" />
        <TotalsTable caption="Per team" rows={result.teams} testId="what-if-teams" nameHeader="Team" />
      </div>
    </div>
  );
}
