/**
 * The demo's household registers (issue 10): Làng Kon Sơ Lăl and Thôn Tân Lập, and the
 * Women's Union's members' households, assessed against the shipped "5 không, 3 sạch" (2014)
 * for the current quarter — most meet it, some do not, some are not yet looked at — with one
 * household moved away, one merged into another and one open dispute, so every part of the
 * office's register screen has something to show.
 *
 * The households are written through the same change path as a phone's (each by the unit's
 * own account, the dispute by the village head and the office), so their history, sync and
 * counts are exactly those of real data. The names are invented in the style of the place
 * (Bahnar names in the Kbang villages, Kinh names in Tân Lập), not a roll of real people.
 * Loading again changes nothing: the register is written only while the Women's Union's is empty.
 */
import { vietnamToday } from '../../shared/periods';
import type { Period } from '../../shared/schemas/plans';
import type { DbHandle } from '../db/handle';
import { inTransaction } from '../db/handle';
import { listRegister } from '../db/queries/households';
import type { Principal } from '../auth/policy';
import { applyHouseholdChangesIn } from '../households/changes';
import { checklistForPeriod } from '../../shared/target-links';
import { SHIPPED_CHECKLISTS } from '../reference/checklists';
import { demoId, DEMO_USERS, COMMUNE_ID, unitByKey } from './commune';

/** Fixed id groups past commune.ts's, so a reload finds the same households and changes. */
const GROUP = { household: 20, change: 21 } as const;
/**
 * The items of "5 không 3 sạch" the demo's households fail on; the demo ticks the version the
 * shared rule (checklistForPeriod) says governs its period, as the phone and the counts do, so
 * an item a version lacks is simply not ticked.
 */
const ITEMS = [
  'khong-doi-ngheo', 'khong-vi-pham-phap-luat', 'khong-bao-luc-gia-dinh', 'khong-sinh-con-thu-ba',
  'khong-suy-dinh-duong-bo-hoc', 'sach-nha', 'sach-bep', 'sach-ngo',
] as const;

interface DemoHousehold {
  unitKey: string;
  headName: string;
  hamlet: string;
  address: string | null;
  members: number;
  poor: boolean;
  nearPoor: boolean;
  /** 'meets': every item holds; 'fails': the items listed do not; 'partly': half looked at; 'none': not assessed. */
  verdict: 'meets' | 'fails' | 'partly' | 'none';
  failing: readonly (typeof ITEMS)[number][];
}

const BAHNAR_MEN = ['Hlung', 'Blưn', 'Kleo', 'Thiên', 'Rưn', 'Djơn', 'Glơng', 'Tơn', 'Nhơn', 'Byôt', 'Hrin', 'Pler', 'Djuôn', 'Tuer', 'Krui', 'Hyưk', 'Blếch', 'Phơ', 'Hnong', 'Rin'];
const BAHNAR_WOMEN = ['Hmia', 'Bông', 'Hnơ', 'Yă', 'Mlô', 'Pluih', 'Hrơi', 'Klưh', 'Bưu', 'Djuin', 'Hlen', 'Krăk', 'Mơ', 'Lơi'];
const KINH_FAMILIES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const KINH_MEN = ['Văn An', 'Văn Bình', 'Đức Cường', 'Văn Dũng', 'Minh Hải', 'Văn Hùng', 'Quang Long', 'Hoài Nam', 'Văn Phúc', 'Xuân Sơn', 'Văn Thắng', 'Minh Tuấn', 'Văn Vinh', 'Đình Toàn', 'Công Hậu'];
const KINH_WOMEN = ['Thị Hà', 'Thị Hạnh', 'Thị Hoa', 'Thị Lan', 'Thị Mai', 'Thị Nga', 'Thị Thảo', 'Thị Trang', 'Thị Yến', 'Ngọc Ánh', 'Thị Huệ', 'Thị Loan'];

