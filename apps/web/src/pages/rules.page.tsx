import { useState } from 'react';
import type { PublishedRuleSet } from '@opsquest/contracts';
import { isApiRequestError } from '../api/http';
import { useRules } from '../api/rules.queries';
import { AuditLogList } from '../components/audit-log-list';
import { Panel } from '../components/panel';
import { ErrorState, LoadingState } from '../components/query-states';
import { RuleSetEditor } from '../components/rule-set-editor';
import { RuleVersionHistory } from '../components/rule-version-history';
import { formatWhen } from '../lib/format';
import '../styles/admin.css';
import '../styles/rules.css';

function Title() {
  return (
    <header className="page__header">
      <h1 className="page__title">Scoring rules</h1>
      <p className="page__subtitle">Every version is kept: each ledger entry names the rule version that paid it. Preview a change on the last 30 days before publishing it.</p>
    </header>
  );
}

/** Versioned scoring rules for leads and admins: the version in force and its history, the draft editor with its what-if preview, publishing, and the audit log. */
export function RulesPage() {
  const rules = useRules();
  const [published, setPublished] = useState<PublishedRuleSet | undefined>(undefined);

  if (isApiRequestError(rules.error, 403)) {
    return (
      <div className="page page--rules">
        <title>Rules · OpsQuest</title>
        <h1 className="page__title">Scoring rules</h1>
        <div className="admin-denied" role="alert" data-testid="rules-forbidden">
          <p className="admin-denied__title">Leads and admins only</p>
          <p>Scoring rules are set by team leads and admins. Ask your lead if a rule seems unfair.</p>
        </div>
      </div>
    );
  }

  return (
    <div className="page page--rules">
      <title>Rules · OpsQuest</title>
      <Title />
      {rules.isPending ? (
        <LoadingState label="Loading the scoring rules…" />
      ) : rules.isError ? (
        <ErrorState title="Could not load the scoring rules" error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <div className="rules-page">
          <Panel title="Version in force" testId="rule-version" meta={`v${rules.data.current.version}`}>
            <p className="rules-current" data-testid="rule-current-version" data-version={rules.data.current.version}>
              Version {rules.data.current.version}, published {formatWhen(rules.data.current.publishedAt)} by {rules.data.current.publishedBy ?? 'OpsQuest (defaults)'}: “
              {rules.data.current.reason}”
            </p>
            {published && (
              <p className="rules-published" role="status" data-testid="rule-published">
                Version {published.version} published: {published.changes.length} change{published.changes.length === 1 ? '' : 's'}.
              </p>
            )}
            <RuleVersionHistory history={rules.data.history} />
          </Panel>
          <RuleSetEditor key={rules.data.current.version} view={rules.data} onPublished={setPublished} />
          <Panel title="Audit log" testId="audit-panel">
            <AuditLogList />
          </Panel>
        </div>
      )}
    </div>
  );
}
