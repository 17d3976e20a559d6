import { expect, it } from 'vitest';
import { forEachDatabase } from './support/databases';
import { allRoutes } from '../../src/server/routes';

forEachDatabase((ctx) => {
  it('describes every registered route, with bearer security, error bodies and the report submission schema', async () => {
    const res = await ctx.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown>; requestBody?: unknown; 'x-access': unknown }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const routes = allRoutes();
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) {
      const op = doc.paths[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op!['x-access']).toEqual(route.access);
      if (route.access === 'public') expect(op!.security).toEqual([]);
      else expect(op!.security).toEqual([{ bearer: [] }]);
      expect(op!.responses['4XX']).toBeDefined();
    }
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.ErrorBody!.required).toEqual(expect.arrayContaining(['code', 'message']));
    const submission = doc.components.schemas.ReportSubmission!;
    expect(Object.keys(submission.properties!)).toEqual(expect.arrayContaining(['id', 'unitId', 'planId', 'periodId', 'values', 'note', 'createdAt', 'supersedes']));
    const post = doc.paths['/api/reports']!.post!;
    expect(JSON.stringify(post.requestBody)).toContain('#/components/schemas/ReportSubmission');
    expect(JSON.stringify(post.responses['200'])).toContain('#/components/schemas/ReportsBatchResult');
    expect(JSON.stringify(doc.paths['/api/sync']!.get!.responses['200'])).toContain('SyncResponse');
    // Every reference resolves: nested shared schemas point into components, nothing dangles.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
    expect(JSON.stringify(doc.components.schemas.SyncResponse)).toContain('#/components/schemas/StoredReport');
  });

  it('gives every route an access rule (the registry refuses none)', () => {
    for (const route of allRoutes()) {
      expect(route.access === 'public' || (Array.isArray(route.access) && route.access.length > 0), `${route.method} ${route.path}`).toBe(true);
    }
  });
});
