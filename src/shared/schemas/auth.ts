import * as z from 'zod/mini';
import { Id, Instant } from './common';
import { PublicUser } from './users';

export const LoginRequest = z.object({
  username: z.string().check(z.minLength(1), z.maxLength(100)),
  password: z.string().check(z.minLength(1), z.maxLength(200)),
});
export const LoginResponse = z.object({ token: z.string(), user: PublicUser });

export const EnrollRequest = z.object({
  code: z.string().check(z.minLength(4), z.maxLength(64)),
  deviceName: z.string().check(z.minLength(1), z.maxLength(100)),
});
export const EnrollResponse = z.object({ token: z.string(), deviceId: Id, user: PublicUser });

/** An enrollment code issued by office staff for one field user: works once, expires. */
export const EnrollmentCode = z.object({
  code: z.string(),
  userId: Id,
  expiresAt: Instant,
  /** An SVG QR image of the enrollment link, for the phone's camera. */
  qrSvg: z.string(),
  /** The link the QR encodes: opens the app with the code filled in. */
  url: z.string(),
});
