import { useEffect, useRef, useState } from 'react';
import { Eye, RotateCcw, Send } from 'lucide-react';
import type { PublishedRuleSet, RulesView } from '@opsquest/contracts';
import { isApiRequestError } from '../api/http';
import { bodyFieldErrors, usePreviewRules, usePublishRules } from '../api/rules.queries';
import { Icon } from './icon';
import { Panel } from './panel';
import { RuleBadgeTable } from './rule-badge-table';
import { draftFromForm, formFromConfig, type DraftForm } from './rule-draft';
import { RuleEditor } from './rule-editor';
import { RuleGateSettings } from './rule-gate-settings';
import { RulePublishForm } from './rule-publish-form';
import { RuleRegionWeights } from './rule-region-weights';
import { WhatIfResults } from './what-if-results';

/** Errors under `prefix` ("draft.rules.2.") with the prefix taken off ("basePoints"). */
function under(errors: Record<string, string>, prefix: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [path, message] of Object.entries(errors)) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = message;
  return out;
}

/**
 * The draft of the next rule-set version: rule numbers, badge thresholds, quality gates and region
 * weights; a what-if preview of the last 30 days; publishing with a reason. Mounted per version, so
 * a new version starts a fresh draft.
 */
export function RuleSetEditor({ view, onPublished }: { view: RulesView; onPublished: (result: PublishedRuleSet) => void }) {
  const [form, setForm] = useState<DraftForm>(() => formFromConfig(view.current.config));
  const [reason, setReason] = useState('');
  const preview = usePreviewRules();
  const publish = usePublishRules();
  const failed = publish.isError ? publish.error : preview.isError ? preview.error : null;
  const errors = bodyFieldErrors(failed);
  const otherError = failed && !isApiRequestError(failed, 400) ? failed.message : undefined;
  const invalid = failed !== null && isApiRequestError(failed, 400) && Object.keys(errors).some((p) => p.startsWith('draft.'));

  const badgeErrors = under(errors, 'draft.badges.');

  const whatIfRef = useRef<HTMLDivElement>(null);
  const publishRef = useRef<HTMLDivElement>(null);
  // The results are below the long form: bring them into view when they arrive (the wrappers have no box of their own).
  useEffect(() => {
    if (preview.data) whatIfRef.current?.firstElementChild?.scrollIntoView({ block: 'start' });
  }, [preview.data]);
  const goToPublish = (): void => {
    publishRef.current?.firstElementChild?.scrollIntoView({ block: 'start' });
    publishRef.current?.querySelector('textarea')?.focus({ preventScroll: true });
  };

  const runPreview = (): void => {
    publish.reset();
    preview.mutate(draftFromForm(form));
  };
  const runPublish = (): void => {
    preview.reset();
    // Not mutate's onSuccess: the published version remounts this editor (a fresh draft) before it would run.
    publish.mutateAsync({ draft: draftFromForm(form), reason: reason.trim() }).then(onPublished, () => undefined);
  };

  return (
    <>
      <Panel title="Draft of the next version" testId="rule-draft">
        <div className="rules-draft">
          <div className="rules-actionbar" role="toolbar" aria-label="Draft actions" data-testid="rule-actionbar">
            <button type="button" className="button button--secondary" onClick={runPreview} disabled={preview.isPending} data-testid="rule-preview">
              <Icon of={Eye} size={16} /> {preview.isPending ? 'Replaying…' : 'Preview last 30 days'}
            </button>
            <button type="button" className="button button--primary" onClick={goToPublish}>
              <Icon of={Send} size={16} /> Publish…
            </button>
            <button type="button" className="button button--ghost" onClick={() => setForm(formFromConfig(view.current.config))}>
              <Icon of={RotateCcw} size={16} /> Reset the draft
            </button>
          </div>
          <p className="rules-hint">Each rule and badge shows the rule-set version that last changed it.</p>
          <div className="rules-rules">
            {form.rules.map((rule, i) => (
              <RuleEditor
                key={rule.id}
                rule={rule}
                errors={under(errors, `draft.rules.${i}.`)}
                onChange={(next) => setForm((f) => ({ ...f, rules: f.rules.map((r, j) => (j === i ? next : r)) }))}
              />
            ))}
          </div>
          <RuleGateSettings gates={form.gates} errors={under(errors, 'draft.')} onChange={(gates) => setForm((f) => ({ ...f, gates }))} />
          <RuleRegionWeights regions={form.regions} errors={under(errors, 'draft.regionWeights.')} onChange={(regions) => setForm((f) => ({ ...f, regions }))} />
          <details className="rules-badges" open={Object.keys(badgeErrors).length > 0 ? true : undefined}>
            <summary>Badge thresholds and bonus points</summary>
            <RuleBadgeTable badges={form.badges} errors={badgeErrors} onChange={(badges) => setForm((f) => ({ ...f, badges }))} />
          </details>
          {invalid && (
            <p className="form__error" role="alert">
              Some numbers are not valid: check the highlighted fields.
            </p>
          )}
        </div>
      </Panel>
      <div ref={whatIfRef} className="rules-anchor">
        {(preview.isPending || preview.data) && (
          <Panel title="What-if: the last 30 days" testId="what-if-panel">
            {preview.isPending ? (
              <p role="status" className="rules-hint">
                Replaying the last 30 days…
              </p>
            ) : preview.data ? (
              <WhatIfResults result={preview.data} />
            ) : null}
          </Panel>
        )}
      </div>
      <div ref={publishRef} className="rules-anchor">
        <Panel title="Publish" testId="rule-publish-panel">
          <RulePublishForm
            reason={reason}
            onReasonChange={setReason}
            onPublish={runPublish}
            pending={publish.isPending}
            reasonError={errors.reason}
            formError={otherError}
          />
        </Panel>
      </div>
    </>
  );
}
