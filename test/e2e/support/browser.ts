/**
 * Debian's Chromium, driven by playwright-core (never a downloaded browser), dressed as the
 * cheap Android phone the app is for: 360 px wide, touch, Vietnamese locale and time zone.
 * When CI=true or REQUIRE_BROWSER=1 a missing /usr/bin/chromium fails the suite; elsewhere the
 * browser suites skip with a message saying why.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterEach, describe } from 'vitest';

/** Debian's Chromium; CHROMIUM_PATH overrides it (e.g. to check that a missing browser fails under CI). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const browserRequired = process.env.CI === 'true' || process.env.REQUIRE_BROWSER === '1';
export const hasChromium = existsSync(CHROMIUM_PATH);

/**
 * `describe` for a browser suite: runs when Chromium is there or required (a missing required
 * browser then fails in the first launch), otherwise skips and says why.
 */
export const describeInChromium: typeof describe.skip = (() => {
  if (hasChromium || browserRequired) return describe;
  console.warn(`[e2e] ${CHROMIUM_PATH} not found: browser tests skipped (set CI=true or REQUIRE_BROWSER=1 to make this an error)`);
  return describe.skip;
})();

export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  screen: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
  serviceWorkers: 'allow',
  acceptDownloads: true,
};

function assertChromium(): void {
  if (!hasChromium) throw new Error(`Chromium is required for the browser tests but ${CHROMIUM_PATH} is missing (apt-get install chromium)`);
}

/**
 * Content-Security-Policy violations seen by any page of any context made here, since the last
 * test ended. Every e2e file imports this module, so the afterEach below makes every e2e test
 * fail on a violation (an inline style the CSP blocked is a screen that looks wrong in the
 * field). Contexts opened with `bypassCSP` (axe-core needs an inline script) cannot report.
 */
const cspViolations: string[] = [];

// The benchmarks (npm run bench:client, bench:households) import this module outside Vitest,
// where there is no suite to hook into: afterEach throws there, and they need no hook.
try {
  afterEach(() => {
    if (cspViolations.length === 0) return;
    const seen = cspViolations.splice(0);
    throw new Error(`Content-Security-Policy violations:\n${seen.join('\n')}`);
  });
} catch (error) {
  if (!String(error).includes('Vitest failed to find')) throw error;
}

/** Takes (and clears) the violations seen so far: for the test that proves the listener hears them. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

/** Reports every `securitypolicyviolation` of the context's pages (call before opening pages). */
export async function watchCsp(context: BrowserContext): Promise<void> {
  await context.exposeBinding('__sothiduaCspViolation', (_source, line: string) => {
    cspViolations.push(line);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __sothiduaCspViolation?: (line: string) => void }).__sothiduaCspViolation;
      report?.(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || 'document'}:${e.lineNumber}) ${e.sample}`);
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options?: BrowserContextOptions) => {
    const context = await newContext(options);
    await watchCsp(context);
    return context;
  };
  return browser;
}

export async function newPhoneContext(browser: Browser, baseURL: string, extra: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ...PHONE, baseURL, ...extra });
}

/**
 * A phone whose IndexedDB, service worker and caches live in a user-data directory on disk,
 * so closing every page (or the whole browser) and opening again finds the same app state.
 */
export class PersistentPhone {
  readonly userDataDir: string;
  context!: BrowserContext;

  constructor(readonly baseURL: string) {
    this.userDataDir = mkdtempSync(join(tmpdir(), 'sothidua-phone-'));
  }

  async open(): Promise<BrowserContext> {
    assertChromium();
    this.context = await chromium.launchPersistentContext(this.userDataDir, {
      ...PHONE,
      baseURL: this.baseURL,
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    await watchCsp(this.context);
    return this.context;
  }

  /** Closes the browser process entirely (what a phone does when the app is swiped away). */
  async close(): Promise<void> {
    await this.context?.close().catch(() => {});
  }

  async dispose(): Promise<void> {
    await this.close();
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

/**
 * Waits until a service worker controls the page: only then do reloads come from its
 * precache, so only then is it meaningful to cut the network. The app's worker does not claim
 * the page that installed it (a new version must wait for "Cập nhật"), so the first load
 * needs one reload once the worker is active.
 */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    () => navigator.serviceWorker.getRegistration().then((r) => r?.active?.state === 'activated'),
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
  for (let attempt = 0; ; attempt++) {
    const controlled = await page
      .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: attempt === 0 ? 500 : 10_000, polling: 100 })
      .then(() => true, () => false);
    if (controlled) return;
    if (attempt === 3) {
      const state = await page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return JSON.stringify({ active: r?.active?.state, waiting: r?.waiting?.state, installing: r?.installing?.state, url: location.href });
      });
      throw new Error(`no service worker took control of the page after ${attempt} reloads: ${state}`);
    }
    if (attempt > 0) console.warn(`[e2e] service worker not in control after reload ${attempt}; reloading again`);
    await page.reload();
  }
}

/** DevTools network shaping for the page's own requests (the app pushes from the page). */
export async function shapeNetwork(
  context: BrowserContext,
  page: Page,
  conditions: { latency: number; uploadThroughput: number; downloadThroughput: number; offline?: boolean },
): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
}
