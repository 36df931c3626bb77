import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LedgerEntryView, StreakView } from '@opsquest/contracts';
import { Flame, Snowflake, TriangleAlert } from 'lucide-react';
import { useMe } from '../api/me.queries';
import { profileKeys, useMastery, useProfileLedger, usePersonRecord } from '../api/profile.queries';
import { BadgeCabinet } from '../components/badge-cabinet';
import { CompeteWithYourself } from '../components/compete-with-yourself';
import { PersonalBests } from '../components/personal-bests';
import { SkillTracks } from '../components/skill-tracks';
import { Panel } from '../components/panel';
import { WithheldList } from '../components/withheld-list';
import { ParticipationSettingsForm } from '../components/participation-settings';
import { SoundSetting } from '../components/sound-setting';
import { PointsChart } from '../components/points-chart';
import { EmptyState, ErrorState, LoadingState } from '../components/query-states';
import { formatNumber, formatSignedPoints, formatWhen, humanize } from '../lib/format';
import { useSignedInUser } from '../stores/session.store';
import { Icon } from '../components/icon';
import '../styles/profile.css';
import '../styles/kudos.css';

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

function streakNote(streak: StreakView): { text: string; tone: 'risk' | 'broken' | 'ok' | 'none' } {
  if (streak.atRisk && streak.freezeCoversToday) return { text: 'No work yet today: a streak freeze will cover today if it passes without any.', tone: 'ok' };
  if (streak.atRisk) return { text: 'Today is at risk: score once today to keep your streak.', tone: 'risk' };
  if (streak.current === 0 && streak.brokeOn !== undefined) return { text: `Broke on ${formatDay(streak.brokeOn)}. Score today to start again.`, tone: 'broken' };
  if (streak.current === 0) return { text: 'No streak yet: score on a working day to start one.', tone: 'none' };
  return { text: `Safe today${streak.lastActiveDay !== undefined ? ` (last active ${formatDay(streak.lastActiveDay)})` : ''}.`, tone: 'ok' };
}

function HistoryEntry({ entry }: { entry: LedgerEntryView }) {
  const negative = entry.points < 0;
  const reversal = entry.reversalOf !== undefined;
  return (
    <li className={`history__entry${negative ? ' history__entry--negative' : ''}`} data-testid="history-entry" data-points={entry.points} data-reversal={reversal}>
      <span className={`history__points${negative ? ' history__points--negative' : ''}`}>
        {formatSignedPoints(entry.points)}
        <span className="visually-hidden"> points</span>
      </span>
      <span className="history__reason">
        {entry.reason}
        {reversal && <span className="tag tag--small history__reversal">Reversal</span>}
      </span>
      <span className="history__rule">
        {entry.ruleId} v{entry.ruleVersion}
      </span>
      <time className="history__when" dateTime={entry.at}>
        {formatWhen(entry.at)}
      </time>
    </li>
  );
}

function StreakDetails({ streak }: { streak: StreakView }) {
  const note = streakNote(streak);
  return (
    <div className="profile-streak" data-current={streak.current} data-at-risk={streak.atRisk}>
      <dl className="profile-stats">
        <div>
          <dt>Current</dt>
          <dd>
            <Icon of={Flame} />{' '}
            {streak.current} {streak.current === 1 ? 'day' : 'days'}
          </dd>
        </div>
        <div>
          <dt>Best</dt>
          <dd>
            {streak.best} {streak.best === 1 ? 'day' : 'days'}
          </dd>
        </div>
        <div data-testid="profile-freezes">
          <dt>Freezes</dt>
          <dd>
            <Icon of={Snowflake} /> {streak.freezes}
          </dd>
        </div>
      </dl>
      <p className={`profile-streak__note profile-streak__note--${note.tone}`} data-testid="streak-note">
        {note.tone === 'risk' && <Icon of={TriangleAlert} className="icon--lead" />}
        {note.text}
      </p>
    </div>
  );
}

