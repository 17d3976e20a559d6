import { expect, it } from 'vitest';
import { coalesced } from '../../src/client/data/coalesce';

it('runs one sync at a time: requests during a run share exactly one follow-up run', async () => {
  let runs = 0;
  let active = 0;
  let maxActive = 0;
  const release: Array<() => void> = [];
  const run = coalesced(async () => {
    runs++;
    active++;
    maxActive = Math.max(maxActive, active);
    await new Promise<void>((r) => release.push(r));
    active--;
  });
  const first = run();
  const second = run();
  const third = run();
  expect(second).toBe(third);
  expect(runs).toBe(1);
  release.shift()!();
  await first;
  await new Promise((r) => setTimeout(r, 0));
  expect(runs).toBe(2); // the follow-up started after the first finished
  release.shift()!();
  await Promise.all([second, third]);
  expect(runs).toBe(2);
  expect(maxActive).toBe(1);
  // Idle again: a new request runs at once.
  const fourth = run();
  expect(runs).toBe(3);
  release.shift()!();
  await fourth;
});
