import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { KeyRound, TriangleAlert } from 'lucide-react';
import { Icon } from './icon';

type CopyStatus = 'idle' | 'copied' | 'failed';

interface AdminSecretBoxProps {
  title: string;
  /** e.g. "API key" or "Signing secret" */
  label: string;
  value: string;
  /** what to do if it is lost */
  lostHint: string;
  onDismiss: () => void;
  testId?: string;
  children?: ReactNode;
}

/** A one-time secret: shown once after creation, with Copy and a warning that it will not be shown again. */
export function AdminSecretBox({ title, label, value, lostHint, onDismiss, testId, children }: AdminSecretBoxProps) {
  const headingId = useId();
  const valueId = useId();
  const boxRef = useRef<HTMLElement>(null);
  const [copy, setCopy] = useState<CopyStatus>('idle');

  // The box appears after a submit: move focus to it so keyboard and screen-reader users find it.
  useEffect(() => {
    boxRef.current?.focus();
  }, [value]);

  const onCopy = async (): Promise<void> => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) {
      setCopy('failed');
      return;
    }
    try {
      await clipboard.writeText(value);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <section ref={boxRef} className="admin-secret" aria-labelledby={headingId} tabIndex={-1} data-testid={testId}>
      <h3 id={headingId} className="admin-secret__title">
        <Icon of={KeyRound} />{' '}
        {title}
      </h3>
      <p className="admin-secret__warning">
        <Icon of={TriangleAlert} />{' '}
        <strong>Copy it now: it will not be shown again.</strong> {lostHint}
      </p>
      <div className="admin-secret__row">
        <span className="visually-hidden" id={valueId}>
          {label}
        </span>
        <code className="admin-secret__value" aria-labelledby={valueId} data-testid="secret-value">
          {value}
        </code>
        <button type="button" className="button button--primary button--small" onClick={() => void onCopy()}>
          Copy
        </button>
      </div>
      <p className="admin-secret__copy" role="status">
        {copy === 'copied' ? `${label} copied to the clipboard.` : copy === 'failed' ? 'Copying is not available here: select the text and copy it.' : ''}
      </p>
      {children}
      <button type="button" className="button button--secondary button--small" onClick={onDismiss}>
        I have stored it, hide
      </button>
    </section>
  );
}
