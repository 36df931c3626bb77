import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MATRIX_PRINCIPALS, PRINCIPAL_LABELS, ROUTE_POLICY } from '../../test-support/security/access-matrix';
import { REGENERATE_COMMAND, SECURITY_DOC, routeMatrixMarkdown, securityDocBlocks, syncSecurityDoc, type DocBlock } from '../../test-support/security/access-matrix.doc';
import { socketMatrixMarkdown } from '../../test-support/security/socket-matrix.doc';

const blocks = (routes: string, socket: string): DocBlock[] => [
  { name: 'routes', heading: '## Route matrix', markdown: routes },
  { name: 'socket', heading: '## Socket events', markdown: socket },
];

describe('the route matrix in docs/SECURITY.md', () => {
  it('renders one table row per route with a column per principal', () => {
    const md = routeMatrixMarkdown();
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    // header, separator, one per route
    expect(rows).toHaveLength(ROUTE_POLICY.length + 2);
    for (const p of MATRIX_PRINCIPALS) expect(rows[0]).toContain(PRINCIPAL_LABELS[p]);
    const adjustments = rows.find((r) => r.includes('`/api/people/:id/adjustments`'));
    expect(adjustments?.split('|').map((c) => c.trim())).toEqual(['', 'POST', '`/api/people/:id/adjustments`', 'session', '401', '403', '403', 'own team', 'allow', '401', '401', expect.any(String), '']);
    expect(rows.find((r) => r.includes('`/api/events`'))).toContain('key `events:write`');
  });

  it('creates the document with just the two blocks under their headings when there is none', () => {
    const doc = syncSecurityDoc(undefined, blocks('ROUTES', 'SOCKET'));
    expect(doc).toBe('# OpsQuest security\n\n## Route matrix\n\n<!-- matrix:routes -->\nROUTES\n<!-- /matrix:routes -->\n\n## Socket events\n\n<!-- matrix:socket -->\nSOCKET\n<!-- /matrix:socket -->\n');
  });

  it('replaces only what is between the markers, keeping the hand-written text, and is stable', () => {
    const before = '# Security\n\nThreat model by hand.\n\n## Route matrix\n\n<!-- matrix:routes -->\nold table\n<!-- /matrix:routes -->\n\nMore prose.\n\n## Socket events\n\n<!-- matrix:socket -->\n<!-- /matrix:socket -->\n\nThe end.\n';
    const after = syncSecurityDoc(before, blocks('new routes', 'new socket'));
    expect(after).toBe('# Security\n\nThreat model by hand.\n\n## Route matrix\n\n<!-- matrix:routes -->\nnew routes\n<!-- /matrix:routes -->\n\nMore prose.\n\n## Socket events\n\n<!-- matrix:socket -->\nnew socket\n<!-- /matrix:socket -->\n\nThe end.\n');
    expect(syncSecurityDoc(after, blocks('new routes', 'new socket'))).toBe(after);
  });

  it('inserts a missing block under its heading at the end, and refuses half a pair of markers', () => {
    const doc = syncSecurityDoc('# Security\n\nThreat model.\n', blocks('R', 'S'));
    expect(doc).toBe('# Security\n\nThreat model.\n\n## Route matrix\n\n<!-- matrix:routes -->\nR\n<!-- /matrix:routes -->\n\n## Socket events\n\n<!-- matrix:socket -->\nS\n<!-- /matrix:socket -->\n');
    expect(() => syncSecurityDoc('<!-- matrix:routes -->\nno end', blocks('R', 'S'))).toThrow(/markers/);
    expect(() => syncSecurityDoc('<!-- /matrix:routes --> <!-- matrix:routes -->', blocks('R', 'S'))).toThrow(/markers/);
  });

  it(`is up to date in ${SECURITY_DOC} (else run: ${REGENERATE_COMMAND})`, () => {
    const path = fileURLToPath(new URL(`../../../../${SECURITY_DOC}`, import.meta.url));
    expect(existsSync(path), `${SECURITY_DOC} is missing: run ${REGENERATE_COMMAND}`).toBe(true);
    const current = readFileSync(path, 'utf8');
    const expected = syncSecurityDoc(current, securityDocBlocks(socketMatrixMarkdown()));
    expect(current === expected, `${SECURITY_DOC} is out of date: run ${REGENERATE_COMMAND}`).toBe(true);
  });
});
