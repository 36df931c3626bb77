import { OPTIONAL_PLAYER_ROLES, takesPartInGame, type ParticipationSettings, type ParticipationView, type Role } from '@opsquest/contracts';
import { notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';

/** A person's participation settings: public boards, the feed, kudos, and (leads, admins) the game. Every change is audited. */
export class ParticipationService {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
  ) {}

  async get(personId: string): Promise<ParticipationView> {
    const role = await this.roleOf(personId);
    const settings = await this.repos.participation.find(personId);
    return { personId, ...settings, playsGame: takesPartInGame(role, settings), gameIsOptional: OPTIONAL_PLAYER_ROLES.includes(role) };
  }

  /**
   * Saves the switches. `playsGame` is kept as it was when the body leaves it out, and is stored only
   * for the roles that may choose (engineers and technicians always take part).
   */
  async update(personId: string, settings: ParticipationSettings): Promise<ParticipationView> {
    const now = this.now();
    const role = await this.roleOf(personId);
    await this.repos.uow.run(async () => {
      const before = await this.repos.participation.find(personId);
      const chosen = OPTIONAL_PLAYER_ROLES.includes(role) ? (settings.playsGame ?? before.playsGame) : undefined;
      const after: ParticipationSettings = {
        publicBoards: settings.publicBoards,
        showInFeed: settings.showInFeed,
        acceptKudos: settings.acceptKudos,
        ...(chosen === undefined ? {} : { playsGame: chosen }),
      };
      await this.repos.participation.save(personId, after, now);
      await this.repos.audit.record(now, {
        actorId: personId,
        action: 'participation.update',
        targetType: 'person',
        targetId: personId,
        reason: 'participation settings changed by the person',
        details: { before, after },
      });
    });
    return this.get(personId);
  }

  private async roleOf(personId: string): Promise<Role> {
    const person = await this.repos.people.findById(personId);
    if (!person) throw notFound('Person not found');
    return person.role;
  }
}
