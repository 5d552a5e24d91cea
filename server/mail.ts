/**
 * Mail is optional: with no mail server configured, set-password links are only shown to the
 * administrator who made them, to hand over. Sending them by mail is added with SMTP settings.
 */
import type { LinkMailer } from "./auth";

/** The mailer for the configured mail server, or undefined when none is configured. */
export async function configuredMailer(): Promise<LinkMailer | undefined> {
  return undefined;
}
