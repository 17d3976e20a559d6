/**
 * Checks a screen the way a village head's phone meets it: axe-core's rules (serious and
 * critical violations fail), touch targets of at least 48 × 48 px, nothing wider than the
 * 360 px screen, and the numeric keypad on every number field.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's violations of impact serious or critical (the context must bypass CSP to inject it). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

export interface SmallTarget {
  what: string;
  width: number;
  height: number;
}

/**
 * Every visible control a thumb must hit — buttons, inputs, selects, text areas, and links
 * shown as buttons or icons — measured on screen. A radio or checkbox is hit through its
 * label, so the label is what is measured.
 */
export function smallTouchTargets(page: Page, min = 48): Promise<SmallTarget[]> {
  return page.evaluate((min: number) => {
    const small: Array<{ what: string; width: number; height: number }> = [];
    const controls = document.querySelectorAll<HTMLElement>('button, input, select, textarea, a, [role="button"], summary');
    for (const el of controls) {
      let target: HTMLElement = el;
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) target = el.closest('label') ?? el;
      if (el instanceof HTMLInputElement && el.type === 'hidden') continue;
      const style = getComputedStyle(target);
      const box = target.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0) continue;
      // Visually hidden helpers (1 × 1 px, clipped) are not on screen to be touched.
      if (box.width <= 1 && box.height <= 1) continue;
      if (box.width + 0.5 < min || box.height + 0.5 < min) {
        const name = (target.getAttribute('aria-label') ?? target.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
        small.push({ what: `${target.tagName.toLowerCase()}${target.className ? '.' + String(target.className).split(' ').join('.') : ''} "${name}"`, width: Math.round(box.width), height: Math.round(box.height) });
      }
    }
    return small;
  }, min);
}

/**
 * What sticks out past the right edge of the screen: the page's own horizontal scroll, and any
 * element reaching beyond the viewport (content clipped by `overflow-x: hidden` is just as
 * unreadable as content one must scroll to).
 */
export function overflowingElements(page: Page, width = 360): Promise<string[]> {
  // Not window.innerWidth: a mobile browser widens its layout viewport to fit what overflows.
  return page.evaluate((width: number) => {
    const found: string[] = [];
    const scroll = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
    if (scroll > 0) found.push(`page scrolls sideways by ${scroll}px`);
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      if (box.right > width + 1 || box.left < -1) {
        found.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} spans ${Math.round(box.left)}–${Math.round(box.right)}px`);
      }
    }
    return found;
  }, width);
}

/** Arrows, technical symbols (⏳), geometric shapes, misc symbols (⚠ ⛔ ⚙), dingbats (✓ ✎), supplemental arrows (⟳ ⤓), emoji: glyphs a cheap phone's fonts may lack. */
const FONT_DEPENDENT = /[\u2190-\u21ff\u2300-\u23ff\u25a0-\u27ff\u2900-\u297f\u2b00-\u2bff\u{1f000}-\u{1faff}]/u;

/** Characters on the page that need an emoji or symbol font (icons must be inline SVG). */
export async function fontDependentGlyphs(page: Page): Promise<string[]> {
  return page.evaluate((re) => [...document.body.innerText].filter((c) => new RegExp(re, 'u').test(c)), FONT_DEPENDENT.source);
}

/**
 * Everything a phone screen must pass, each failure named by `screen`: axe, 48 px touch
 * targets, nothing wider than 360 px, no font-dependent glyph.
 */
export async function expectPhoneFriendly(page: Page, screen: string): Promise<void> {
  expect({ screen, axe: await seriousAxeViolations(page) }).toEqual({ screen, axe: [] });
  expect({ screen, small: await smallTouchTargets(page) }).toEqual({ screen, small: [] });
  expect({ screen, overflow: await overflowingElements(page, 360) }).toEqual({ screen, overflow: [] });
  expect({ screen, glyphs: await fontDependentGlyphs(page) }).toEqual({ screen, glyphs: [] });
}
