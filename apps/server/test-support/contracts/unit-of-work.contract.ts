import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginFailureRow } from '../../src/services/ports/auth-stores';
import type { OpenFixture, PersistenceFixture } from './persistence-fixture';

const failure = (username: string, failures = 1): LoginFailureRow => ({ username, failures, firstFailedAt: 1_000, lastFailedAt: 2_000, lockedUntil: null });

/** The UnitOfWork port's promises, checked the same way on every adapter. */
export function describeUnitOfWorkContract(adapter: string, open: OpenFixture): void {
  describe(`UnitOfWork contract (${adapter})`, () => {
    let f: PersistenceFixture;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    it('commits every write of a unit that returns, and hands back its result', async () => {
      const result = await f.uow.run(async () => {
        await f.loginFailures.save(failure('ann'));
        await f.loginFailures.save(failure('bob'));
        return 'done';
      });
      expect(result).toBe('done');
      expect(await f.loginFailures.get('ann')).toEqual(failure('ann'));
      expect(await f.loginFailures.get('bob')).toEqual(failure('bob'));
    });

    it('keeps none of the writes of a unit that throws, and rethrows its error', async () => {
      await f.loginFailures.save(failure('ann', 1));
      const boom = new Error('boom');
      await expect(
        f.uow.run(async () => {
          await f.loginFailures.save(failure('ann', 5));
          await f.loginFailures.save(failure('bob'));
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await f.loginFailures.get('ann')).toEqual(failure('ann', 1));
      expect(await f.loginFailures.get('bob')).toBeUndefined();
    });

    it('lets a nested unit fail alone: the outer unit keeps its own writes', async () => {
      await f.uow.run(async () => {
        await f.loginFailures.save(failure('outer'));
        await expect(
          f.uow.run(async () => {
            await f.loginFailures.save(failure('inner'));
            throw new Error('inner fails');
          }),
        ).rejects.toThrow('inner fails');
        await f.uow.run(async () => {
          await f.loginFailures.save(failure('inner-ok'));
        });
      });
      expect(await f.loginFailures.get('outer')).toBeDefined();
      expect(await f.loginFailures.get('inner')).toBeUndefined();
      expect(await f.loginFailures.get('inner-ok')).toBeDefined();
    });

    it('rolls back a nested unit that committed when its outer unit throws', async () => {
      await expect(
        f.uow.run(async () => {
          await f.uow.run(async () => {
            await f.loginFailures.save(failure('inner'));
          });
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect(await f.loginFailures.get('inner')).toBeUndefined();
    });

    it('never lets one caller\'s failing unit take another caller\'s writes with it', async () => {
      let enteredA = (): void => undefined;
      const aInside = new Promise<void>((resolve) => {
        enteredA = resolve;
      });
      const a = f.uow.run(async () => {
        await f.loginFailures.save(failure('a'));
        enteredA();
        await new Promise((r) => setTimeout(r, 20));
        throw new Error('a fails');
      });
      await aInside;
      const b = f.uow.run(async () => {
        await f.loginFailures.save(failure('b'));
      });
      await expect(a).rejects.toThrow('a fails');
      await b;
      expect(await f.loginFailures.get('a')).toBeUndefined();
      expect(await f.loginFailures.get('b')).toBeDefined();
    });

    it('runs many concurrent units without losing one', async () => {
      await Promise.all(Array.from({ length: 50 }, (_, i) => f.uow.run(async () => f.loginFailures.save(failure(`u${i}`, i + 1)))));
      for (let i = 0; i < 50; i += 1) expect((await f.loginFailures.get(`u${i}`))?.failures).toBe(i + 1);
    });
  });
}
