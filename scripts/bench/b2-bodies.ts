/** Request bodies for B2: the next events of a fixed-seed workload, one or a batch per request. */
import type { AcRequest } from './autocannon';
import type { Workload } from './workload';

/** Request bodies (one event, or a batch) made ahead of the run; more are made if a run outlasts them. */
export class BodySource {
  private readonly bodies: string[] = [];
  private index = 0;
  /** bodies made during the run because the pre-made ones ran out */
  madeLate = 0;

  constructor(
    private readonly workload: Workload,
    readonly perRequest: number,
    premade: number,
  ) {
    this.make(premade);
  }

  private make(n: number): void {
    for (let i = 0; i < n; i += 1) {
      this.bodies.push(JSON.stringify(this.perRequest === 1 ? this.workload.next() : this.workload.take(this.perRequest)));
    }
  }

  /** autocannon's request: POST /api/events with the next body, each 2xx answer handed to `onAnswer`. */
  request(apiKey: string, onAnswer: (body: string) => void): AcRequest {
    return {
      method: 'POST',
      path: '/api/events',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      setupRequest: (req) => ({ ...req, body: this.next() }),
      onResponse: (status, body) => {
        if (status >= 200 && status < 300) onAnswer(body);
      },
    };
  }

  next(): string {
    if (this.index >= this.bodies.length) {
      this.make(1000);
      this.madeLate += 1000;
    }
    const body = this.bodies[this.index] ?? '';
    this.bodies[this.index] = ''; // sent: let it go
    this.index += 1;
    return body;
  }

  /** events handed to autocannon so far (built into a request; each is sent at most once) */
  get eventsTaken(): number {
    return this.index * this.perRequest;
  }
}
