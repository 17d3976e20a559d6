import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

// One config for the PWA build and for Vitest. The test projects split by how much of the
// real world they need: unit (pure code), integration (real SQLite/PostgreSQL, fake-indexeddb),
// e2e (Debian's Chromium with the real service worker, one file at a time).
export default defineConfig({
  plugins: [solid()],
  build: { outDir: 'dist', sourcemap: true },
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
