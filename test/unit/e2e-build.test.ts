/** The e2e runs test the commit's own build: under CI a failed `vite build` fails the run. */
import { describe, expect, it, vi } from 'vitest';
import { afterFailedBuild } from '../e2e/support/server';

const failed = { stdout: '', stderr: 'src/client/app.tsx: Unexpected token' };

describe('a failed vite build', () => {
  it('fails the run under CI instead of testing an older build', () => {
    const previous = vi.fn(() => '/tmp/sothidua-e2e-site-old');
    expect(() => afterFailedBuild(failed, { CI: 'true' }, previous)).toThrow(/vite build failed/);
    expect(() => afterFailedBuild(failed, { CI: '1' }, previous)).toThrow(/vite build failed/);
    expect(previous).not.toHaveBeenCalled();
  });

  it('locally, falls back to the last good build (with a warning), or fails when there is none', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(afterFailedBuild(failed, {}, () => '/tmp/sothidua-e2e-site-old')).toBe('/tmp/sothidua-e2e-site-old');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('vite build failed'));
    expect(() => afterFailedBuild(failed, {}, () => null)).toThrow(/vite build failed/);
    warn.mockRestore();
  });
});
