// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import type { SlaClockDto, WorkItemView } from '@opsquest/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SlaCountdown } from './sla-countdown';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-24T10:00:00Z');

/** A 15-minute response clock started at T0, at risk in its last quarter. */
function clock(overrides: Partial<SlaClockDto> = {}): SlaClockDto {
  return {
    target: 'response',
    startedAt: new Date(T0).toISOString(),
    dueAt: new Date(T0 + 15 * MINUTE).toISOString(),
    elapsedPct: 0,
    atRiskPct: 75,
    atRisk: false,
    breached: false,
    paused: false,
    ...overrides,
  };
}

function sla(response: SlaClockDto): WorkItemView['sla'] {
  return { response, resolution: clock({ target: 'resolution', dueAt: new Date(T0 + 240 * MINUTE).toISOString() }) };
}

const timer = (): HTMLElement => screen.getByRole('timer');

describe('SlaCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0 + 5 * MINUTE);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('ticks every second and turns amber at risk, then red once breached, always saying so in words', () => {
    render(<SlaCountdown sla={sla(clock())} />);
    expect(timer().dataset.tone).toBe('ok');
    expect(timer().getAttribute('aria-label')).toBe('Response SLA 10m 00s left');

    // 11 min 30 s in: less than a quarter of the 15 minutes left.
    act(() => vi.advanceTimersByTime(6 * MINUTE + 30_000));
    expect(timer().dataset.tone).toBe('risk');
    expect(timer()).toHaveProperty('className', 'sla sla--risk');
    expect(timer().textContent).toContain('at risk, 3m 30s left');

    act(() => vi.advanceTimersByTime(4 * MINUTE));
    expect(timer().dataset.tone).toBe('breached');
    expect(timer().getAttribute('aria-label')).toMatch(/^Response SLA breached .+ ago$/);
  });

  it('after a response, follows the resolution clock; a stopped clock shows its outcome', () => {
    const { rerender } = render(<SlaCountdown sla={sla(clock({ stoppedAt: new Date(T0 + 4 * MINUTE).toISOString(), outcome: 'met' }))} />);
    expect(timer().getAttribute('aria-label')).toMatch(/^Resolution SLA .+ left$/);
    expect(timer().dataset.tone).toBe('ok');

    const resolved = clock({ target: 'resolution', stoppedAt: new Date(T0 + 4 * MINUTE).toISOString(), outcome: 'met' });
    rerender(<SlaCountdown sla={{ response: resolved, resolution: resolved }} />);
    expect(timer().dataset.tone).toBe('done');
    expect(timer().getAttribute('aria-label')).toBe('Resolution SLA met');
  });

  it('a paused clock (customer hold) stands still', () => {
    render(<SlaCountdown sla={sla(clock({ paused: true }))} />);
    act(() => vi.advanceTimersByTime(30 * MINUTE));
    expect(timer().dataset.tone).toBe('paused');
    expect(timer().getAttribute('aria-label')).toBe('Response SLA paused');
  });
});
