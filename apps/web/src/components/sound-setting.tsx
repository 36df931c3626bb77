import { useId } from 'react';
import { playChime } from '../lib/chime';
import { usePreferencesStore } from '../stores/preferences.store';

/** One switch: a short chime with celebrations (badge, level-up, mission). Off until turned on; kept on this device. */
export function SoundSetting() {
  const id = useId();
  const hint = useId();
  const soundOn = usePreferencesStore((state) => state.soundOn);
  const setSoundOn = usePreferencesStore((state) => state.setSoundOn);
  return (
    <div className="participation__item" data-testid="sound-setting">
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="participation__switch"
        checked={soundOn}
        aria-describedby={hint}
        onChange={(e) => {
          setSoundOn(e.target.checked);
          // Turning it on plays the chime once: the person hears what they chose (and the browser allows audio).
          if (e.target.checked) playChime();
        }}
        data-testid="sound-switch"
      />
      <div>
        <label htmlFor={id} className="participation__label">
          Play a sound with celebrations
        </label>
        <p id={hint} className="participation__hint">
          {soundOn ? 'A short chime plays when you earn a badge, reach a level or complete a mission. On this device only.' : 'Celebrations are silent.'}
        </p>
      </div>
    </div>
  );
}
