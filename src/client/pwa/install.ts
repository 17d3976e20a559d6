/**
 * The browser's install offer. Chrome fires `beforeinstallprompt` once, early, possibly before
 * any screen is mounted, so it is captured here at startup and kept until the user is asked.
 */
import { createSignal } from 'solid-js';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const [installEvent, setInstallEvent] = createSignal<InstallPromptEvent | null>(null);
export const canInstall = () => installEvent() !== null;

export function captureInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // keep it for our own button instead of the mini-infobar
    setInstallEvent(event as InstallPromptEvent);
  });
  window.addEventListener('appinstalled', () => setInstallEvent(null));
}

export async function promptInstall(): Promise<boolean> {
  const event = installEvent();
  if (!event) return false;
  await event.prompt();
  const choice = await event.userChoice;
  setInstallEvent(null);
  return choice.outcome === 'accepted';
}
