import type { ParticipationSettings, ParticipationView } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';

/** A person's participation settings: public boards, the feed, kudos. Every change is audited. */
export class ParticipationService {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
  ) {}

  async get(personId: string): Promise<ParticipationView> {
    return { personId, ...(await this.repos.participation.find(personId)) };
  }

  async update(personId: string, settings: ParticipationSettings): Promise<ParticipationView> {
    const now = this.now();
    await this.repos.uow.run(async () => {
      const before = await this.repos.participation.find(personId);
      await this.repos.participation.save(personId, settings, now);
      await this.repos.audit.record(now, {
        actorId: personId,
        action: 'participation.update',
        targetType: 'person',
        targetId: personId,
        reason: 'participation settings changed by the person',
        details: { before, after: settings },
      });
    });
    return this.get(personId);
  }
}
