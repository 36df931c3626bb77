import type { CompeteView } from '@opsquest/contracts';
import { formatNumber } from '../lib/format';

const pts = (n: number): string => `${formatNumber(n)} ${Math.abs(n) === 1 ? 'point' : 'points'}`;

/** How `points` compares with `average`, in words: "40 % above", "level with", "25 points to go". */
function against(points: number, average: number, what: string): string {
  if (points === average) return `level with ${what} (${pts(average)})`;
  if (average <= 0) return `above ${what} (${pts(average)})`;
  const pct = Math.round((Math.abs(points - average) / average) * 100);
  if (points > average) return `${pct === 0 ? 'just' : `${pct} %`} above ${what} (${pts(average)})`;
  return `${pts(average - points)} short of ${what} (${pts(average)})`;
}

/** This week so far and today against my own averages, in words. */
export function competeWords(view: CompeteView): { week: string; today: string } {
  const { week, today } = view;
  const weekText =
    week.weeksCounted === 0
      ? `This week so far: ${pts(week.points)}. Your first week: from next week on you have an average to beat.`
      : `This week so far: ${pts(week.points)}, ${against(week.points, week.averagePoints, `your average week over the last ${week.weeksCounted === 1 ? 'week' : `${week.weeksCounted} weeks`}`)}.`;
  const todayText = !today.workingDay
    ? `Today is not one of your working days${today.points !== 0 ? `, and you have ${pts(today.points)} anyway` : ''}.`
    : today.daysCounted === 0
      ? `Today so far: ${pts(today.points)}. Your average working day shows up after your first one.`
      : `Today so far: ${pts(today.points)}, ${against(today.points, today.averagePoints, 'your average working day')}.`;
  return { week: weekText, today: todayText };
}

function Bars({ label, mine, average, averageLabel, testId }: { label: string; mine: number; average: number; averageLabel: string; testId: string }) {
  const max = Math.max(1, mine, average);
  const width = (n: number): string => `${Math.round((Math.max(0, n) / max) * 100)}%`;
  return (
    <div className="compete__pair" data-testid={testId}>
      <div className="compete__row">
        <span className="compete__label">{label}</span>
        <span className="compete__track" aria-hidden="true">
          <span className="compete__bar compete__bar--mine" style={{ width: width(mine) }} />
        </span>
        <span className="compete__value">{formatNumber(mine)}</span>
      </div>
      <div className="compete__row">
        <span className="compete__label">{averageLabel}</span>
        <span className="compete__track" aria-hidden="true">
          <span className="compete__bar compete__bar--average" style={{ width: width(average) }} />
        </span>
        <span className="compete__value">{formatNumber(average)}</span>
      </div>
    </div>
  );
}

/** Compete with yourself: this week against my average week, today against my average working day. */
export function CompeteWithYourself({ view }: { view: CompeteView }) {
  const words = competeWords(view);
  return (
    <div className="compete">
      <p className="compete__text" data-testid="compete-week">
        {words.week}
      </p>
      <Bars label="This week" mine={view.week.points} average={view.week.averagePoints} averageLabel="Average week" testId="compete-week-bars" />
      <p className="compete__text" data-testid="compete-today">
        {words.today}
      </p>
      <Bars label="Today" mine={view.today.points} average={view.today.averagePoints} averageLabel="Average day" testId="compete-today-bars" />
    </div>
  );
}
