import { describe, expect, it } from 'vitest';
import { initialLiveState, nextLiveState } from './live-status';

describe('live status', () => {
  it('starts connecting, or offline when the browser has no network', () => {
    expect(initialLiveState(true, 1).liveStatus).toBe('connecting');
    expect(initialLiveState(false, 1).liveStatus).toBe('offline');
  });

  it('never says live while the browser is offline, even if the socket has not noticed yet', () => {
    const live = nextLiveState(initialLiveState(true, 0), { socketStatus: 'live' }, 10);
    expect(live.liveStatus).toBe('live');
    const offline = nextLiveState(live, { browserOnline: false }, 20);
    expect(offline.socketStatus).toBe('live');
    expect(offline.liveStatus).toBe('offline');
    expect(offline.notLiveSince).toBe(20);
    expect(nextLiveState(offline, { browserOnline: true }, 30).liveStatus).toBe('live');
  });

  it('keeps the moment live updates stopped through reconnection attempts', () => {
    let state = nextLiveState(initialLiveState(true, 0), { socketStatus: 'live' }, 10);
    state = nextLiveState(state, { socketStatus: 'reconnecting' }, 50);
    state = nextLiveState(state, { socketStatus: 'reconnecting', reconnectAttempt: 2 }, 60);
    state = nextLiveState(state, { browserOnline: false }, 70);
    expect(state).toMatchObject({ liveStatus: 'offline', notLiveSince: 50, everLive: true });
    state = nextLiveState(state, { browserOnline: true }, 80);
    expect(state).toMatchObject({ liveStatus: 'reconnecting', reconnectAttempt: 2 });
    state = nextLiveState(state, { socketStatus: 'live' }, 90);
    expect(state).toMatchObject({ liveStatus: 'live', reconnectAttempt: 0 });
  });

  it('counts a page that never connected as never live, stopped since it opened', () => {
    const state = nextLiveState(initialLiveState(false, 5), { socketStatus: 'reconnecting', reconnectAttempt: 1 }, 9);
    expect(state).toMatchObject({ liveStatus: 'offline', notLiveSince: 5, everLive: false });
  });
});
