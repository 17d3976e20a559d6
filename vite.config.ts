import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The field app's files, filled by fieldBundle() and read by the precache filter below:
 * everything reachable from the entry (static and lazy imports) except the office and setup
 * screens' lazy chunks, whose libraries (charts, XLSX, mammoth, the plan importer) a phone on
 * 3G should not download.
 */
const fieldFiles = new Set<string>();
const OFFICE_ONLY = /\/src\/client\/(office|setup)\//;

function fieldBundle(): Plugin {
  let report = '';
  return {
    name: 'so-thi-dua:field-bundle-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId?.endsWith('index.html'))
        ?? Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      if (!entry || entry.type !== 'chunk') return; // the service worker's own build
      // What the report form needs before it is usable: the entry, its static imports, their CSS.
      const formFiles = new Set<string>();
      const visit = (fileName: string, into: Set<string>, followLazy: boolean) => {
        const item = bundle[fileName];
        if (!item || into.has(fileName)) return;
        if (item.type === 'chunk' && followLazy && item.facadeModuleId && OFFICE_ONLY.test(item.facadeModuleId) && fileName !== entry.fileName) return;
        into.add(fileName);
        if (item.type !== 'chunk') return;
        item.imports.forEach((f) => visit(f, into, followLazy));
        if (followLazy) item.dynamicImports.forEach((f) => visit(f, into, followLazy));
        (item as { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata?.importedCss?.forEach((f) => visit(f, into, followLazy));
      };
      visit(entry.fileName, formFiles, false);
      fieldFiles.clear();
      visit(entry.fileName, fieldFiles, true);
      let total = 0;
      const lines: string[] = [];
      for (const name of [...formFiles].sort()) {
        const item = bundle[name]!;
        const bytes = item.type === 'chunk' ? item.code : item.source;
        const size = gzipSync(typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes)).length;
        total += size;
        lines.push(`  ${name}  ${(size / 1024).toFixed(1)} KB gzip`);
      }
      report = `Report form JS+CSS (entry + static imports + CSS, lazy chunks excluded): ${(total / 1024).toFixed(1)} KB gzip\n${lines.join('\n')}`;
    },
    closeBundle() {
      if (report) console.log(`\n${report}\n`);
    },
  };
}

// One config for the PWA build and for Vitest. The test projects split by how much of the
// real world they need: unit (pure code), integration (real SQLite/PostgreSQL, fake-indexeddb),
// e2e (Debian's Chromium with the real service worker, one file at a time).
export default defineConfig({
  plugins: [
    solid(),
    fieldBundle(),
    VitePWA({
      // Our own service worker (src/client/pwa/sw.ts): it must run the outbox push on
      // Background Sync, which a generated worker cannot do.
      strategies: 'injectManifest',
      srcDir: 'src/client/pwa',
      filename: 'sw.ts',
      // G7: a new version waits until the user taps "Cập nhật" (after drafts are saved);
      // 'autoUpdate' would reload under a half-typed form.
      registerType: 'prompt',
      // The app registers the worker itself through virtual:pwa-register/solid (UpdateBanner).
      injectRegister: false,
      manifest: {
        name: 'Sổ Thi Đua',
        short_name: 'Sổ Thi Đua',
        description: 'Báo cáo kết quả thi đua của thôn, làng, đoàn thể — dùng được khi không có mạng',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b5d3b',
        background_color: '#ffffff',
        // Chrome's installability needs a 192 and a 512 PNG; the maskable one fills Android's
        // round/squircle launcher shapes without white edges.
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Phones on 3G should not download the office's code (charts, XLSX, Word import) to
        // work offline: precache only what the field app loads, plus non-code assets.
        manifestTransforms: [
          async (entries) => ({
            manifest: entries.filter((e) => !/\.(js|css)$/.test(e.url) || fieldFiles.size === 0 || fieldFiles.has(e.url)),
            warnings: [],
          }),
        ],
      },
      // The service worker is not used under `vite` dev: offline behaviour is tested on the build.
      devOptions: { enabled: false },
    }),
  ],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // No source maps in the build: the server would otherwise hand anyone the full source. (Debug
  // with `vite` in development, where maps are served from memory.)
  build: { outDir: 'dist', sourcemap: false },
  test: {
    // vite-plugin-solid defaults the root environment to jsdom (not installed, and no test
    // needs a DOM); naming one here keeps it from printing MISSING DEPENDENCY on every run.
    environment: 'node',
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
