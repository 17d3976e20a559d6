import { describe, expect, it } from 'vitest';
import { chromeIntentUrl, isZaloBrowser, needsHttps } from '../../src/client/pwa/environment';
import { normaliseCode, codeFromScan, describeDevice } from '../../src/client/data/enroll';

const ZALO_UA = 'Mozilla/5.0 (Linux; Android 11; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0 Mobile Safari/537.36 Zalo android/12100611 ZaloTheme/light ZaloLanguage/vi';
const CHROME_UA = 'Mozilla/5.0 (Linux; Android 11; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';

describe('where the app runs', () => {
  it('recognises Zalo\'s in-app browser and opens the same address in Chrome', () => {
    expect(isZaloBrowser(ZALO_UA)).toBe(true);
    expect(isZaloBrowser(CHROME_UA)).toBe(false);
    expect(chromeIntentUrl('https://xa.example.vn/enroll?code=K7QF-3MZP'))
      .toBe('intent://xa.example.vn/enroll?code=K7QF-3MZP#Intent;scheme=https;package=com.android.chrome;end');
  });
  it.each([
    [{ protocol: 'http:', hostname: '192.168.1.20' }, false, true],
    [{ protocol: 'http:', hostname: 'localhost' }, true, false],
    [{ protocol: 'https:', hostname: 'xa.example.vn' }, true, false],
  ])('plain http away from localhost needs HTTPS: %o', (location, secure, expected) => {
    expect(needsHttps(location, secure)).toBe(expected);
  });
  it('names the device for the office\'s list', () => {
    expect(describeDevice(CHROME_UA)).toBe('Android · Chrome');
    expect(describeDevice(ZALO_UA)).toBe('Android · Zalo');
  });
});

describe('enrollment codes as people type or scan them', () => {
  it.each([
    ['k7qf-3mzp', 'K7QF-3MZP'],
    [' K7QF 3MZP ', 'K7QF-3MZP'],
    ['k7qf3mzp', 'K7QF-3MZP'],
    ['zmawt 6dzyq', 'ZMAWT-6DZYQ'],
  ])('%s → %s', (typed, code) => expect(normaliseCode(typed)).toBe(code));
  it('reads the code from the QR\'s link or bare text', () => {
    expect(codeFromScan('https://xa.example.vn/enroll?code=K7QF-3MZP')).toBe('K7QF-3MZP');
    expect(codeFromScan('k7qf3mzp')).toBe('K7QF-3MZP');
  });
});
