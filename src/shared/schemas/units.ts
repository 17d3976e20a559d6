import * as z from 'zod/mini';
import { Id, CalendarDate } from './common';

/**
 * Units form a tree of any depth: provinces hold communes (older plans still have districts),
 * communes hold villages, associations and the office. Communes and villages merge, so a unit
 * can be replaced by a successor: it keeps its id and history, and points at the new unit.
 */
export const UnitKind = z.enum(['province', 'district', 'commune', 'village', 'association', 'office']);
export type UnitKind = z.infer<typeof UnitKind>;

export const Unit = z.object({
  id: Id,
  parentId: z.nullable(Id),
  kind: UnitKind,
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The commune this unit belongs to (its own id for a commune; null above communes). */
  communeId: z.nullable(Id),
  successorId: z.nullable(Id),
  /** The day it was replaced by its successor, if it was. */
  replacedOn: z.nullable(CalendarDate),
  /** When the office closed it (no more shares or reports); optional for records cached before. */
  closedAt: z.optional(z.nullable(z.string())),
});
export type Unit = z.infer<typeof Unit>;

/** Units that report: villages and associations. */
export const REPORTING_KINDS: readonly UnitKind[] = ['village', 'association'];
