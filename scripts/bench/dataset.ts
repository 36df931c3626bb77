/**
 * Benchmark datasets, generated from a fixed seed: S (10k people, 1M ledger rows) and M (100k
 * people, 10M ledger rows), both over 90 days ending at a fixed instant, with skewed activity (a
 * Zipf-like weight by person). A dataset is a real OpsQuest SQLite file (all migrations applied):
 * teams, people, the ledger, the leaderboard aggregates that sum it, and progress (XP). It holds no
 * event log: the ledger rows stand for scored work, which is what leaderboards and start-up read.
 *
 * Files are cached under data/bench/ and reused while the generator's version and seed match.
 * `npx tsx scripts/bench/dataset.ts M` builds one ahead of time.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { windowKeys, type WindowKeys } from '@opsquest/core';
import { openDatabase, type Db } from '../../apps/server/src/db/database';
import { migrate } from '../../apps/server/src/db/migrate';
import { Random } from '../../apps/server/src/demo/random';
import { BENCH_PASSWORD_HASH, ROOT } from './bench-kit';
import { BENCH_SEED, makeOrganisation, SkewedPicker } from './workload';

export type DatasetSize = 'smoke' | 'S' | 'M';

export const DATASETS: Record<DatasetSize, { people: number; ledgerRows: number; days: number }> = {
  smoke: { people: 500, ledgerRows: 20_000, days: 90 },
  S: { people: 10_000, ledgerRows: 1_000_000, days: 90 },
  M: { people: 100_000, ledgerRows: 10_000_000, days: 90 },
};

/** Bump when the generator changes: cached files of another version are rebuilt. */
const GENERATOR_VERSION = 1;
/** The dataset's last instant: a Tuesday afternoon, so day, week and month boards are all busy. */
export const DATASET_END = Date.UTC(2026, 10, 24, 15, 0, 0);
const DAY_MS = 86_400_000;

export interface Dataset {
  path: string;
  size: DatasetSize;
  people: number;
  teams: number;
  ledgerRows: number;
  boardRows: number;
  end: number;
  /** seconds the generation took; 0 when the cached file was used */
  builtInS: number;
}

const RULES: readonly (readonly [string, number, number])[] = [
  ['alarm.acknowledged', 6, 30],
  ['alarm.cleared', 12, 35],
  ['order.completed', 15, 20],
  ['truckroll.completed', 20, 10],
  ['truckroll.firstTimeFix', 10, 4],
  ['badge:first-responder', 25, 1],
];

function datasetPath(size: DatasetSize): string {
  return join(ROOT, 'data/bench', `dataset-${size}-seed${BENCH_SEED}-v${GENERATOR_VERSION}.db`);
}

function readMeta(db: Db): Dataset | undefined {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'bench.dataset'").pluck().get() as string | undefined;
  return row ? (JSON.parse(row) as Dataset) : undefined;
}

/** The dataset file, built when missing. */
export function ensureDataset(size: DatasetSize, log: (line: string) => void = console.log): Dataset {
  const path = datasetPath(size);
  if (existsSync(path)) {
    const db = openDatabase(path);
    try {
      const meta = readMeta(db);
      if (meta) {
        // A cached dataset follows the schema: migrations added since it was built are applied once.
        const applied = migrate(db);
        if (applied.length > 0) {
          db.pragma('wal_checkpoint(TRUNCATE)');
          log(`dataset ${size}: applied ${applied.join(', ')}`);
        }
        return { ...meta, path, builtInS: 0 };
      }
    } finally {
      db.close();
    }
  }
  return buildDataset(size, path, log);
}

/** A private copy of a dataset to write into (benchmarks that ingest must not change the cached file). */
export function copyDataset(dataset: Dataset, dir: string): string {
  const target = join(dir, 'opsquest.db');
  copyFileSync(dataset.path, target);
  return target;
}

