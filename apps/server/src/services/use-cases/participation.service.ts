import type { ParticipationSettings, ParticipationView } from '@opsquest/contracts';
import type { Repositories } from '../../repositories';

/** A person's participation settings: public boards, the feed, kudos. Every change is audited. */
export class ParticipationService {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
  ) {}

  get(personId: string): ParticipationView {
    return { personId, ...this.repos.participation.find(personId) };
  }

  update(personId: string, settings: ParticipationSettings): ParticipationView {
    const now = this.now();
    this.repos.uow.runSync(() => {
      const before = this.repos.participation.find(personId);
      this.repos.participation.save(personId, settings, now);
      this.repos.audit.record(now, {
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
