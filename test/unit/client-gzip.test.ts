/** The outbox's body compression on its own: what it sends is what the server will read. */
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { gzip } from '../../src/client/data/gzip';

describe('gzip (request bodies)', () => {
  it('compresses so that the server gets back the exact text, Vietnamese included', async () => {
    const text = JSON.stringify({ reports: Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, note: 'Số liệu thôn Kon Sơ Lăl' })) });
    const body = await gzip(text);
    expect(body).not.toBeNull();
    expect(body!.byteLength).toBeLessThan(Buffer.byteLength(text));
    expect(gunzipSync(body!).toString('utf8')).toBe(text);
  });
});
