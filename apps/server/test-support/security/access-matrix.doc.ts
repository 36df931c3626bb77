import { MATRIX_PRINCIPALS, PRINCIPAL_LABELS, ROUTE_POLICY, type MatrixCell, type RouteAuth, type RoutePolicy } from './access-matrix';

/**
 * docs/SECURITY.md carries two generated tables between markers: the route matrix (from
 * ROUTE_POLICY) and the socket events (from socket-matrix.doc.ts). Everything outside the markers
 * is written by hand and kept as it is. `npx tsx scripts/security-matrix.ts` rewrites the tables;
 * access-matrix.doc.test.ts fails while the file is out of date.
 */

export const SECURITY_DOC = 'docs/SECURITY.md';
export const REGENERATE_COMMAND = 'npx tsx scripts/security-matrix.ts';

export interface DocBlock {
  /** the marker name: `<!-- matrix:NAME -->` ... `<!-- /matrix:NAME -->` */
  name: 'routes' | 'socket';
  /** the heading the block goes under when the file does not have it yet */
  heading: string;
  markdown: string;
}

const begin = (name: string): string => `<!-- matrix:${name} -->`;
const end = (name: string): string => `<!-- /matrix:${name} -->`;

const CELL_TEXT: Record<string, string> = { allow: 'allow', 'own-team': 'own team', self: 'self', '401': '401', '403': '403' };

function cellText(cell: MatrixCell): string {
  return CELL_TEXT[String(cell)] ?? String(cell);
}

function authText(auth: RouteAuth): string {
  if (auth.kind === 'public') return 'none';
  if (auth.kind === 'session') return 'session';
  if (auth.kind === 'sessionOrApiKey') return `session or key \`${auth.scope}\``;
  return `key \`${auth.scope}\``;
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');

/** The route matrix as a Markdown table with its legend. */
export function routeMatrixMarkdown(policy: readonly RoutePolicy[] = ROUTE_POLICY): string {
  const header = ['method', 'path', 'credentials', ...MATRIX_PRINCIPALS.map((p) => PRINCIPAL_LABELS[p]), 'note'];
  const rows = policy.map((r) => [r.method, `\`${r.path}\``, authText(r.auth), ...MATRIX_PRINCIPALS.map((p) => cellText(r.who[p])), escapeCell(r.note)]);
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    `Generated from \`apps/server/test-support/security/access-matrix.ts\` by \`${REGENERATE_COMMAND}\`; checked cell by cell against the running server by \`access-matrix.test.ts\`.`,
    '',
    '- **allow**: passes authentication and authorisation (the answer may still be 400 / 404 / 409 about the request itself).',
    "- **own team**: allowed on the caller's own team (its people, their held points, proposals, missions, truck-rolls); 403 on another team's.",
    "- **self**: allowed on the caller's own record or item; 403 on someone else's.",
    '- **401**: no valid credentials of the kind the route takes: a session route ignores API keys, an API-key route ignores session cookies.',
    '- **403**: authenticated, but the role (or the key\'s scope) may not.',
    `- The lead is the lead of team t-noc; the API-key columns of a session route use a key with every scope and one with a single scope. (${policy.length} routes, ${policy.length * MATRIX_PRINCIPALS.length} cells.)`,
    '',
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
  ].join('\n');
}

function blockText(block: DocBlock): string {
  return `${begin(block.name)}\n${block.markdown.trim()}\n${end(block.name)}`;
}

/**
 * The security document with each block's content replaced between its markers. A block whose
 * markers are missing is appended under its heading; no document at all gives a skeleton with the
 * blocks only. Text outside the markers is never touched.
 */
export function syncSecurityDoc(current: string | undefined, blocks: readonly DocBlock[]): string {
  if (current === undefined) {
    return `# OpsQuest security\n${blocks.map((b) => `\n${b.heading}\n\n${blockText(b)}\n`).join('')}`;
  }
  let text = current;
  for (const block of blocks) {
    const from = text.indexOf(begin(block.name));
    const to = text.indexOf(end(block.name));
    if (from === -1 && to === -1) {
      text = `${text.replace(/\s*$/, '')}\n\n${block.heading}\n\n${blockText(block)}\n`;
      continue;
    }
    if (from === -1 || to === -1 || to < from) throw new Error(`${SECURITY_DOC}: the ${begin(block.name)} and ${end(block.name)} markers must both be there, in that order`);
    text = `${text.slice(0, from)}${blockText(block)}${text.slice(to + end(block.name).length)}`;
  }
  return text;
}

/** The two blocks docs/SECURITY.md carries, given the socket table. */
export function securityDocBlocks(socketMarkdown: string): DocBlock[] {
  return [
    { name: 'routes', heading: '## Route matrix', markdown: routeMatrixMarkdown() },
    { name: 'socket', heading: '## Socket events', markdown: socketMarkdown },
  ];
}
