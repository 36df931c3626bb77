/** The B4 clients' child process (b4-clients.ts), driven over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromClients, ToClients } from './b4-clients';

export const CLIENTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'b4-clients.ts');

export type Reply<T extends FromClients['type']> = Extract<FromClients, { type: T }>;

export class Clients {
  private readonly child: ChildProcess;
  private exited = false;
  private readonly waiting = new Set<{ type: FromClients['type']; resolve: (m: FromClients) => void; reject: (e: Error) => void }>();

  constructor() {
    // The same tsx loader as this process (npx tsx puts it in execArgv); a plain node gets it by --import.
    const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : ['--import', 'tsx'];
    this.child = fork(CLIENTS_FILE, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    this.child.on('message', (m: FromClients) => {
      for (const w of this.waiting) {
        if (w.type !== m.type) continue;
        this.waiting.delete(w);
        w.resolve(m);
        return;
      }
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      for (const w of this.waiting) w.reject(new Error(`the clients' process exited (${signal ?? code ?? 'unknown'}) while waiting for '${w.type}'`));
      this.waiting.clear();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  request<T extends FromClients['type']>(message: ToClients, reply: T, timeoutMs: number): Promise<Reply<T>> {
    return new Promise((resolve, reject) => {
      if (this.exited) {
        reject(new Error("the clients' process is not running"));
        return;
      }
      const entry = {
        type: reply,
        resolve: (m: FromClients) => {
          clearTimeout(timer);
          resolve(m as Reply<T>);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiting.delete(entry);
        reject(new Error(`no '${reply}' from the clients' process within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.add(entry);
      this.child.send(message);
    });
  }

  kill(): void {
    if (!this.exited && this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
