/**
 * Where the app is running, for the banners that stop silent failures: Zalo's in-app browser
 * (cannot keep an installed app or work offline), plain http away from localhost (no service
 * worker, no camera), iOS (no install prompt, only "Add to Home Screen").
 */

export function isZaloBrowser(userAgent: string): boolean {
  return /Zalo/i.test(userAgent);
}

export function isIos(userAgent: string): boolean {
  return /iPhone|iPad|iPod/i.test(userAgent);
}

/** Browsers allow service workers and the camera only on https or localhost. */
export function needsHttps(location: Pick<Location, 'protocol' | 'hostname'>, isSecureContext: boolean): boolean {
  if (isSecureContext) return false;
  return location.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
}

/**
 * An Android intent link that opens the same address in Chrome from an in-app browser.
 * @example chromeIntentUrl('https://xa.example/enroll?code=K7QF-3MZP')
 * // 'intent://xa.example/enroll?code=K7QF-3MZP#Intent;scheme=https;package=com.android.chrome;end'
 */
export function chromeIntentUrl(href: string): string {
  const url = new URL(href);
  const scheme = url.protocol.replace(':', '');
  return `intent://${url.host}${url.pathname}${url.search}${url.hash}#Intent;scheme=${scheme};package=com.android.chrome;end`;
}

/** Running as the installed app (no browser bar). */
export function isStandalone(): boolean {
  return window.matchMedia?.('(display-mode: standalone)').matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
}
