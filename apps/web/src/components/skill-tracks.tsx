import type { Role, SkillTrackView } from '@opsquest/contracts';
import { Package, Siren, Truck, type LucideIcon } from 'lucide-react';
import { formatNumber } from '../lib/format';
import { Icon } from './icon';
import { tracksForRole } from './skill-track-filter';

const ICONS: Record<SkillTrackView['id'], LucideIcon> = { alarm: Siren, truckroll: Truck, order: Package };

function SkillTrack({ track }: { track: SkillTrackView }) {
  const pct = Math.min(100, Math.max(0, track.progressPct));
  return (
    <li className="skill-track" data-testid="skill-track" data-track={track.id} data-level={track.level}>
      <p className="skill-track__head">
        <span className="skill-track__icon" aria-hidden="true">
          <Icon of={ICONS[track.id]} />
        </span>
        <span className="skill-track__name">{track.name}</span>
        <span className="skill-track__level">
          Level {track.level} · {track.title}
        </span>
      </p>
      <p className="skill-track__description">{track.description}</p>
      {track.next ? (
        <>
          <div
            className="progress progress--small"
            role="progressbar"
            aria-label={`${track.name}: progress to level ${track.level + 1}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={`${formatNumber(Math.max(0, track.xp))} of ${formatNumber(track.next.xp)} XP`}
          >
            <span className="progress__fill" style={{ width: `${pct}%` }} />
          </div>
          <p className="skill-track__next">
            {formatNumber(track.xp)} / {formatNumber(track.next.xp)} XP · level {track.level + 1} unlocks <strong>{track.next.unlocks}</strong>
          </p>
        </>
      ) : (
        <p className="skill-track__next">{formatNumber(track.xp)} XP · top level reached</p>
      )}
    </li>
  );
}

/**
 * Mastery per kind of work: each track's level, title, XP and what the next level unlocks. Only the
 * tracks of the person's role and of work they have actually done (see tracksForRole).
 */
export function SkillTracks({ tracks, role }: { tracks: readonly SkillTrackView[]; role: Role }) {
  return (
    <ul className="skill-tracks" aria-label="Skill tracks">
      {tracksForRole(role, tracks).map((track) => (
        <SkillTrack key={track.id} track={track} />
      ))}
    </ul>
  );
}
