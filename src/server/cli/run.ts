/**
 * How every command ends: its exit code, or a readable sentence for a bad setting or a
 * refused operation (no stack trace for an operator's mistake), or the error for a bug.
 */
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../main';

/** An operator's mistake the command explains in one sentence (exit 1). */
export class CommandError extends Error {
  override name = 'CommandError';
}

export function isMainModule(url: string): boolean {
  return !!process.argv[1] && url === pathToFileURL(process.argv[1]).href;
}

export function runCommand(main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof ConfigError) {
        console.error(error.message);
        process.exit(2);
      }
      if (error instanceof CommandError || (error as Error)?.name === 'ServerLockedError') {
        console.error((error as Error).message);
        process.exit(1);
      }
      console.error(error);
      process.exit(1);
    },
  );
}
