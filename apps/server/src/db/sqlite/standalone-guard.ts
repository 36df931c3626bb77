import type { SqliteUnitOfWork } from './unit-of-work.sqlite';

/**
 * Wraps a SQLite adapter so that each of its methods called outside a unit of work goes through
 * `uow.standalone` (see there): it waits for another caller's open unit instead of slipping into
 * that transaction. Calls made inside a unit run at once, as part of it.
 */
export function guardedBy<T extends object>(uow: SqliteUnitOfWork, adapter: T): T {
  // one wrapper per function, looked up by the function itself: a method replaced on the adapter
  // (a test making a store fail) is the one that runs
  const wrapped = new WeakMap<object, unknown>();
  return new Proxy(adapter, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      // Synchronous generators (the worker thread's log reader) pass as they are: they read lazily, on the
      // caller's turn, and a promise around one would hide it.
      if (typeof value !== 'function' || isGenerator(value)) return value;
      let fn = wrapped.get(value);
      if (!fn) {
        const method = value as (...args: unknown[]) => unknown;
        // An async generator (the paged readers of events and ledger) reads each page on its own
        // turn: each page goes through `standalone` like any other call.
        fn = isAsyncGenerator(value)
          ? (...args: unknown[]): AsyncGenerator<unknown> => pagesThrough(uow, method.apply(target, args) as AsyncGenerator<unknown>)
          : (...args: unknown[]): Promise<unknown> => uow.standalone(() => method.apply(target, args));
        wrapped.set(value, fn);
      }
      return fn;
    },
  });
}

const GeneratorFunction = Object.getPrototypeOf(function* () {
  /* only its constructor is wanted */
}).constructor as unknown;

const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {
  /* only its constructor is wanted */
}).constructor as unknown;

function isGenerator(fn: unknown): boolean {
  return typeof fn === 'function' && fn.constructor === GeneratorFunction;
}

function isAsyncGenerator(fn: unknown): boolean {
  return typeof fn === 'function' && fn.constructor === AsyncGeneratorFunction;
}

async function* pagesThrough(uow: SqliteUnitOfWork, source: AsyncGenerator<unknown>): AsyncGenerator<unknown> {
  try {
    for (;;) {
      const next = await uow.standalone(() => source.next());
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await source.return(undefined);
  }
}
