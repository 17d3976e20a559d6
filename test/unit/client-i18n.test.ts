import { describe, expect, it } from 'vitest';
import { vi } from '../../src/client/i18n/vi';
import { en, enErrors } from '../../src/client/i18n/en';
import { ERRORS, WARNINGS } from '../../src/shared/errors';

describe('message catalogues', () => {
  it('English has every Vietnamese key, and the same {placeholders}', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(vi) as Array<keyof typeof vi>) {
      expect(en[key], key).toBeTypeOf('string');
      expect(holes(en[key]), key).toEqual(holes(vi[key]));
    }
  });

  it('every error a field user can meet has an English sentence, keyed by a real code', () => {
    const fieldFacing = Object.keys(ERRORS).filter((code) => /^(value|report|request|server)\./.test(code)
      || ['auth.invalid_token', 'auth.device_revoked', 'enroll.invalid_code'].includes(code));
    const english = enErrors as Record<string, string>;
    for (const code of [...fieldFacing, ...Object.keys(WARNINGS)]) expect(english[code], code).toBeTypeOf('string');
    for (const code of Object.keys(enErrors)) expect([...Object.keys(ERRORS), ...Object.keys(WARNINGS)], code).toContain(code);
  });
});
