/** Test data in the shapes of Alertmanager 0.25's API v2. */

/** A gettable alert as Alertmanager 0.25's GET /api/v2/alerts answers it. */
export const gettable = (fingerprint: string, labels: Record<string, string>, state: 'active' | 'suppressed' | 'unprocessed' = 'active') => ({
  annotations: { summary: `alert ${fingerprint}` },
  endsAt: '2026-11-20T09:04:00.000Z',
  fingerprint,
  receivers: [{ name: 'opsquest' }],
  startsAt: '2026-11-20T08:00:00.000Z',
  status: { inhibitedBy: [], silencedBy: state === 'suppressed' ? ['5a3b'] : [], state },
  updatedAt: '2026-11-20T08:59:00.000Z',
  generatorURL: 'http://prometheus.example.net:9090/graph',
  labels,
});
