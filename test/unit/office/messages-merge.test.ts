/**
 * The office's message catalogue is spread together from each area's (setup, plan, progress):
 * a key two areas both define would silently give one screen the other's words ("Đã đóng
 * {name}." became "Kế hoạch đã kết thúc." once). No key may be defined twice.
 */
import { describe, expect, it } from 'vitest';
import { setupVi } from '../../../src/client/office/setup-messages';
import { planVi } from '../../../src/client/office/plan/messages';
import { progressVi } from '../../../src/client/office/progress/messages';

describe('office message catalogues', () => {
  it('never define one key in two areas', () => {
    const areas = { setup: setupVi, plan: planVi, progress: progressVi };
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [area, catalogue] of Object.entries(areas)) {
      for (const key of Object.keys(catalogue)) {
        if (owner.has(key)) clashes.push(`${key}: ${owner.get(key)} and ${area}`);
        else owner.set(key, area);
      }
    }
    expect(clashes).toEqual([]);
  });
});
