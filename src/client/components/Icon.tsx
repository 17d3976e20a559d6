/**
 * Small inline SVG icons instead of symbol glyphs (⏳, ⚠, ⟳…): cheap Android phones often lack
 * an emoji or symbol font, and then show an empty box (issue 10). Drawn with currentColor so an
 * icon takes its chip's colour; always decorative (aria-hidden): the word beside it carries the
 * meaning.
 */
import type { JSX } from 'solid-js';

export type IconName =
  | 'check'
  | 'cross'
  | 'clock'
  | 'warn'
  | 'sync'
  | 'offline'
  | 'back'
  | 'returned'
  | 'edit'
  | 'up'
  | 'down'
  | 'circle'
  | 'sent'
  | 'download'
  | 'qr'
  | 'settings'
  | 'blocked'
  | 'register'
  | 'plus'
  | 'house'
  | 'search'
  | 'next';

/** Functions, not elements: a Solid element is one DOM node, and an icon shown twice needs two. */
const PATHS: Record<IconName, () => JSX.Element> = {
  check: () => <path d="M4 12.5l5 5L20 6.5" />,
  /** A ruled book: the household register (sổ hộ). */
  register: () => <path d="M5 4h11a3 3 0 0 1 3 3v13H8a3 3 0 0 1-3-3zM5 17a3 3 0 0 1 3-3h11M9 8h6" />,
  cross: () => <path d="M6 6l12 12M18 6L6 18" />,
  clock: () => (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  warn: () => (
    <>
      <path d="M12 3l10 18H2z" />
      <path d="M12 10v5M12 18v.01" />
    </>
  ),
  sync: () => (
    <>
      <path d="M20 12a8 8 0 0 1-14 5.3M4 12a8 8 0 0 1 14-5.3" />
      <path d="M18 3v4h-4M6 21v-4h4" />
    </>
  ),
  offline: () => (
    <>
      <path d="M2 9a15 15 0 0 1 20 0M5.5 12.5a10 10 0 0 1 13 0M9 16a5 5 0 0 1 6 0M12 19.5v.01" />
      <path d="M3 3l18 18" />
    </>
  ),
  back: () => <path d="M20 12H5M11 6l-6 6 6 6" />,
  returned: () => <path d="M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" />,
  edit: () => <path d="M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4" />,
  up: () => <path d="M12 5l8 13H4z" />,
  down: () => <path d="M12 19L4 6h16z" />,
  circle: () => <circle cx="12" cy="12" r="8" />,
  sent: () => <path d="M4 12h15M13 6l6 6-6 6" />,
  download: () => <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />,
  qr: () => <path d="M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2" />,
  settings: () => (
    <>
      <circle cx="12" cy="12" r="3" />
      <path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1" />
    </>
  ),
  blocked: () => (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M7 12h10" />
    </>
  ),
  plus: () => <path d="M12 5v14M5 12h14" />,
  house: () => <path d="M3 11l9-7 9 7M5 10v10h14V10M10 20v-6h4v6" />,
  search: () => (
    <>
      <circle cx="11" cy="11" r="6.5" />
      <path d="M16 16l5 5" />
    </>
  ),
  next: () => <path d="M4 12h15M13 6l6 6-6 6" />,
};

export function Icon(props: { name: IconName; class?: string }) {
  return (
    <svg
      class={`icon${props.class ? ` ${props.class}` : ''}`}
      data-icon={props.name}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      stroke-width="2.2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {PATHS[props.name]()}
    </svg>
  );
}
