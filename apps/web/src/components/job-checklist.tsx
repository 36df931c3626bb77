import { useId } from 'react';
import { CloudUpload } from 'lucide-react';
import type { ShownChecklistItem } from '../lib/field-checklist';

interface JobChecklistProps {
  items: readonly ShownChecklistItem[];
  /** a closed visit's list is shown, not changed */
  disabled: boolean;
  onTick: (id: string, done: boolean) => void;
}

/**
 * What to check or do on site. A tick is kept on the phone first and synced through the field
 * outbox like any other action, so it works without a network and survives a reload.
 */
export function JobChecklist({ items, disabled, onTick }: JobChecklistProps) {
  const baseId = useId();
  if (items.length === 0) return null;
  const done = items.filter((item) => item.done).length;
  return (
    <fieldset className="job-checklist" data-testid="job-checklist" disabled={disabled}>
      <legend className="job-checklist__legend">
        Checklist{' '}
        <span className="job-checklist__count" data-testid="job-checklist-count">
          {done} of {items.length} done
        </span>
      </legend>
      <ul className="job-checklist__items">
        {items.map((item, i) => {
          const inputId = `${baseId}-${i}`;
          return (
            <li key={item.id} className={`job-checklist__item${item.done ? ' job-checklist__item--done' : ''}`} data-testid="job-checklist-item" data-id={item.id} data-done={item.done} data-sync={item.waiting ? 'pending' : 'synced'}>
              <label className="checkbox job-checklist__check" htmlFor={inputId}>
                <input id={inputId} type="checkbox" checked={item.done} onChange={(e) => onTick(item.id, e.target.checked)} />
                <span className="job-checklist__label">{item.label}</span>
                {item.waiting && (
                  <span className="job-checklist__waiting">
                    <CloudUpload aria-hidden="true" size={16} />
                    <span className="visually-hidden">, waiting to sync</span>
                  </span>
                )}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
