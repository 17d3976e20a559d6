/** Reading /api/sync to the end, as a phone does. */
import { expect } from 'vitest';
import type { SyncResponse } from '../../../src/shared/schemas/sync';
import type { TestContext } from './databases';

export async function syncOnce(ctx: TestContext, token: string, cursor?: string): Promise<SyncResponse> {
  const q = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  const res = await ctx.call('GET', `/api/sync${q}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as SyncResponse;
}

/** All pages until `more` is false; returns the pages and the final cursor. */
export async function syncAll(ctx: TestContext, token: string, cursor?: string): Promise<{ pages: SyncResponse[]; cursor: string }> {
  const pages: SyncResponse[] = [];
  let next = cursor;
  for (let i = 0; i < 100; i++) {
    const page = await syncOnce(ctx, token, next);
    pages.push(page);
    next = page.cursor;
    if (!page.more) return { pages, cursor: page.cursor };
  }
  throw new Error('sync never ended');
}

export function idsOf(pages: SyncResponse[], entity: keyof Omit<SyncResponse, 'cursor' | 'more' | 'serverTime'>): string[] {
  return pages.flatMap((p) => (p[entity] as { id: string }[]).map((r) => r.id));
}
