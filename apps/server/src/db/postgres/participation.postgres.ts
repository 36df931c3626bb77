import { DEFAULT_PARTICIPATION, type ParticipationSettings } from '@opsquest/contracts';
import { type ParticipationStore } from '../../services/ports/participation-store';
import type { PgExecutor } from './executor.postgres';

interface RawParticipation {
  person_id: string;
  public_boards: number;
  show_in_feed: number;
  accept_kudos: number;
  /** NULL: the role's default */
  plays_game: number | null;
}

const COLUMNS = 'person_id, public_boards, show_in_feed, accept_kudos, plays_game';

function toSettings(r: RawParticipation): ParticipationSettings {
  return {
    publicBoards: r.public_boards === 1,
    showInFeed: r.show_in_feed === 1,
    acceptKudos: r.accept_kudos === 1,
    ...(r.plays_game === null ? {} : { playsGame: r.plays_game === 1 }),
  };
}

/** PostgreSQL's ParticipationStore: settings per person; a person without a row has every switch on. */
export class PgParticipationStore implements ParticipationStore {
  constructor(private readonly pg: PgExecutor) {}

  async find(personId: string): Promise<ParticipationSettings> {
    const r = await this.pg.one<RawParticipation>(`SELECT ${COLUMNS} FROM participation WHERE person_id = $1`, [personId]);
    return r ? toSettings(r) : { ...DEFAULT_PARTICIPATION };
  }

  async save(personId: string, settings: ParticipationSettings, now: number): Promise<void> {
    await this.pg.run(
      `INSERT INTO participation (person_id, public_boards, show_in_feed, accept_kudos, plays_game, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (person_id) DO UPDATE SET public_boards = EXCLUDED.public_boards, show_in_feed = EXCLUDED.show_in_feed,
         accept_kudos = EXCLUDED.accept_kudos, plays_game = EXCLUDED.plays_game, updated_at = EXCLUDED.updated_at`,
      [personId, settings.publicBoards ? 1 : 0, settings.showInFeed ? 1 : 0, settings.acceptKudos ? 1 : 0, settings.playsGame === undefined ? null : settings.playsGame ? 1 : 0, now],
    );
  }

  /** Everyone with at least one switch off (few people): one read per request instead of one per row. */
  async restrictedById(): Promise<Map<string, ParticipationSettings>> {
    const rows = await this.pg.rows<RawParticipation>(`SELECT ${COLUMNS} FROM participation WHERE public_boards = 0 OR show_in_feed = 0 OR accept_kudos = 0`);
    return new Map(rows.map((r) => [r.person_id, toSettings(r)]));
  }
}
