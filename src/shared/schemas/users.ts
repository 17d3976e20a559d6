import * as z from 'zod/mini';
import { Id } from './common';

/**
 * Roles: `village` heads and `association` leaders report for their own unit; `office` staff
 * work on their commune; a commune `admin` also manages its accounts; a hosting `operator`
 * manages communes and accounts but reads no household names.
 */
export const Role = z.enum(['village', 'association', 'office', 'admin', 'operator']);
export type Role = z.infer<typeof Role>;

export const FIELD_ROLES: readonly Role[] = ['village', 'association'];
export const OFFICE_ROLES: readonly Role[] = ['office', 'admin'];

/** What the wire carries about a user. */
export const PublicUser = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  unitId: z.nullable(Id),
});
export type PublicUser = z.infer<typeof PublicUser>;
