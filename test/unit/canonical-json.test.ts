import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../src/server/reports/canonical';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: { d: [3, { z: 1, y: 2 }], c: 'x' } }, '{"a":{"c":"x","d":[3,{"y":2,"z":1}]}}'],
    [{ note: null, id: 'x' }, '{"id":"x"}'],
    [{ id: 'x', note: undefined }, '{"id":"x"}'],
    [[1, 'ư', true, null], '[1,"ư",true,null]'],
    [{ 'k"ey': '<script>' }, '{"k\\"ey":"<script>"}'],
    [{ n: Infinity }, '{"n":null}'],
  ])('%j → %s', (input, expected) => {
    expect(canonicalJson(input)).toBe(expected);
    expect(JSON.parse(canonicalJson(input))).toBeDefined();
  });

  it('hashes the same submission the same way whatever the key order, and different content differently', () => {
    expect(contentHash({ a: 1, b: [1, 2] })).toBe(contentHash({ b: [1, 2], a: 1 }));
    expect(contentHash({ a: 1, b: [1, 2] })).not.toBe(contentHash({ a: 1, b: [2, 1] }));
  });
});
