import { describe, expect, it } from 'vitest';
import { JsonTooDeepError, MalformedJsonError, StreamingJsonReader, writeYielding } from './streaming-json-reader';

/** Reads `text` split every `size` characters, handing the elements of `key`'s array to a list. */
function read(text: string, size: number, key: string | null = 'alerts'): { value: unknown; elements: [unknown, number][]; restarts: number } {
  const elements: [unknown, number][] = [];
  let restarts = 0;
  const reader = new StreamingJsonReader({ streamed: { key, onElement: (element, index) => elements.push([element, index]), onRestart: () => (restarts += 1) } });
  for (let at = 0; at < text.length; at += size) reader.write(text.slice(at, at + size));
  return { value: reader.end(), elements, restarts };
}

const notification = {
  receiver: 'opsquest',
  status: 'firing',
  alerts: [
    { status: 'firing', labels: { alertname: 'A', 'ünïcode': 'värde 😀' }, startsAt: '2026-11-20T08:00:00Z', n: -12.5e3 },
    { status: 'resolved', labels: {}, annotations: { text: 'line\nbreak "quoted" \\ back' }, deep: [[[1, true, null]]] },
  ],
  groupLabels: { alertname: 'A' },
  version: '4',
  truncatedAlerts: 0,
};

describe('StreamingJsonReader', () => {
  it('reads what JSON.parse reads, split anywhere (inside strings, numbers, escapes and multi-unit characters)', () => {
    const text = JSON.stringify(notification);
    for (const size of [1, 2, 3, 7, 64, text.length]) {
      const { value, elements } = read(text, size);
      expect(elements.map(([, i]) => i), `split ${size}`).toEqual([0, 1]);
      expect(elements.map(([e]) => e), `split ${size}`).toEqual(notification.alerts);
      // the streamed array keeps its length, not its elements
      expect(value, `split ${size}`).toEqual({ ...notification, alerts: [null, null] });
    }
  });

  it('hands each element over as soon as it is complete, before the rest has arrived', () => {
    const seen: unknown[] = [];
    const reader = new StreamingJsonReader({ streamed: { key: 'alerts', onElement: (e) => seen.push(e) } });
    reader.write('{"alerts":[{"a":1},');
    expect(seen).toEqual([{ a: 1 }]);
    reader.write('{"a":2}');
    expect(seen).toEqual([{ a: 1 }, { a: 2 }]);
    reader.write('],"version":"4"}');
    expect(reader.end()).toEqual({ alerts: [null, null], version: '4' });
  });

  it('streams only the top-level key: an `alerts` deeper down stays in the document', () => {
    const text = JSON.stringify({ other: { alerts: [1, 2] }, alerts: [3] });
    const { value, elements } = read(text, 5);
    expect(elements).toEqual([[3, 0]]);
    expect(value).toEqual({ other: { alerts: [1, 2] }, alerts: [null] });
  });

  it('a repeated key starts over, as JSON.parse keeps the last', () => {
    const { value, elements, restarts } = read('{"alerts":[1,2],"alerts":[3]}', 4);
    expect(restarts).toBe(1);
    expect(elements).toEqual([[1, 0], [2, 1], [3, 0]]);
    expect(value).toEqual({ alerts: [null] });
  });

  it('streams a top-level array', () => {
    const { value, elements } = read('[{"fingerprint":"a"},{"fingerprint":"b"}]', 3, null);
    expect(elements.map(([e]) => e)).toEqual([{ fingerprint: 'a' }, { fingerprint: 'b' }]);
    expect(value).toEqual([null, null]);
  });

  it('reads any JSON value, like express.json({ strict: false }); nothing at all is undefined', () => {
    expect(read('4', 1).value).toBe(4);
    expect(read(' "text" ', 2).value).toBe('text');
    expect(read('[1,[2]]', 2).value).toEqual([1, [2]]);
    expect(read('', 1).value).toBeUndefined();
    expect(read('  \n', 1).value).toBeUndefined();
  });

  it('keeps a __proto__ key as an own property, as JSON.parse does', () => {
    const { value } = read('{"__proto__":{"polluted":true},"alerts":[{"__proto__":{"x":1}}]}', 4);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(value as object, '__proto__')).toBe(true);
  });

  it('refuses what is not one JSON value', () => {
    for (const text of ['{"a": ', '{"a":1,}', "{'a':1}", '[1, 2', 'NaN', '{"a":1}{"b":2}', '{"a":1} x', 'tru', '"open']) {
      expect(() => read(text, 3), text).toThrow(MalformedJsonError);
    }
  });

  it('refuses nesting deeper than the limit (64 by default), without recursion', () => {
    expect(() => read(`${'['.repeat(64)}${']'.repeat(64)}`, 10)).not.toThrow();
    expect(() => read(`${'['.repeat(65)}${']'.repeat(65)}`, 10)).toThrow(JsonTooDeepError);
    expect(() => read(`{"deep":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, 4096)).toThrow(JsonTooDeepError);
  });

  it('writeYielding feeds a long text in pieces, with a turn of the event loop after each', async () => {
    const reader = new StreamingJsonReader();
    const text = JSON.stringify({ alerts: Array.from({ length: 2000 }, (_, i) => ({ i })) });
    const pieces = Math.ceil(text.length / 1024);
    let turns = 0;
    let running = true;
    const spin = (): void => {
      if (!running) return;
      turns += 1;
      setImmediate(spin);
    };
    setImmediate(spin);
    await writeYielding(reader, text, 1024);
    running = false;
    expect(reader.end()).toEqual(JSON.parse(text));
    expect(pieces).toBeGreaterThan(20);
    // something else ran between every two pieces
    expect(turns).toBeGreaterThanOrEqual(pieces - 1);
  });
});
