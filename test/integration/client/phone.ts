/**
 * A phone for the client data-layer tests: the real field data layer on fake-indexeddb,
 * talking to the real server (createApp on a real database, through app.request) via a fetch
 * that can be told to misbehave the way village networks do: drop the answer after the server
 * has processed the request, fail before it arrives, or answer 5xx like an overloaded proxy.
 */
import 'fake-indexeddb/auto';
import { FieldDb } from '../../../src/client/data/db';
import { setMetas } from '../../../src/client/data/meta';
import type { FetchLike } from '../../../src/client/data/http';
import type { TestContext } from '../support/databases';
import type { TestUser } from '../support/fixtures';
import type { PublicUser } from '../../../src/shared/schemas';

export type Fault = 'none' | 'unreachable' | 'lost-response' | '503' | 'processed-502';

export interface RecordedCall {
  method: string;
  path: string;
  encoding: string | null;
  /** Report ids in a POST /api/reports body (read after gunzip). */
  reportIds: string[];
  status: number | 'network-error';
}

let phoneCount = 0;

export class Network {
  /** Faults for the next calls, in order; when empty, calls go through. */
  readonly faults: Fault[] = [];
  /** Applies to every call while set (e.g. a long outage). */
  always: Fault = 'none';
  readonly calls: RecordedCall[] = [];

  constructor(private readonly ctx: TestContext) {}

  fetch: FetchLike = async (input, init) => {
    const fault = this.faults.shift() ?? this.always;
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const call: RecordedCall = {
      method,
      path: input,
      encoding: headers.get('content-encoding'),
      reportIds: await reportIdsOf(init?.body, headers.get('content-encoding')),
      status: 'network-error',
    };
    this.calls.push(call);
    if (fault === 'unreachable') throw new TypeError('Failed to fetch');
    if (fault === '503') {
      call.status = 503;
      return new Response(JSON.stringify({ code: 'server.unavailable', message: 'Máy chủ đang bận. Vui lòng thử lại sau.' }), { status: 503 });
    }
    const response = await this.ctx.app.request(input, init);
    // The server has done its work; now the answer is lost on the way back.
    if (fault === 'lost-response') {
      await response.arrayBuffer();
      throw new TypeError('network connection was lost');
    }
    if (fault === 'processed-502') {
      await response.arrayBuffer();
      call.status = 502;
      return new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
    }
    call.status = response.status;
    return response;
  };
}

async function reportIdsOf(body: BodyInit | null | undefined, encoding: string | null): Promise<string[]> {
  if (!body) return [];
  let text: string;
  if (typeof body === 'string') text = body;
  else if (body instanceof Uint8Array) {
    const stream = new Blob([body as Uint8Array<ArrayBuffer>]).stream();
    text = await new Response(encoding === 'gzip' ? stream.pipeThrough(new DecompressionStream('gzip')) : stream).text();
  } else return [];
  try {
    const parsed = JSON.parse(text) as { reports?: Array<{ id: string }> };
    return parsed.reports?.map((r) => r.id) ?? [];
  } catch {
    return [];
  }
}

export interface Phone {
  db: FieldDb;
  network: Network;
  deps: { db: FieldDb; fetch: FetchLike };
}

/** A fresh phone database, not enrolled. */
export function newPhone(ctx: TestContext): Phone {
  const db = new FieldDb(`phone-${ctx.kind}-${++phoneCount}-${Date.now()}`);
  const network = new Network(ctx);
  return { db, network, deps: { db, fetch: network.fetch } };
}

/** A phone already holding a device token for `user` (as after enrollment). */
export async function enrolledPhone(ctx: TestContext, user: TestUser, name = 'Trưởng thôn'): Promise<Phone> {
  const phone = newPhone(ctx);
  const publicUser: PublicUser = { id: user.id, name, role: user.role, unitId: user.unitId };
  await setMetas(phone.db, { token: user.token, deviceId: user.deviceId ?? '', user: publicUser, revoked: false });
  return phone;
}

/** Report ids the server has stored, with how many rows each (must be exactly 1). */
export async function storedReportCounts(ctx: TestContext, ids: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(ids.map((id) => [id, 0]));
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db.kysely.selectFrom('reports').select('id').where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  }
  return counts;
}
