// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import type { MissionView } from '@opsquest/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { MissionCard } from './mission-card';

function missionView(overrides: Partial<MissionView> = {}): MissionView {
  return {
    id: 'm-1',
    version: 2,
    title: 'Clear every critical within SLA this week',
    description: 'In a row',
    scope: 'person',
    audience: { kind: 'team', teamId: 't-noc' },
    audienceText: 'NOC North',
    criteria: { stream: 'alarm', effect: 'resolved', conditions: [], counting: 'consecutive' },
    criteriaText: 'Resolved alarms: critical, within the resolution target (in a row; a miss starts again)',
    target: 5,
    startsAt: '2026-11-23T00:00:00.000Z',
    endsAt: '2026-11-29T23:59:59.999Z',
    rewardPoints: 150,
    createdBy: { id: 'p-lead', name: 'Leo Lead' },
    status: 'active',
    mine: { participantId: 'p-eng', progress: 2, completed: false },
    ...overrides,
  };
}

describe('MissionCard', () => {
  afterEach(cleanup);

  it('shows what counts, the reward and an accessible progress bar', () => {
    render(<MissionCard mission={missionView()} />);
    const bar = screen.getByRole('progressbar', { name: 'Progress: Clear every critical within SLA this week' });
    expect(bar.getAttribute('aria-valuenow')).toBe('2');
    expect(bar.getAttribute('aria-valuemax')).toBe('5');
    expect(bar.getAttribute('aria-valuetext')).toBe('2 of 5');
    expect(screen.getByText(/Resolved alarms: critical/)).toBeTruthy();
    expect(screen.getByText('150 points')).toBeTruthy();
    expect(screen.getByText('v2')).toBeTruthy();
    expect(screen.queryByText(/Proposed by/)).toBeNull();
  });

  it('shows who proposed a co-created mission, the reward badge, and caps the bar at the target once completed', () => {
    render(
      <MissionCard
        mission={missionView({ proposedBy: { id: 'p-eng2', name: 'Ed Engineer' }, rewardBadge: { id: 'custom-x', name: 'Sweeper', icon: '🧹' }, mine: { participantId: 'p-eng', progress: 7, completed: true } })}
      />,
    );
    expect(screen.getByText('Proposed by Ed Engineer')).toBeTruthy();
    expect(screen.getByText(/Sweeper/)).toBeTruthy();
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('5');
    expect(bar.getAttribute('aria-valuetext')).toBe('5 of 5, completed');
    expect(screen.getByText('Completed')).toBeTruthy();
  });

  it('has no bar when the viewer takes no part', () => {
    const { mine: _mine, ...rest } = missionView();
    render(<MissionCard mission={rest} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
