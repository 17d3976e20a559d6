/**
 * The one way the field app talks to the server. It turns every outcome into one of four
 * kinds, because the outbox decides by kind: `network` and `server` (5xx, 429) mean try
 * again later, `client` (4xx) means the server refused and the user must see why, `auth`
 * means this device's token is no longer valid (revoked or unknown).
 */
import type { ErrorBody } from '../../shared/errors';

/** Defined by Vite at build time; absent when this module runs under Node (tests, tools). */
const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpDeps {
  fetch?: FetchLike;
  /** Prefix for /api paths; '' on the phone (same origin), a URL in tests. */
  baseUrl?: string;
}

export type FailureKind = 'network' | 'server' | 'client' | 'auth';

export class HttpFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status || 'network error'}`);
    this.name = 'HttpFailure';
  }
  get code(): string {
    return this.body?.code ?? (this.kind === 'network' ? 'network' : `http.${this.status}`);
  }
}

export interface RequestOptions {
  method?: string;
  token?: string | null;
  json?: unknown;
  /** A body already encoded (e.g. gzip'd JSON); sent with the given headers. */
  body?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Sends a request and returns the parsed JSON body of a 2xx answer, or throws HttpFailure. */
export async function requestJson<T>(deps: HttpDeps, path: string, options: RequestOptions = {}): Promise<T> {
  const doFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  // Every request says which app version sent it: the office's device list shows who is behind.
  if (APP_VERSION) headers['x-app-version'] = APP_VERSION;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  let response: Response;
  try {
    response = await doFetch(`${deps.baseUrl ?? ''}${path}`, {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      signal: options.signal,
      // Reports must never be answered from a cache: a stale 200 would look like a receipt.
      cache: 'no-store',
    });
  } catch {
    throw new HttpFailure('network', 0, null);
  }
  if (response.ok) {
    try {
      return (await response.json()) as T;
    } catch {
      // A 2xx whose body is cut off is a lost response, not a receipt.
      throw new HttpFailure('network', response.status, null);
    }
  }
  const errorBody = await readErrorBody(response);
  if (response.status === 401) throw new HttpFailure('auth', 401, errorBody);
  const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
  throw new HttpFailure(retryable ? 'server' : 'client', response.status, errorBody);
}

/**
 * A file the server makes (the office's CSV/XLSX exports): the bytes and the name the server
 * gave it (Content-Disposition `filename*`, RFC 6266). Same failure kinds as requestJson.
 */
export async function requestFile(deps: HttpDeps, path: string, options: Pick<RequestOptions, 'token' | 'signal'> = {}): Promise<{ blob: Blob; fileName: string | null }> {
  const doFetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await doFetch(`${deps.baseUrl ?? ''}${path}`, { method: 'GET', headers, signal: options.signal, cache: 'no-store' });
  } catch {
    throw new HttpFailure('network', 0, null);
  }
  if (!response.ok) {
    const errorBody = await readErrorBody(response);
    if (response.status === 401) throw new HttpFailure('auth', 401, errorBody);
    throw new HttpFailure(response.status >= 500 || response.status === 429 ? 'server' : 'client', response.status, errorBody);
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    throw new HttpFailure('network', response.status, null);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]*)"/i.exec(disposition)?.[1];
  let fileName: string | null = plain ?? null;
  if (star) {
    try { fileName = decodeURIComponent(star); } catch { /* keep the ASCII fallback */ }
  }
  return { blob, fileName };
}

async function readErrorBody(response: Response): Promise<ErrorBody | null> {
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (typeof body?.code === 'string' && typeof body.message === 'string') return body as ErrorBody;
  } catch {
    // A proxy's HTML error page: no body we can show.
  }
  return null;
}
