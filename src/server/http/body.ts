/**
 * Reads a JSON request body with a size limit that holds AFTER decompression. Gzip bodies
 * (phones compress big batches) are inflated as a stream and cut off at the limit, so a
 * small "gzip bomb" cannot fill memory.
 */
import { createGunzip } from 'node:zlib';
import { ApiError } from './errors';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const REPORTS_BODY_LIMIT = 10 * 1024 * 1024;

/**
 * The client went away while sending its body (a phone losing signal mid-upload: Node reports
 * `aborted`, ECONNRESET). Nobody is left to answer and nothing is wrong with the server, so
 * this is logged as a warning, without a stack (app.ts), never as a server error.
 */
export class RequestAborted extends Error {
  constructor(cause: unknown) {
    super('client aborted the request body', { cause });
    this.name = 'RequestAborted';
  }
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (error) {
        throw new RequestAborted(error);
      }
      const { done, value } = read;
      if (done) return;
      if (value) yield value;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

async function readPlain(body: ReadableStream<Uint8Array>, limit: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunksOf(body)) {
    total += chunk.byteLength;
    if (total > limit) throw new ApiError('request.too_large');
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

async function readGzip(body: ReadableStream<Uint8Array>, limit: number): Promise<Buffer> {
  const gunzip = createGunzip();
  const parts: Buffer[] = [];
  let total = 0;
  let failure: unknown = null;
  const finished = new Promise<void>((resolve) => {
    gunzip.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        failure = new ApiError('request.too_large');
        gunzip.destroy();
        resolve();
        return;
      }
      parts.push(chunk);
    });
    gunzip.on('end', () => resolve());
    gunzip.on('error', (error) => {
      failure ??= error;
      resolve();
    });
    gunzip.on('close', () => resolve());
  });
  try {
    for await (const chunk of chunksOf(body)) {
      if (failure || gunzip.destroyed) break;
      // Respect backpressure: inflating happens as fast as we read, never all at once.
      if (!gunzip.write(chunk)) await new Promise<void>((r) => gunzip.once('drain', r).once('close', r));
    }
    if (!gunzip.destroyed) gunzip.end();
    await finished;
  } finally {
    if (!gunzip.destroyed) gunzip.destroy();
  }
  if (failure instanceof ApiError) throw failure;
  if (failure) throw new ApiError('request.invalid_json');
  return Buffer.concat(parts);
}

/** Reads and parses the body; throws ApiError for too large / bad encoding / not JSON. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') throw new ApiError('request.unsupported_encoding');
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (encoding === 'identity' && Number.isFinite(declared) && declared > limit) throw new ApiError('request.too_large');
  if (!request.body) throw new ApiError('request.invalid_json');
  const bytes = encoding === 'gzip' ? await readGzip(request.body, limit) : await readPlain(request.body, limit);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ApiError('request.invalid_json');
  }
  if (deeperThan(parsed, MAX_JSON_DEPTH)) throw new ApiError('request.invalid');
  return parsed;
}

/** Our bodies nest a handful of levels; 300,000 nested `[` in 600 kB overflowed the stack of
 * every recursive walk after parsing (content hash, checks) and answered 500. */
export const MAX_JSON_DEPTH = 64;

/** Iterative, so the check itself cannot overflow the stack it protects. */
function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}
