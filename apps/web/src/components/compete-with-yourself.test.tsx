import { describe, expect, it } from 'vitest';
import { competeWords } from './compete-with-yourself';

const view = (week: { points: number; averagePoints: number; weeksCounted: number }, today: { points: number; averagePoints: number; daysCounted: number; workingDay: boolean }) => ({
  week: { start: '2026-11-23', ...week },
  today: { day: '2026-11-24', ...today },
});

describe('competeWords', () => {
  it('says how far above or below my averages I am', () => {
    const words = competeWords(view({ points: 320, averagePoints: 200, weeksCounted: 8 }, { points: 30, averagePoints: 55, daysCounted: 40, workingDay: true }));
    expect(words.week).toBe('This week so far: 320 points, 60 % above your average week over the last 8 weeks (200 points).');
    expect(words.today).toBe('Today so far: 30 points, 25 points short of your average working day (55 points).');
  });

  it('handles a first week, a level score and a day off', () => {
    const words = competeWords(view({ points: 1, averagePoints: 0, weeksCounted: 0 }, { points: 0, averagePoints: 0, daysCounted: 0, workingDay: false }));
    expect(words.week).toBe('This week so far: 1 point. Your first week: from next week on you have an average to beat.');
    expect(words.today).toBe('Today is not one of your working days.');
    expect(competeWords(view({ points: 50, averagePoints: 50, weeksCounted: 1 }, { points: 0, averagePoints: 0, daysCounted: 3, workingDay: true })).week).toBe(
      'This week so far: 50 points, level with your average week over the last week (50 points).',
    );
  });
});