/** A small fixed pseudo-random sequence, so the demo is the same on every machine. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** Every full name of a list once, in a fixed shuffled order (so a village is not sorted by name). */
function names(prefixes: readonly string[], given: readonly string[], seed: number): string[] {
  const all = prefixes.flatMap((p) => given.map((g) => `${p} ${g}`));
  const rnd = sequence(seed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
}
// Men as "A …" or "Đinh Văn …", women as "Y …" or "Đinh Thị …", as the demo's village heads are.
const BAHNAR = [...names(['A', 'Đinh Văn'], BAHNAR_MEN, 3), ...names(['Y', 'Đinh Thị'], BAHNAR_WOMEN, 5)];
const KINH = names(KINH_FAMILIES, [...KINH_MEN, ...KINH_WOMEN], 17);
const KINH_WOMEN_ONLY = names(KINH_FAMILIES, KINH_WOMEN, 19);
const BAHNAR_WOMEN_ONLY = names(['Y', 'Đinh Thị'], BAHNAR_WOMEN, 23);
const bahnarName = (i: number) => BAHNAR[(i * 37) % BAHNAR.length]!;
const kinhName = (i: number) => KINH[i % KINH.length]!;

/** `count` households of one unit; names and hamlets unique, so the import's duplicate check finds none. */
function register(unitKey: string, count: number, seed: number, name: (i: number) => string, hamlets: readonly string[], street: string | null): DemoHousehold[] {
  const rnd = sequence(seed);
  const seen = new Set<string>();
  const out: DemoHousehold[] = [];
  // Bounded: a name list too short for `count` fails loudly instead of looping.
  for (let i = 0; out.length < count; i++) {
    if (i > count * 10) throw new Error(`demo register ${unitKey}: not enough distinct names`);
    const hamlet = hamlets[i % hamlets.length]!;
    const headName = name(i);
    if (seen.has(`${headName}|${hamlet}`)) continue;
    seen.add(`${headName}|${hamlet}`);
    const r = rnd();
    const poor = r < 0.09;
    const nearPoor = !poor && r < 0.2;
    const v = rnd();
    const verdict = v < 0.12 ? 'none' : v < 0.18 ? 'partly' : v < 0.34 || poor ? 'fails' : 'meets';
    const failing: DemoHousehold['failing'] = verdict !== 'fails' ? [] : poor ? ['khong-doi-ngheo', 'sach-ngo'] : v < 0.26 ? ['sach-bep'] : ['khong-suy-dinh-duong-bo-hoc'];
    out.push({
      unitKey, headName, hamlet, address: street ? `Số ${3 + ((i * 7) % 90)}, ${street}, ${hamlet}` : null,
      members: 2 + Math.floor(rnd() * 6), poor, nearPoor, verdict, failing,
    });
  }
  return out;
}

export function demoHouseholds(): DemoHousehold[] {
  return [
    ...register('kon-so-lal', 58, 7, bahnarName, ['Tổ 1', 'Tổ 2', 'Tổ 3'], null),
    ...register('tan-lap', 64, 11, kinhName, ['Xóm Trên', 'Xóm Giữa', 'Xóm Dưới'], 'đường liên thôn'),
    // The Union's members' households, across the commune's villages.
    ...register('phu-nu', 32, 13, (i) => (i % 2 ? KINH_WOMEN_ONLY : BAHNAR_WOMEN_ONLY)[Math.floor(i / 2) % BAHNAR_WOMEN_ONLY.length]!,
      ['Làng Đê Tar', 'Làng Groi', 'Làng Hà Đừng', 'Thôn Tân Lập'], null),
  ];
}

/** The current quarter of the demo plan (the plan reports by quarter). */
export function currentPeriod(periods: readonly Period[], now: Date): Period {
  const today = vietnamToday(now);
  return periods.find((p) => p.kind === 'quarter' && p.from <= today && today <= p.to) ?? periods[0]!;
}

function principalFor(unitKey: string | null): Principal {
  const user = unitKey === null ? DEMO_USERS.find((u) => u.username === 'vanphong')! : DEMO_USERS.find((u) => u.unitId === unitByKey(unitKey).id)!;
  return { userId: user.id, name: user.name, role: user.role, unitId: user.unitId, communeId: COMMUNE_ID, deviceId: null };
}

/**
 * Writes the demo registers into a database that has the demo commune, in one transaction.
 * Each change is typed a minute after the last, from the quarter's first day on.
 */
export async function loadDemoHouseholds(db: DbHandle, periods: readonly Period[], now: Date): Promise<void> {
  if ((await listRegister(db, unitByKey('phu-nu').id)).households.length > 0) return;
  const period = currentPeriod(periods, now);
  const checklist = checklistForPeriod(SHIPPED_CHECKLISTS, '5k3s', period)!;
  const items = checklist.items.map((i) => i.code);
  let minute = 0;
  let changeNo = 0;
  const start = Date.parse(`${period.from}T01:00:00.000Z`);
  const typed = () => new Date(Math.min(start + minute++ * 60_000, now.getTime())).toISOString();
  const change = (c: Record<string, unknown>) => ({ id: demoId(GROUP.change, ++changeNo), createdAt: typed(), ...c });

  const households = demoHouseholds().map((h, i) => ({ ...h, id: demoId(GROUP.household, i + 1) }));
  const byUnit = new Map<string, typeof households>();
  for (const h of households) byUnit.set(h.unitKey, [...(byUnit.get(h.unitKey) ?? []), h]);
  const deps = { clock: () => now };

  await inTransaction(db, async (tx) => {
    for (const [unitKey, own] of byUnit) {
      const batch: Record<string, unknown>[] = [];
      for (const h of own) {
        batch.push(change({
          householdId: h.id, kind: 'create', baseRevision: 0,
          value: { unitId: unitByKey(unitKey).id, headName: h.headName, hamlet: h.hamlet, address: h.address, members: h.members, poor: h.poor, nearPoor: h.nearPoor },
        }));
        const ticked = h.verdict === 'none' ? [] : h.verdict === 'partly' ? items.slice(0, 4) : items;
        ticked.forEach((itemId, k) => batch.push(change({
          householdId: h.id, kind: 'item', checklistId: checklist.id, periodId: period.id, itemId, value: !(h.failing as readonly string[]).includes(itemId), baseRevision: 1 + k,
        })));
      }
      await applyAll(tx, deps, principalFor(unitKey), batch);
    }

    // Tân Lập: one household moved away; Kon Sơ Lăl: a son's household merged back into his parents'.
    const tanLap = byUnit.get('tan-lap')!;
    const konSoLal = byUnit.get('kon-so-lal')!;
    const revisionOf = (h: (typeof households)[number]) => 1 + (h.verdict === 'none' ? 0 : h.verdict === 'partly' ? 4 : items.length);
    const moved = tanLap[tanLap.length - 1]!;
    await applyAll(tx, deps, principalFor('tan-lap'), [change({ householdId: moved.id, kind: 'move', value: { reason: 'Cả nhà chuyển vào Bình Dương làm ăn' }, baseRevision: revisionOf(moved) })]);
    const [parents, son] = [konSoLal[0]!, konSoLal[konSoLal.length - 1]!];
    await applyAll(tx, deps, principalFor('kon-so-lal'), [change({ householdId: son.id, kind: 'merge', value: { into: parents.id, reason: 'Con trai về ở chung với bố mẹ' }, baseRevision: revisionOf(son) })]);

    // The dispute: the village head and the office both corrected one household's members
    // from the same revision, each without seeing the other's edit.
    const disputed = tanLap[4]!;
    await applyAll(tx, deps, principalFor('tan-lap'), [change({ householdId: disputed.id, kind: 'field', field: 'members', value: disputed.members + 1, baseRevision: revisionOf(disputed) })]);
    await applyAll(tx, deps, principalFor(null), [change({ householdId: disputed.id, kind: 'field', field: 'members', value: disputed.members + 2, baseRevision: revisionOf(disputed) })]);
  });
}

/** The demo is our own data: a change the path refuses is a bug in this file, not a user's mistake. */
async function applyAll(tx: DbHandle, deps: { clock: () => Date }, p: Principal, changes: readonly unknown[]): Promise<void> {
  const results = await applyHouseholdChangesIn(tx, deps, p, changes);
  const refused = results.find((r) => r.status === 'rejected');
  if (refused) throw new Error(`demo household change refused: ${refused.code} ${refused.path ?? ''}`);
}
