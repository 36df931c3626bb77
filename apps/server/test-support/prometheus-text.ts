/** One sample of the Prometheus text exposition format: `name{label="value",...} value`. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** What a scrape said: its samples, and each metric family's HELP and TYPE lines. */
export interface PromScrape {
  samples: PromSample[];
  help: Map<string, string>;
  type: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/gy;

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

function parseValue(text: string): number {
  if (/^\+?inf$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf$/i.test(text)) return Number.NEGATIVE_INFINITY;
  // prom-client writes NaN as "Nan"; Prometheus reads any case (Go's strconv.ParseFloat)
  if (text.toLowerCase() === 'nan') return Number.NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`not a sample value: ${text}`);
  return value;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  let end = 0;
  for (let m = LABEL.exec(text); m; m = LABEL.exec(text)) {
    labels[m[1] ?? ''] = unescapeLabel(m[2] ?? '');
    end = LABEL.lastIndex;
  }
  if (end !== text.length) throw new Error(`malformed labels in: ${line}`);
  return labels;
}

/** Parses a scrape strictly: a line that is neither a comment nor a sample fails the test that reads it. */
export function parsePrometheusText(text: string): PromScrape {
  const scrape: PromScrape = { samples: [], help: new Map(), type: new Map() };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      (meta[1] === 'HELP' ? scrape.help : scrape.type).set(meta[2] ?? '', meta[3] ?? '');
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    scrape.samples.push({ name: m[1] ?? '', labels: m[2] ? parseLabels(m[2], line) : {}, value: parseValue(m[3] ?? '') });
  }
  return scrape;
}

/** The value of the one sample with this name whose labels include `labels`; undefined when there is none. */
export function sampleValue(scrape: PromScrape, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = scrape.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}: name more labels`);
  return found[0]?.value;
}
