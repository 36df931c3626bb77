import type { KeyboardEvent } from 'react';

export interface TabOption<T extends string> {
  value: T;
  label: string;
}

interface TabListProps<T extends string> {
  label: string;
  options: readonly TabOption<T>[];
  value: T;
  onChange: (value: T) => void;
  /** id of the element the tabs control */
  controls: string;
  testId?: string;
}

const NEXT_KEYS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/** WAI-ARIA tabs with a roving tab stop: arrows, Home and End move and select. */
export function TabList<T extends string>({ label, options, value, onChange, controls, testId }: TabListProps<T>) {
  const selectAt = (index: number, container: HTMLElement | null): void => {
    const count = options.length;
    const option = options[((index % count) + count) % count];
    if (!option) return;
    onChange(option.value);
    container?.querySelector<HTMLElement>(`[data-value="${option.value}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const current = options.findIndex((o) => o.value === value);
    const step = NEXT_KEYS[event.key];
    let target: number | undefined;
    if (step !== undefined) target = current + step;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = options.length - 1;
    if (target === undefined) return;
    event.preventDefault();
    selectAt(target, event.currentTarget);
  };

  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown} data-testid={testId}>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            role="tab"
            className={`tabs__tab${selected ? ' tabs__tab--selected' : ''}`}
            aria-selected={selected}
            aria-controls={controls}
            tabIndex={selected ? 0 : -1}
            data-value={option.value}
            onClick={() => onChange(option.value)}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
