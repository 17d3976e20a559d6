/** Widening pg_stat_activity's 32-bit xids against the snapshot's xmax (xid8), across epochs. */
import { expect, it } from 'vitest';
import { horizonBelow } from '../../src/server/db/dialect';

const EPOCH = 1n << 32n;

it('takes the oldest running xid below xmax, and xmax when none is below it', () => {
  expect(horizonBelow(1000n, [])).toBe(1000);
  expect(horizonBelow(1000n, [990n, 995n])).toBe(990);
  expect(horizonBelow(5n * EPOCH + 1000n, [990n])).toBe(Number(5n * EPOCH + 990n));
});

it('ignores transactions at or past xmax (they began after the snapshot): never negative, never past xmax', () => {
  // The old widening took 1003 as the previous epoch's: (-1 << 32) | 1003 on a first-epoch cluster.
  expect(horizonBelow(1000n, [1000n, 1003n])).toBe(1000);
  expect(horizonBelow(3n * EPOCH + 1000n, [1003n, 995n])).toBe(Number(3n * EPOCH + 995n));
});

it('widens an xid from just before an epoch boundary into the previous epoch', () => {
  const xmax = 7n * EPOCH + 10n; // xmax just after the wrap
  expect(horizonBelow(xmax, [EPOCH - 6n])).toBe(Number(7n * EPOCH - 6n));
  expect(horizonBelow(xmax, [EPOCH - 6n, 4n])).toBe(Number(7n * EPOCH - 6n));
  expect(horizonBelow(xmax, [12n])).toBe(Number(xmax));
});
