import { dayFromNumber, dayNumber, startOfLocalDay, windowKeys, type EngineConfig } from '@opsquest/core';
import type { PersonView, TeamSummary } from '@opsquest/contracts';
import { forbidden, notFound } from '../domain-errors';
import type { Repositories } from '../ports/repositories';
import type { Principal } from '../use-cases/auth.service';
import type { ProfileService } from './profile.service';
import { customersProtectedByUsername, customersProtectedOf, UNTIL_NOW } from './customers-protected';
import { Visibility } from './visibility';
import { toLedgerView } from './work-item.view';

/** May `viewer` see `target`'s full record? Themselves, their own lead, and admins. */
export function canSeePerson(viewer: Principal, target: { id: string; teamId: string | null }): boolean {
  if (viewer.id === target.id || viewer.role === 'admin') return true;
  return viewer.role === 'lead' && viewer.teamId !== null && viewer.teamId === target.teamId;
}

/** A person's record for themselves and their lead: history, badges, streak, SLA record. */
export class PeopleService {
  constructor(
    private readonly repos: Repositories,
    private readonly profile: ProfileService,
    private readonly config: EngineConfig,
    private readonly now: () => number = Date.now,
  ) {}

  async view(personId: string, viewer: Principal): Promise<PersonView> {
    const person = await this.repos.people.findById(personId);
    if (!person) throw notFound(`Person ${personId} not found`);
    if (!canSeePerson(viewer, person)) {
      // Someone who hides from public boards does not exist for peers.
      if (!(await this.repos.participation.find(person.id)).publicBoards) throw notFound(`Person ${personId} not found`);
      throw forbidden('Only the person, their own lead or an admin may see this record');
    }
    const today = windowKeys(this.now(), this.config.timeZone).day;
    const since = dayFromNumber(dayNumber(today) - 29);
    const byDay = new Map((await this.repos.insights.pointsByDay(person.id, since)).map((r) => [r.day, r.points]));
    const pointsByDay = Array.from({ length: 30 }, (_, i) => {
      const day = dayFromNumber(dayNumber(since) + i);
      return { day, points: byDay.get(day) ?? 0 };
    });
    const sla = await this.repos.insights.slaOutcomes(person.username);
    const summary = await this.profile.summary(person);
    const history = (await this.repos.ledger.recentForPerson(person.id, 50)).map(toLedgerView);
    const protectedBy = await customersProtectedByUsername(this.repos, startOfLocalDay(since, this.config.timeZone), UNTIL_NOW);
    return {
      ...summary,
      history,
      slaRecord: {
        met: sla.met,
        breached: sla.breached,
        attainmentPct: sla.met + sla.breached > 0 ? Math.round((sla.met / (sla.met + sla.breached)) * 1000) / 10 : null,
      },
      pointsByDay,
      customersProtected: customersProtectedOf(protectedBy, [person]),
    };
  }

  /** Teams and their members; people who hide from public boards are listed only for those who may see them. */
  async teams(viewer?: Principal): Promise<TeamSummary[]> {
    const visibility = new Visibility(this.repos);
    const people: Awaited<ReturnType<Repositories['people']['listActive']>> = [];
    for (const p of await this.repos.people.listActive()) if (await visibility.showsOnBoards(viewer, p)) people.push(p);
    return (await this.repos.people.listTeams()).map((team) => ({
      ...team,
      members: people.filter((p) => p.teamId === team.id).map((p) => ({ id: p.id, displayName: p.displayName, role: p.role })),
    }));
  }
}
