/**
 * The demo commune: Lơ Ku (the sample plan xa-lo-ku-2022), its villages, its associations and
 * the office, and one account per person who would use the app. Ids are fixed so loading the
 * demo twice finds the same rows instead of making a second commune.
 *
 * The plan speaks of "9 thôn, làng" without naming them; the demo keeps eight, with names in
 * the style of the Bahnar villages of Kbang (not a roll of the commune's real villages).
 */
import type { Unit, UnitKind } from '../../shared/schemas/units';
import type { Role } from '../../shared/schemas/users';

/** Fixed UUIDv7-shaped ids: group (units, users, targets...) and a number. */
export function demoId(group: number, n: number): string {
  return `0180a5e0-0000-7000-8000-${group.toString(16).padStart(4, '0')}${n.toString(16).padStart(8, '0')}`;
}
export const ID_GROUP = { unit: 1, user: 2, plan: 3, target: 4, assignment: 5, checklist: 6, criteria: 7 } as const;

export const COMMUNE_ID = demoId(ID_GROUP.unit, 1);
export const OFFICE_UNIT_ID = demoId(ID_GROUP.unit, 2);

export interface DemoUnit extends Unit {
  /** Households in a village: the weight for splitting the commune's figures among villages. */
  households?: number;
  /** Short ascii key for usernames and lookups. */
  key: string;
}

export interface DemoUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  unitId: string;
  /** Only office accounts log in with a password; field users enroll their phone with a code. */
  password: string | null;
}

/**
 * Demo passwords are fixed and printed by `npm run demo` (and in the README); the demo resets
 * them on every run, so a forgotten one comes back. Never use the demo on a real commune.
 */
export const DEMO_PASSWORDS = { admin: 'quantri-loku', vanphong: 'vanphong-loku' } as const;

const villages: [key: string, name: string, households: number, head: string][] = [
  ['kon-so-lal', 'Làng Kon Sơ Lăl', 142, 'A Blưn'],
  ['dak-po-kao', 'Làng Đăk Pơ Kao', 118, 'Đinh Văn Hlung'],
  ['kon-loc', 'Làng Kon Lốc', 96, 'A Kleo'],
  ['de-tar', 'Làng Đê Tar', 131, 'Đinh Thị Hmia'],
  ['groi', 'Làng Groi', 87, 'A Thiên'],
  ['ha-dung', 'Làng Hà Đừng', 104, 'Đinh Văn Rưn'],
  ['kon-pram', 'Làng Kon Pram', 75, 'Y Prông'],
  ['tan-lap', 'Thôn Tân Lập', 163, 'Nguyễn Văn Tâm'],
];

const associations: [key: string, name: string, leader: string][] = [
  ['phu-nu', 'Hội Liên hiệp Phụ nữ xã', 'Đinh Thị Bông'],
  ['nong-dan', 'Hội Nông dân xã', 'A Đinh'],
  ['cuu-chien-binh', 'Hội Cựu chiến binh xã', 'Trần Văn Hải'],
  ['thanh-nien', 'Đoàn Thanh niên xã', 'A Sang'],
  ['mat-tran', 'Ủy ban Mặt trận Tổ quốc Việt Nam xã', 'Đinh Văn Blum'],
];

function unit(n: number, key: string, kind: UnitKind, name: string, extra: Partial<DemoUnit> = {}): DemoUnit {
  return { id: demoId(ID_GROUP.unit, n), parentId: COMMUNE_ID, kind, name, communeId: COMMUNE_ID, successorId: null, replacedOn: null, key, ...extra };
}

export const DEMO_UNITS: DemoUnit[] = [
  unit(1, 'lo-ku', 'commune', 'Xã Lơ Ku', { parentId: null }),
  unit(2, 'van-phong', 'office', 'Văn phòng - Thống kê xã'),
  ...villages.map(([key, name, households], i) => unit(10 + i, key, 'village', name, { households })),
  ...associations.map(([key, name], i) => unit(30 + i, key, 'association', name)),
];

export const unitByKey = (key: string): DemoUnit => {
  const u = DEMO_UNITS.find((x) => x.key === key);
  if (!u) throw new Error(`demo unit ${key}`);
  return u;
};
export const DEMO_VILLAGES = DEMO_UNITS.filter((u) => u.kind === 'village');

export const DEMO_USERS: DemoUser[] = [
  { id: demoId(ID_GROUP.user, 1), username: 'admin', name: 'Lê Minh Tuấn', role: 'admin', unitId: OFFICE_UNIT_ID, password: DEMO_PASSWORDS.admin },
  { id: demoId(ID_GROUP.user, 2), username: 'vanphong', name: 'Nguyễn Thị Hoa', role: 'office', unitId: OFFICE_UNIT_ID, password: DEMO_PASSWORDS.vanphong },
  ...villages.map(([key, , , head], i): DemoUser => ({
    id: demoId(ID_GROUP.user, 10 + i), username: key, name: head, role: 'village', unitId: unitByKey(key).id, password: null,
  })),
  ...associations.map(([key, , leader], i): DemoUser => ({
    id: demoId(ID_GROUP.user, 30 + i), username: key, name: leader, role: 'association', unitId: unitByKey(key).id, password: null,
  })),
];
