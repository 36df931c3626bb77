import { useId } from 'react';
import type { BadgeIconName } from '@opsquest/contracts';
import { BADGE_ICON_CHOICES, BADGE_ICONS } from '../lib/badge-icons';
import { AdminFieldError, describedBy } from './admin-field-error';
import { Icon } from './icon';

interface BadgeIconPickerProps {
  value: BadgeIconName;
  onChange: (icon: BadgeIconName) => void;
  /** the server's message for the icon, shown under the choices */
  error: string | undefined;
}

/**
 * The icon of a new badge: a radio group of the badge icons, each named for screen readers (arrow
 * keys move between them), with the chosen one's name written under the grid.
 */
export function BadgeIconPicker({ value, onChange, error }: BadgeIconPickerProps) {
  const groupName = useId();
  const chosenId = useId();
  const errorId = useId();
  return (
    <fieldset className="field icon-picker" aria-describedby={describedBy(chosenId, error !== undefined && errorId)} data-testid="badge-icon-picker">
      <legend className="field__label">Icon</legend>
      <div className="icon-picker__options">
        {BADGE_ICON_CHOICES.map((name) => {
          const { svg, label } = BADGE_ICONS[name];
          return (
            <label key={name} className="icon-picker__option" title={label}>
              <input
                type="radio"
                className="icon-picker__input"
                name={groupName}
                value={name}
                checked={value === name}
                onChange={() => onChange(name)}
                aria-label={label}
                aria-invalid={error !== undefined}
                data-testid={`badge-icon-${name}`}
              />
              <Icon of={svg} size={22} />
            </label>
          );
        })}
      </div>
      <p className="icon-picker__chosen" id={chosenId}>
        Chosen: {BADGE_ICONS[value].label}
      </p>
      <AdminFieldError id={errorId} message={error} />
    </fieldset>
  );
}
