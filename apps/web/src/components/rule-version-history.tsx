import type { RuleSetVersionView } from '@opsquest/contracts';
import { formatWhen } from '../lib/format';

/** Every published version: who, when, why. */
export function RuleVersionHistory({ history }: { history: RuleSetVersionView[] }) {
  return (
    <div className="table-scroll">
      <table className="rules-table" data-testid="rule-history">
        <caption className="visually-hidden">Rule set versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">By</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {history.map((v) => (
            <tr key={v.version} data-version={v.version}>
              <th scope="row">v{v.version}</th>
              <td>
                <time dateTime={v.publishedAt}>{formatWhen(v.publishedAt)}</time>
              </td>
              <td>{v.publishedBy ?? 'OpsQuest defaults'}</td>
              <td>{v.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
