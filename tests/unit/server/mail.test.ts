/**
 * Set-password links by mail, through a real SMTP server on this machine: an administrator's
 * link is also mailed when mail is configured; anyone may ask for a reset by email, which is
 * answered alike for known and unknown addresses; with no mail configured, asking by email is
 * not offered at all.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../server/accounts";
import { authSecret, createAuth } from "../../../server/auth";
import { configuredMailer, mailSettings } from "../../../server/mail";
import { openSqliteStore } from "../../../server/open-store";
import { createPerson } from "../../../server/people";
import type { Store } from "../../../server/store";

interface Received {
  to: string[];
  raw: string;
}

const received: Received[] = [];
let server: SMTPServer;
let port: number;
const dir = mkdtempSync(path.join(tmpdir(), "peer-practice-mail-"));
const stores: Store[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (d: Buffer) => (raw += d.toString()));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** Quoted-printable bodies wrap long lines with `=` and escape `=`: undo that to read the link. */
const plain = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");

async function setUp(env: Record<string, string>) {
  const store = await openSqliteStore(path.join(dir, `${randomUUID()}.sqlite`));
  stores.push(store);
  const database = await store.database();
  const mailer = await configuredMailer(env);
  const auth = createAuth(database, await authSecret(database.db, {}), { mailer });
  const admin = await createAccount(auth, database.db, { email: "ada@example.org", name: "Ada", password: "a long enough password", roles: ["admin"] });
  return { auth, db: database.db, admin, mailer };
}

describe("mail", () => {
  const env = () => ({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Peer Practice <practice@example.org>" });

  it("is off without SMTP_URL, and refuses SMTP_URL without a sender", () => {
    expect(mailSettings({})).toBeUndefined();
    expect(() => mailSettings({ SMTP_URL: "smtp://127.0.0.1:25" })).toThrow(/MAIL_FROM/);
  });

  it("mails an administrator's set-password link to the new account, and answers the same link to hand over", async () => {
    const { auth, db, admin, mailer } = await setUp(env());
    const before = received.length;
    const { link } = await createPerson(auth, db, admin, { email: "tia@example.org", name: "Tia", roles: ["trainee"], cohortId: null }, "http://practice.test", mailer);
    expect(link.mailedTo).toBe("tia@example.org");
    expect(received.length).toBe(before + 1);
    const mail = received.at(-1)!;
    expect(mail.to).toEqual(["tia@example.org"]);
    expect(plain(mail.raw)).toContain(link.url);
    expect(plain(mail.raw)).toMatch(/Subject: Your Peer Practice password/);
  });

  it("answers the link without mailing it when no mail is configured, and offers no reset by email", async () => {
    const { auth, db, admin } = await setUp({});
    const before = received.length;
    const { link } = await createPerson(auth, db, admin, { email: "ned@example.org", name: "Ned", roles: ["trainee"], cohortId: null }, "http://practice.test", undefined);
    expect(link.mailedTo).toBeNull();
    expect(link.url).toMatch(/^http:\/\/practice\.test\/set-password#token=/);
    expect(received.length).toBe(before);
    const asked = await auth.handler(
      new Request("http://practice.test/api/auth/request-password-reset", {
        method: "POST",
        headers: { host: "practice.test", origin: "http://practice.test", "content-type": "application/json" },
        body: JSON.stringify({ email: "ned@example.org" }),
      }),
    );
    expect(asked.status).toBe(404);
  });

  it("mails a reset link on PUBLIC_URL when it is set, never on a Host header the asker chose", async () => {
    const { auth } = await setUp(env());
    const before = received.length;
    const saved = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://practice.example.org";
    try {
      const asked = await auth.handler(
        new Request("http://evil.example.net/api/auth/request-password-reset", {
          method: "POST",
          headers: { host: "evil.example.net", origin: "http://evil.example.net", "content-type": "application/json", "x-peer-practice-client": "192.0.2.45" },
          body: JSON.stringify({ email: "ada@example.org" }),
        }),
      );
      expect(asked.status).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = saved;
    }
    expect(received.length).toBe(before + 1);
    const text = plain(received.at(-1)!.raw);
    expect(text).toMatch(/https:\/\/practice\.example\.org\/set-password#token=/);
    expect(text).not.toContain("evil.example.net");
  });

  it("mails a reset link to whoever asks for their own, and answers an unknown email the same way", async () => {
    const { auth } = await setUp(env());
    const ask = (email: string) =>
      auth.handler(
        new Request("http://practice.test/api/auth/request-password-reset", {
          method: "POST",
          headers: { host: "practice.test", origin: "http://practice.test", "content-type": "application/json", "x-peer-practice-client": "192.0.2.44" },
          body: JSON.stringify({ email }),
        }),
      );
    const before = received.length;
    const known = await ask("ada@example.org");
    const unknown = await ask("nobody@example.org");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.json()).toEqual(await unknown.json());
    expect(received.length).toBe(before + 1);
    const mail = received.at(-1)!;
    expect(mail.to).toEqual(["ada@example.org"]);
    const url = /http:\/\/practice\.test\/set-password#token=[A-Za-z0-9%]+/.exec(plain(mail.raw))?.[0];
    expect(url).toBeDefined();

    // The mailed token sets the password once.
    const token = decodeURIComponent(url!.split("#token=")[1]!);
    const reset = (newPassword: string) =>
      auth.handler(
        new Request("http://practice.test/api/auth/reset-password", {
          method: "POST",
          headers: { host: "practice.test", origin: "http://practice.test", "content-type": "application/json" },
          body: JSON.stringify({ token, newPassword }),
        }),
      );
    expect((await reset("a brand new password")).status).toBe(200);
    expect((await reset("another new password")).status).toBe(400);
    const signIn = await auth.api.signInEmail({ body: { email: "ada@example.org", password: "a brand new password" }, asResponse: true });
    expect(signIn.status).toBe(200);
  });
});
