/** Saves the unsent-data export as a file on the phone (G8). */
import type { FieldDb } from './db';
import { exportUnsent, exportFileName } from './export';

export async function downloadUnsent(db: FieldDb): Promise<string> {
  const data = await exportUnsent(db);
  const name = exportFileName();
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Let the download start before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
