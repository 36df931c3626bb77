import { SOCKET_AUDIENCE_LABELS, SOCKET_AUDIENCES, socketPolicyRows, type SocketDelivery } from './socket-matrix';

const MARK: Record<SocketDelivery, string> = {
  receives: 'yes',
  anonymised: 'anonymised',
  'not-sent': 'no (HTTP only)',
  denied: '**no**',
};

/** Pipes and line breaks would break a Markdown table cell; `<id>` would be read as an HTML tag. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s*\n\s*/g, ' ');
}

/** The socket policy (SOCKET_POLICY) as a Markdown table, with a legend and payload notes. */
export function socketMatrixMarkdown(): string {
  const rows = socketPolicyRows();
  const header = ['Event', 'Case', 'Rooms', ...SOCKET_AUDIENCES.map((a) => SOCKET_AUDIENCE_LABELS[a])];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(({ event, row }) => `| \`${event}\` | ${cell(row.when)} | ${cell(row.rooms)} | ${SOCKET_AUDIENCES.map((a) => MARK[row.who[a]]).join(' | ')} |`),
  ];
  const notes = rows.map(({ event, row }) => `- \`${event}\` (${row.id}): ${cell(row.payload)}`);
  return [
    'Columns are relative to the person the event concerns. yes: receives the payload; anonymised: receives it with',
    'people who opted out of the feed shown as "A teammate" (no id, no name); no (HTTP only): may read the same data',
    'over HTTP but is not sent it live; **no**: must never receive it. Anonymous sockets are refused at the handshake',
    '(no cookie, a forged or a logged-out session).',
    '',
    ...lines,
    '',
    'What each payload may contain:',
    '',
    ...notes,
    '',
  ].join('\n');
}
