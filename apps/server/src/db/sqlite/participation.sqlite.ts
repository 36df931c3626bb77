import { DEFAULT_PARTICIPATION, type ParticipationSettings } from '@opsquest/contracts';
import type { Db } from '../database';
import { type ParticipationStore } from '../../services/ports/participation-store';

interface RawParticipation {
  person_id: string;
  public_boards: number;
  show_in_feed: number;
  accept_kudos: number;
  /** NULL: the role's default */
  plays_game: number | null;
}

function toSettings(r: RawParticipation): ParticipationSettings {
  return {
    publicBoards: r.public_boards === 1,
    showInFeed: r.show_in_feed === 1,
    acceptKudos: r.accept_kudos === 1,
    ...(r.plays_game === null ? {} : { playsGame: r.plays_game === 1 }),
  };
}

/** Participation settings per person; a person without a row has every switch on. */
export class SqliteParticipationStore implements ParticipationStore {
  private readonly one;
  private readonly put;
  private readonly restricted;

  constructor(db: Db) {
    this.one = db.prepare<[string], RawParticipation>('SELECT * FROM participation WHERE person_id = ?');
    this.put = db.prepare(
      `INSERT INTO participation (person_id, public_boards, show_in_feed, accept_kudos, plays_game, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET public_boards = excluded.public_boards, show_in_feed = excluded.show_in_feed,
         accept_kudos = excluded.accept_kudos, plays_game = excluded.plays_game, updated_at = excluded.updated_at`,
    );
    this.restricted = db.prepare<[], RawParticipation>('SELECT * FROM participation WHERE public_boards = 0 OR show_in_feed = 0 OR accept_kudos = 0');
  }

  async find(personId: string): Promise<ParticipationSettings> {
    const r = this.one.get(personId);
    return r ? toSettings(r) : { ...DEFAULT_PARTICIPATION };
  }

  async save(personId: string, settings: ParticipationSettings, now: number): Promise<void> {
    const playsGame = settings.playsGame === undefined ? null : settings.playsGame ? 1 : 0;
    this.put.run(personId, settings.publicBoards ? 1 : 0, settings.showInFeed ? 1 : 0, settings.acceptKudos ? 1 : 0, playsGame, now);
  }

  /** Everyone with at least one switch off (few people): one read per request instead of one per row. */
  async restrictedById(): Promise<Map<string, ParticipationSettings>> {
    return new Map(this.restricted.all().map((r) => [r.person_id, toSettings(r)]));
  }
}
