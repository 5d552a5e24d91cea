/** The bodies of the account requests: making the first administrator, and an administrator making an account. */
import "../scenarios/zod-in-browser";
import { z } from "zod";
import { roleSchema } from "./enums";
import { text } from "./text";

/** Passwords shorter than this are refused (the authentication library is told the same). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export const emailSchema = z.string().trim().toLowerCase().max(254, "must be at most 254 characters").pipe(z.email("must be an email address"));
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);
/** How the person is shown to others: on transcripts, comments and lists. */
export const displayNameSchema = text(80);

/** `POST /api/setup`: the first administrator, on an empty store. */
export const firstAdminRequestSchema = z.strictObject({ email: emailSchema, name: displayNameSchema, password: passwordSchema });
export type FirstAdminRequest = z.output<typeof firstAdminRequestSchema>;

/** A new account, as an administrator (or the command line) makes it. */
export const newAccountSchema = z.strictObject({
  email: emailSchema,
  name: displayNameSchema,
  password: passwordSchema,
  roles: z.array(roleSchema).min(1, "must name at least one role").max(4),
});
export type NewAccount = z.output<typeof newAccountSchema>;
