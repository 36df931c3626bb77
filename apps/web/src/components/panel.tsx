import { useId, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** e.g. a count next to the heading */
  meta?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** A titled section; the heading names the region for screen readers. */
export function Panel({ title, meta, className, testId, children }: PanelProps) {
  const headingId = useId();
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} aria-labelledby={headingId} data-testid={testId}>
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          {title}
        </h2>
        {meta !== undefined && <span className="panel__meta">{meta}</span>}
      </header>
      {children}
    </section>
  );
}