function buildDataset(size: DatasetSize, path: string, log: (line: string) => void): Dataset {
  const spec = DATASETS[size];
  const started = performance.now();
  mkdirSync(join(ROOT, 'data/bench'), { recursive: true });
  const building = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${building}${suffix}`, { force: true });
  const db = openDatabase(building);
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  migrate(db);
  const org = makeOrganisation(spec.people);
  const teamIndex = new Map(org.teams.map((t, i) => [t.id, i]));
  const personTeam = Int32Array.from(org.people, (p) => teamIndex.get(p.teamId) ?? -1);
  db.transaction(() => {
    const team = db.prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)');
    const person = db.prepare('INSERT INTO people (id, username, display_name, role, team_id, password_hash, work_days, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)');
    for (const t of org.teams) team.run(t.id, t.name, DATASET_END - spec.days * DAY_MS);
    for (const p of org.people) person.run(p.id, p.username, p.displayName, p.role, p.teamId, BENCH_PASSWORD_HASH, DATASET_END - spec.days * DAY_MS);
  })();
  log(`dataset ${size}: ${spec.people} people in ${org.teams.length} teams`);

  // Bulk load without the secondary ledger indexes; they are built once at the end.
  db.exec('DROP INDEX ledger_person; DROP INDEX ledger_event;');
  const insertLedger = db.prepare(
    `INSERT INTO ledger (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month, reversal_of)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  const insertBoard = db.prepare('INSERT INTO leaderboard (scope, win, period, subject_id, points) VALUES (?, ?, ?, ?, ?)');
  const rng = new Random(BENCH_SEED);
  const picker = new SkewedPicker(
    org.people.map((_, i) => i),
    0.9,
  );
  const rules = new SkewedPicker(RULES.flatMap((r) => Array.from({ length: r[2] }, () => r)), 0);
  const people = spec.people;
  const teams = org.teams.length;
  // Sums per period: individual and team, as typed arrays indexed by person / team number.
  const sums = new Map<string, { people: Float64Array; teams: Float64Array; touchedP: Uint8Array; touchedT: Uint8Array }>();
  const sumFor = (key: string) => {
    let s = sums.get(key);
    if (!s) {
      s = { people: new Float64Array(people), teams: new Float64Array(teams), touchedP: new Uint8Array(people), touchedT: new Uint8Array(teams) };
      sums.set(key, s);
    }
    return s;
  };
  let boardRows = 0;
  const flushPeriod = (key: string): void => {
    const s = sums.get(key);
    if (!s) return;
    const [win, period] = key.split('|') as [string, string];
    for (let i = 0; i < people; i += 1) if (s.touchedP[i]) insertBoard.run('individual', win, period, `bp-${i}`, s.people[i]);
    for (let t = 0; t < teams; t += 1) if (s.touchedT[t]) insertBoard.run('team', win, period, `bt-${t}`, s.teams[t]);
    boardRows += s.touchedP.reduce((n, v) => n + v, 0) + s.touchedT.reduce((n, v) => n + v, 0);
    sums.delete(key);
  };

  const perDay = Math.floor(spec.ledgerRows / spec.days);
  const firstDayStart = Math.floor(DATASET_END / DAY_MS) * DAY_MS - (spec.days - 1) * DAY_MS;
  let n = 0;
  let previous: WindowKeys | undefined;
  for (let d = 0; d < spec.days; d += 1) {
    const dayStart = firstDayStart + d * DAY_MS;
    const dayEnd = Math.min(dayStart + DAY_MS, DATASET_END);
    const rows = d === spec.days - 1 ? spec.ledgerRows - n : perDay;
    const windows = windowKeys(dayStart, 'UTC');
    if (previous) {
      flushPeriod(`day|${previous.day}`);
      if (previous.week !== windows.week) flushPeriod(`week|${previous.week}`);
      if (previous.month !== windows.month) flushPeriod(`month|${previous.month}`);
    }
    previous = windows;
    const keys = [`day|${windows.day}`, `week|${windows.week}`, `month|${windows.month}`, 'all|all'].map(sumFor);
    db.transaction(() => {
      for (let r = 0; r < rows; r += 1) {
        n += 1;
        const p = picker.pick(rng);
        const [ruleId, points] = rules.pick(rng);
        const at = dayStart + Math.floor(((dayEnd - dayStart) * r) / rows);
        const id = String(n).padStart(9, '0');
        const t = personTeam[p] ?? -1;
        insertLedger.run(`ds:${id}`, `bp-${p}`, t >= 0 ? `bt-${t}` : null, points, ruleId, `ds-ev:${id}`, `alarm:ds:${id}`, 'Benchmark dataset', at, windows.day, windows.week, windows.month);
        for (const s of keys) {
          s.people[p] = (s.people[p] ?? 0) + points;
          s.touchedP[p] = 1;
          if (t >= 0) {
            s.teams[t] = (s.teams[t] ?? 0) + points;
            s.touchedT[t] = 1;
          }
        }
      }
    })();
    if (d % 10 === 9) log(`dataset ${size}: day ${d + 1}/${spec.days}, ${n.toLocaleString('en-GB')} ledger rows`);
  }
  const all = sums.get('all|all');
  db.transaction(() => {
    for (const key of [...sums.keys()]) if (key !== 'all|all') flushPeriod(key);
    if (all) {
      const progress = db.prepare("INSERT INTO progress (person_id, xp, counters) VALUES (?, ?, '{}')");
      for (let i = 0; i < people; i += 1) if (all.touchedP[i]) progress.run(`bp-${i}`, all.people[i]);
    }
    flushPeriod('all|all');
  })();
  log(`dataset ${size}: building ledger indexes`);
  db.exec('CREATE INDEX ledger_person ON ledger (person_id, seq); CREATE INDEX ledger_event ON ledger (event_key);');
  db.exec('ANALYZE');
  const meta: Dataset = {
    path,
    size,
    people: spec.people,
    teams,
    ledgerRows: n,
    boardRows,
    end: DATASET_END,
    builtInS: (performance.now() - started) / 1000,
  };
  db.prepare("INSERT INTO settings (key, value) VALUES ('bench.dataset', ?)").run(JSON.stringify(meta));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(building, path);
  log(`dataset ${size}: ${n.toLocaleString('en-GB')} ledger rows, ${boardRows.toLocaleString('en-GB')} board rows in ${meta.builtInS.toFixed(0)} s`);
  return meta;
}

if (process.argv[1]?.endsWith('dataset.ts')) {
  const size = (process.argv[2] ?? 'S') as DatasetSize;
  if (!(size in DATASETS)) {
    console.error(`usage: dataset.ts smoke|S|M`);
    process.exit(2);
  }
  ensureDataset(size);
}
