/**
 * Mail is optional. With no mail server configured, set-password links are only shown to the
 * administrator who made them, to hand over, and nobody can ask for one by email. With
 * `SMTP_URL` (for example `smtps://user:password@mail.example.org:465`, or `smtp://…:587`, which
 * upgrades to TLS when the server offers it) and `MAIL_FROM` (`Peer Practice <practice@example.org>`)
 * set, links also go out by mail, and the sign-in page offers "Forgot your password?".
 */
import type { Transporter } from "nodemailer";
import { LINK_HOURS, type LinkMailer } from "./auth";

/** The mail settings from the environment, or undefined when mail is not configured. */
export function mailSettings(env: Readonly<Record<string, string | undefined>> = process.env): { url: string; from: string } | undefined {
  const url = env.SMTP_URL?.trim();
  const from = env.MAIL_FROM?.trim();
  if (!url) return undefined;
  if (!from) throw new Error("[server] SMTP_URL is set but MAIL_FROM is not: set MAIL_FROM to the address mail is sent from");
  return { url, from };
}

/** Whether this server can send mail (and so offers resetting a password by email). */
export function mailConfigured(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return Boolean(env.SMTP_URL?.trim());
}

/** The text of the mail that carries a set-password link. */
export function linkMail(name: string, url: string): { subject: string; text: string } {
  return {
    subject: "Your Peer Practice password",
    text: [
      `Hello ${name},`,
      "",
      "Use this link to set your password for Peer Practice:",
      "",
      url,
      "",
      `The link works once, for ${LINK_HOURS} hours. If you did not expect this mail, you can ignore it; nothing changes until the link is used.`,
    ].join("\n"),
  };
}

/** The mailer for the configured mail server, or undefined when none is configured. */
export async function configuredMailer(env: Readonly<Record<string, string | undefined>> = process.env): Promise<LinkMailer | undefined> {
  const settings = mailSettings(env);
  if (!settings) return undefined;
  const { createTransport } = await import("nodemailer");
  const transport: Transporter = createTransport(settings.url);
  return async (to, url) => {
    await transport.sendMail({ from: settings.from, to: { name: to.name, address: to.email }, ...linkMail(to.name, url) });
  };
}
