/**
 * `npm run reset-password -- USERNAME [--generate]`: sets a new password for an office
 * account from the server's console, for when the only admin forgot theirs. On a terminal
 * it asks twice without echo; piped, it reads the first line of stdin; with --generate it
 * makes a strong one and prints it. Every session of that account ends.
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import * as z from 'zod/mini';
import { openDatabaseFromEnv } from '../main';
import { findUserByName } from '../db/queries/users';
import { resetPasswordFromConsole } from '../office/accounts';
import { Password, Username } from '../../shared/schemas/office';

/** Reads one line from a TTY without showing what is typed. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    // Echo off before the prompt shows: what is typed as soon as it appears is never displayed.
    stdin.setRawMode(true);
    process.stdout.write(question);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') { // Ctrl+C
          stdin.setRawMode(false);
          reject(new Error('Đã huỷ.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readFirstLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

/** 18 random bytes → 24 base64url characters (~144 bits): strong, and still typeable. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const generate = args.includes('--generate');
  const name = args.find((a) => !a.startsWith('--'));
  const username = name ? z.safeParse(Username, name) : null;
  if (!username?.success) {
    console.error('Cách dùng: npm run reset-password -- TÊN_ĐĂNG_NHẬP [--generate]');
    return 2;
  }
  let password: string;
  if (generate) {
    password = generatePassword();
  } else if (process.stdin.isTTY) {
    password = await askHidden('Mật khẩu mới: ');
    if ((await askHidden('Nhập lại mật khẩu mới: ')) !== password) {
      console.error('Hai lần nhập không giống nhau. Chưa đổi mật khẩu.');
      return 1;
    }
  } else {
    password = (await readFirstLine()).replace(/\r$/, '');
  }
  if (!z.safeParse(Password, password).success) {
    console.error('Mật khẩu cần ít nhất 8 ký tự. Chưa đổi mật khẩu.');
    return 1;
  }
  const db = await openDatabaseFromEnv();
  try {
    const user = await findUserByName(db, username.data);
    if (!user || !['office', 'admin', 'operator'].includes(user.role)) {
      console.error(`Không có tài khoản văn phòng tên "${username.data}".`);
      return 1;
    }
    await resetPasswordFromConsole(db, user.id, password, new Date());
    console.log(`Đã đặt mật khẩu mới cho ${username.data} (${user.name}).`);
    if (generate) console.log(`Mật khẩu mới: ${password}`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
