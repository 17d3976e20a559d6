/**
 * The phone's proposed name ("‹user› – ‹model›"): the model from userAgentData where the
 * browser gives it, else a short guess from the user agent, never longer than the server takes.
 */
import { describe, expect, it } from 'vitest';
import { cleanDeviceName, phoneModel, platformGuess, proposeDeviceName, DEVICE_NAME_MAX } from '../../src/client/data/device-name';

const ANDROID_FULL = 'Mozilla/5.0 (Linux; Android 13; SM-A055F Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
const ANDROID_REDUCED = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

describe('the proposed phone name', () => {
  it('takes the model the browser gives through userAgentData', async () => {
    const nav = { userAgent: ANDROID_REDUCED, userAgentData: { getHighEntropyValues: async () => ({ model: 'Redmi 12C' }) } };
    expect(await phoneModel(nav)).toBe('Redmi 12C');
    expect(proposeDeviceName('Nguyễn Văn Hùng', await phoneModel(nav))).toBe('Nguyễn Văn Hùng – Redmi 12C');
  });

  it('falls back on the user agent when the browser refuses, gives nothing, or has no userAgentData', async () => {
    const refusing = { userAgent: ANDROID_FULL, userAgentData: { getHighEntropyValues: async () => { throw new Error('NotAllowedError'); } } };
    expect(await phoneModel(refusing)).toBe('SM-A055F');
    const empty = { userAgent: ANDROID_REDUCED, userAgentData: { getHighEntropyValues: async () => ({ model: '' }) } };
    expect(await phoneModel(empty)).toBe('Android');
    expect(await phoneModel({ userAgent: IPHONE })).toBe('iPhone');
    expect(platformGuess('something else')).toBe('Điện thoại');
  });

  it('never exceeds what the server takes, and tidies what was typed', () => {
    const long = proposeDeviceName('Nguyễn Thị Hồng Nhung Phương Thảo Minh Châu Ngọc Bích Kim Liên', 'Samsung Galaxy A05s Phiên bản đặc biệt');
    expect(long.length).toBeLessThanOrEqual(DEVICE_NAME_MAX);
    expect(cleanDeviceName('  Máy   của   Hùng \n')).toBe('Máy của Hùng');
    expect(cleanDeviceName('   ')).toBe('');
    expect(cleanDeviceName('x'.repeat(200))).toHaveLength(DEVICE_NAME_MAX);
  });
});
