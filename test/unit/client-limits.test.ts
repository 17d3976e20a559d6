import { describe, expect, it } from 'vitest';
import * as limits from '../../src/client/data/limits';
import { MAX_NOTE_LENGTH, MAX_REPORTS_PER_BATCH } from '../../src/shared/schemas/reports';
import { SYNC_ENTITIES } from '../../src/shared/schemas/sync';
import { MAX_HOUSEHOLD_CHANGES } from '../../src/shared/schemas/registers';

// The phone keeps its own copy of these to stay free of zod; they must match the contract.
describe('field app limits match the wire contract', () => {
  it('batch size, note length and synced entities', () => {
    expect(limits.MAX_REPORTS_PER_BATCH).toBe(MAX_REPORTS_PER_BATCH);
    expect(limits.MAX_NOTE_LENGTH).toBe(MAX_NOTE_LENGTH);
    expect(limits.MAX_HOUSEHOLD_CHANGES).toBe(MAX_HOUSEHOLD_CHANGES);
    expect([...limits.SYNC_ENTITIES]).toEqual([...SYNC_ENTITIES]);
  });
});
