// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { BADGE_ICON_NAMES, type BadgeIconName } from '@opsquest/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { BadgeIcon } from './badge-icon';
import { BadgeIconPicker } from './badge-icon-picker';

function Picker({ error }: { error?: string }) {
  const [icon, setIcon] = useState<BadgeIconName>('award');
  return <BadgeIconPicker value={icon} onChange={setIcon} error={error} />;
}

afterEach(cleanup);

describe('BadgeIconPicker', () => {
  it('is a radio group named "Icon" with one named radio per badge icon, the chosen one checked', () => {
    render(<Picker />);
    const group = screen.getByRole('group', { name: 'Icon' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual([...BADGE_ICON_NAMES]);
    expect((within(group).getByRole('radio', { name: 'Award ribbon' }) as HTMLInputElement).checked).toBe(true);
    expect(group.textContent).toContain('Chosen: Award ribbon');
    // the icons are SVG, hidden from screen readers (the radio's name says what it is)
    expect(group.querySelectorAll('svg.lucide[aria-hidden="true"]')).toHaveLength(BADGE_ICON_NAMES.length);
  });

  it('chooses another icon and says which', () => {
    render(<Picker />);
    fireEvent.click(screen.getByRole('radio', { name: 'Storm cloud' }));
    expect((screen.getByRole('radio', { name: 'Storm cloud' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'Award ribbon' }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByTestId('badge-icon-picker').textContent).toContain('Chosen: Storm cloud');
  });

  it('shows the server’s message under the choices and names it in the group’s description', () => {
    render(<Picker error="Choose one of the badge icons" />);
    const group = screen.getByRole('group', { name: 'Icon' });
    const error = within(group).getByTestId('field-error');
    expect(error.textContent).toContain('Choose one of the badge icons');
    expect(group.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
    expect(screen.getByRole('radio', { name: 'Rocket' }).getAttribute('aria-invalid')).toBe('true');
  });
});

describe('BadgeIcon', () => {
  it('draws a name, a legacy emoji and an unknown value as SVG, never as text', () => {
    const { container } = render(
      <p>
        <BadgeIcon icon="flame" />
        <BadgeIcon icon="🔥" />
        <BadgeIcon icon="🧹" />
      </p>,
    );
    const svgs = [...container.querySelectorAll('svg')];
    expect(svgs.map((s) => s.getAttribute('class'))).toEqual([
      expect.stringContaining('badge-icon--flame'),
      expect.stringContaining('badge-icon--flame'),
      expect.stringContaining('badge-icon--award'),
    ]);
    expect(svgs.every((s) => s.getAttribute('aria-hidden') === 'true')).toBe(true);
    expect(container.textContent).toBe('');
  });
});
