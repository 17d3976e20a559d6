import * as z from 'zod/mini';

/** Calendar date in the commune's time zone (Asia/Ho_Chi_Minh): `2025-06-25`. */
export const CalendarDate = z.iso.date();
/** An instant, ISO 8601 in UTC: `2025-03-01T08:00:00.000Z`. */
export const Instant = z.iso.datetime();
/** Server-made ids are UUIDv7 too, but older or imported data may carry other strings. */
export const Id = z.string().check(z.minLength(1), z.maxLength(100));
export const Uuid = z.uuid();
/** A finite JSON number: NaN and Infinity never survive JSON, but a number schema must still say so. */
export const FiniteNumber = z.number().check(z.refine(Number.isFinite));

/** Every synced record may come back as a tombstone. */
export const Tombstone = z.object({ id: Id, deleted: z.literal(true) });
export type Tombstone = z.infer<typeof Tombstone>;