/** My level, streak, badges, 30 days of points and every entry of my points history with its reason. */
export function ProfilePage() {
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  const me = useMe();
  const record = usePersonRecord(user.id);
  const ledger = useProfileLedger();
  const mastery = useMastery(user.id, true);
  const points = me.data?.points;

  // Points arrive on the socket and refresh ['me']: the per-day record follows.
  useEffect(() => {
    if (points === undefined) return;
    void queryClient.invalidateQueries({ queryKey: profileKeys.person(user.id) });
    void queryClient.invalidateQueries({ queryKey: profileKeys.mastery(user.id) });
  }, [points, queryClient, user.id]);

  return (
    <div className="page page--profile">
      <title>My profile · OpsQuest</title>
      <header className="page__header">
        <h1 className="page__title">My profile</h1>
        <p className="page__subtitle">
          {user.displayName} · {humanize(user.role)}
          {user.team ? ` · ${user.team.name}` : ''}
        </p>
      </header>
      {me.isPending ? (
        <LoadingState label="Loading your profile…" />
      ) : me.isError ? (
        <ErrorState title="Could not load your profile" error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <div className="profile-page">
          <Panel title="Level" testId="profile-level" className="profile-page__level">
            <div className="profile-level" data-level={me.data.level.level}>
              <span className="profile-level__badge" aria-hidden="true">
                {me.data.level.level}
              </span>
              <div className="profile-level__body">
                <p className="profile-level__title">
                  Level {me.data.level.level} · {me.data.level.title}
                </p>
                <div
                  className="progress"
                  role="progressbar"
                  aria-label={`Progress to level ${me.data.level.level + 1}`}
                  aria-valuemin={me.data.level.levelStartXp}
                  aria-valuemax={me.data.level.nextLevelXp}
                  aria-valuenow={me.data.level.xp}
                  aria-valuetext={`${formatNumber(me.data.level.xp)} of ${formatNumber(me.data.level.nextLevelXp)} XP`}
                >
                  <span className="progress__fill" style={{ width: `${Math.min(100, Math.max(0, me.data.level.progressPct))}%` }} />
                </div>
                <p className="profile-level__xp" data-testid="profile-xp">
                  {formatNumber(me.data.level.xp)} / {formatNumber(me.data.level.nextLevelXp)} XP ·{' '}
                  {formatNumber(Math.max(0, me.data.level.nextLevelXp - me.data.level.xp))} to level {me.data.level.level + 1}
                </p>
              </div>
            </div>
            <dl className="profile-stats">
              <div>
                <dt>Points</dt>
                <dd data-testid="profile-points">{formatNumber(me.data.points)}</dd>
              </div>
              <div>
                <dt>Today</dt>
                <dd>{formatSignedPoints(me.data.pointsToday)}</dd>
              </div>
              {record.data && (
                <div>
                  <dt>SLA met</dt>
                  <dd>
                    {record.data.slaRecord.attainmentPct === null ? '–' : `${Math.round(record.data.slaRecord.attainmentPct)}%`}
                    <span className="profile-stats__hint">
                      {' '}
                      ({record.data.slaRecord.met} met, {record.data.slaRecord.breached} breached)
                    </span>
                  </dd>
                </div>
              )}
              {record.data && (
                <div data-testid="profile-customers-protected" data-customers={record.data.customersProtected.customers}>
                  <dt>Customers protected</dt>
                  <dd>
                    {formatNumber(record.data.customersProtected.customers)}
                    <span className="profile-stats__hint"> (last 30 days)</span>
                  </dd>
                </div>
              )}
            </dl>
          </Panel>

          <Panel title="Streak" testId="profile-streak" className="profile-page__streak">
            <StreakDetails streak={me.data.streak} />
          </Panel>

          <Panel title="This week vs my average" testId="profile-compete" className="profile-page__compete">
            {mastery.isPending ? (
              <LoadingState label="Loading your averages…" />
            ) : mastery.isError ? (
              <ErrorState title="Could not load your averages" error={mastery.error} onRetry={() => void mastery.refetch()} />
            ) : (
              <CompeteWithYourself view={mastery.data.compete} />
            )}
          </Panel>

          <Panel title="Skill tracks" testId="profile-tracks" className="profile-page__tracks">
            {mastery.isPending ? (
              <LoadingState label="Loading your skill tracks…" />
            ) : mastery.isError ? (
              <ErrorState title="Could not load your skill tracks" error={mastery.error} onRetry={() => void mastery.refetch()} />
            ) : (
              <SkillTracks tracks={mastery.data.tracks} role={user.role} />
            )}
          </Panel>

          <Panel title="Personal bests" testId="profile-bests" className="profile-page__bests">
            {mastery.isPending ? (
              <LoadingState label="Loading your personal bests…" />
            ) : mastery.isError ? (
              <ErrorState title="Could not load your personal bests" error={mastery.error} onRetry={() => void mastery.refetch()} />
            ) : (
              <PersonalBests bests={mastery.data.bests} />
            )}
          </Panel>

          <Panel title="Last 30 days" testId="profile-chart" className="profile-page__chart">
            {record.isPending ? (
              <LoadingState label="Loading your points by day…" />
            ) : record.isError ? (
              <ErrorState title="Could not load your points by day" error={record.error} onRetry={() => void record.refetch()} />
            ) : (
              <PointsChart days={record.data.pointsByDay} />
            )}
          </Panel>

          <Panel
            title="Badge cabinet"
            testId="profile-badges"
            className="profile-page__badges"
            meta={`${me.data.badges.filter((b) => b.earned).length} of ${me.data.badges.length} earned`}
          >
            <BadgeCabinet badges={me.data.badges} />
          </Panel>

          <Panel title="Participation" testId="profile-participation" className="profile-page__participation">
            <ParticipationSettingsForm />
            <SoundSetting />
          </Panel>

          <Panel title="Points history" testId="profile-history" className="profile-page__history" meta={ledger.data ? `${ledger.data.length} entries` : undefined}>
            {ledger.isPending ? (
              <LoadingState label="Loading your points history…" />
            ) : ledger.isError ? (
              <ErrorState title="Could not load your points history" error={ledger.error} onRetry={() => void ledger.refetch()} />
            ) : ledger.data.length === 0 ? (
              <EmptyState title="No points yet">Your points appear here with the reason for each one.</EmptyState>
            ) : (
              <ol className="history" tabIndex={0} aria-label="Points entries, newest first">
                {ledger.data.map((entry) => (
                  <HistoryEntry key={entry.entryId} entry={entry} />
                ))}
              </ol>
            )}
          </Panel>
          <div className="profile-page__withheld">
            <WithheldList />
          </div>
        </div>
      )}
    </div>
  );
}
