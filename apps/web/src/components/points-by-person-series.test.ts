import { describe, expect, it } from 'vitest';
import { OTHERS_ID, pointsSeries } from './points-by-person-series';

const person = (id: string, byDay: number[]) => ({ personId: id, name: `Name ${id}`, byDay });

describe('pointsSeries', () => {
  it('keeps the top five by total and adds the rest up as Others, day by day', () => {
    const people = [person('a', [1, 1]), person('b', [10, 0]), person('c', [0, 7]), person('d', [3, 3]), person('e', [5, 0]), person('f', [2, 2]), person('g', [0, -1])];
    const series = pointsSeries(people, 2);
    expect(series.map((s) => s.id)).toEqual(['b', 'c', 'd', 'e', 'f', OTHERS_ID]);
    expect(series.at(-1)).toMatchObject({ name: 'Others (2 people)', byDay: [1, 0], total: 1, people: 2 });
    expect(series.length).toBeLessThanOrEqual(6);
  });

  it('has no Others series for five people or fewer, and fills missing days with zero', () => {
    const series = pointsSeries([person('a', [4]), person('b', [])], 3);
    expect(series.map((s) => [s.id, s.byDay])).toEqual([
      ['a', [4, 0, 0]],
      ['b', [0, 0, 0]],
    ]);
  });

  it('names one other person in the singular and breaks ties by name', () => {
    const series = pointsSeries([person('z', [1]), person('y', [1]), person('x', [1])], 1, 2);
    expect(series.map((s) => s.name)).toEqual(['Name x', 'Name y', 'Others (1 person)']);
  });
});
