/**
 * `npm run demo`: loads the demo commune into the database npm start uses (migrating first)
 * and prints the office logins and one fresh enrollment code per field user.
 * `npm run -s demo -- --json` prints only one JSON object, for scripts and browser tests.
 * Running it again keeps the data and prints new codes. It refuses a database that holds
 * another commune (the demo's known passwords do not belong next to real data) unless --force.
 */
import { configFromEnv, openDatabaseFromEnv } from '../main';
import { listCommunes } from '../db/queries/units';
import { loadDemo } from '../demo/load';
import { DEMO_COMMUNE_ID, DEMO_PASSWORDS } from '../demo';
import { issueEnrollmentCode } from '../office/enrollment';
import { ApiError } from '../http/errors';

export interface DemoLogins {
  office: { username: string; password: string };
  admin: { username: string; password: string };
  field: { name: string; unit: string; unitId: string; code: string }[];
}

async function main(): Promise<number> {
  const asJson = process.argv.includes('--json');
  const force = process.argv.includes('--force');
  const db = await openDatabaseFromEnv();
  try {
    const config = configFromEnv();
    const others = (await listCommunes(db)).filter((c) => c.id !== DEMO_COMMUNE_ID);
    if (others.length > 0 && !force) {
      console.error(`Cơ sở dữ liệu này đã có xã khác (${others.map((c) => c.name).join(', ')}); không nạp dữ liệu mẫu vào đây.`);
      console.error('Dùng một cơ sở dữ liệu riêng (DATABASE_URL hoặc SQLITE_FILE), hoặc thêm --force nếu chắc chắn.');
      return 1;
    }
    const now = new Date();
    const { demo, created } = await loadDemo(db, now);
    const logins: DemoLogins = {
      office: { username: 'vanphong', password: DEMO_PASSWORDS.vanphong },
      admin: { username: 'admin', password: DEMO_PASSWORDS.admin },
      field: [],
    };
    for (const u of demo.users) {
      if (u.role !== 'village' && u.role !== 'association') continue;
      const { code } = await issueEnrollmentCode(db, {
        userId: u.id, issuedBy: null, now, ttlMs: config.enrollmentCodeTtlMs, publicUrl: config.publicUrl, withQr: false,
      });
      logins.field.push({ name: u.name, unit: demo.units.find((x) => x.id === u.unitId)!.name, unitId: u.unitId, code });
    }
    if (asJson) {
      process.stdout.write(JSON.stringify(logins) + '\n');
      return 0;
    }
    const days = Math.round(config.enrollmentCodeTtlMs / 86_400_000);
    const lines = [
      created ? `Đã nạp xã mẫu: ${demo.units[0]!.name} (${db.dialect.name}).` : `Xã mẫu đã có sẵn; giữ nguyên dữ liệu, cấp mã kích hoạt mới (${db.dialect.name}).`,
      '',
      'Văn phòng (đăng nhập tại /office):',
      `  vanphong / ${DEMO_PASSWORDS.vanphong}`,
      `  admin    / ${DEMO_PASSWORDS.admin}   (quản trị)`,
      '',
      `Mã kích hoạt điện thoại (dùng một lần, hết hạn sau ${days} ngày):`,
      ...logins.field.map((f) => `  ${f.code}  ${f.unit} — ${f.name}`),
      '',
      `Mở ${config.publicUrl} trên điện thoại và nhập một mã ở trên.`,
    ];
    console.log(lines.join('\n'));
    return 0;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'conflict.exists') {
      console.error(`Tên đăng nhập của xã mẫu đã được dùng trong cơ sở dữ liệu này (${error.path}). Dùng một cơ sở dữ liệu riêng.`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
