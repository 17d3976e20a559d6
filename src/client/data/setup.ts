/**
 * First-run setup calls (the setup screen's only link to the server): is the server empty,
 * create the first commune with its admin, or load the demo commune.
 */
import type { PublicUser } from '../../shared/schemas/users';
import type { SetupRequest } from '../../shared/schemas/office';
import { requestJson, type HttpDeps } from './http';

export interface DemoLogins {
  office: { username: string; password: string };
  admin: { username: string; password: string };
  field: { name: string; unit: string; unitId: string; code: string }[];
}

export async function needsSetup(deps: HttpDeps = {}): Promise<boolean> {
  return (await requestJson<{ needsSetup: boolean }>(deps, '/api/setup')).needsSetup;
}

export function createFirstCommune(request: SetupRequest, deps: HttpDeps = {}): Promise<{ token: string; user: PublicUser }> {
  return requestJson(deps, '/api/setup', { method: 'POST', json: request });
}

export function loadDemoCommune(deps: HttpDeps = {}): Promise<DemoLogins> {
  return requestJson(deps, '/api/setup/demo', { method: 'POST', json: {} });
}
