/**
 * `create-user`: makes an account with a password and roles on the store the environment names,
 * for scripted installs. The password never comes from the command line, where it would show in
 * the shell's history and in the process list: it comes from PEER_PRACTICE_PASSWORD, or else
 * from standard input.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { newAccountSchema } from "../../contracts/account-requests";
import { ROLES, type Role } from "../../contracts/enums";
import { createAccount } from "../../server/accounts";
import { authSecret, createAuth } from "../../server/auth";
import { openStore } from "../../server/open-store";
import { ServiceError } from "../../server/service-error";
import type { Store } from "../../server/store";
import { unavailableReason } from "../../server/store-errors";
import { EXIT, UsageError, type Command, type Io } from "../command";

/** The environment variable that carries the password. */
export const PASSWORD_VARIABLE = "PEER_PRACTICE_PASSWORD";

const HELP = `Usage: npm run admin -- create-user --email <email> --name <display name> --role <role> [--role <role> …]

Makes an account that signs in with its email and a password, with one or more roles
(${ROLES.join(", ")}). The account is made on the store the environment names: PostgreSQL
when DATABASE_URL is set, else the SQLite file under DATA_DIR (default ./data).

The password is never taken from the command line, where it would show in the shell's history
and in the process list (--password is refused). It is read from the environment variable
${PASSWORD_VARIABLE} when it is set, else from standard input: one line, asked for twice
without echo on a terminal. It must be at least 10 characters.

Options:
  --email <email>         the email to sign in with (its case does not matter)
  --name <display name>   how the person is shown on sessions, comments and lists
  --role <role>           ${ROLES.join(", ")}; repeat it for several roles

Exit codes: 0 the account was made; 1 refused (an email that is not one or already in use, a
name or password that does not fit), or the store cannot be opened; 2 a usage mistake (a
missing or unknown option, an unknown role, --password, no password given).`;

/** What each field is called in a sentence. */
const FIELD: Record<string, string> = { email: "the email", name: "the name", password: "the password", roles: "the roles" };

function sentences(error: z.ZodError): string[] {
  return error.issues.map((i) => `${FIELD[String(i.path[0])] ?? "the account"} ${i.message}`);
}

/** "admin", "trainee and admin", "trainee, trainer and admin". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The one value of an option given once; a usage mistake when it is missing or given twice. */
export function single(values: string[] | undefined, option: string): string {
  if (!values?.length) throw new UsageError(`--${option} is required`);
  if (values.length > 1) throw new UsageError(`--${option} is given ${values.length} times; give it once`);
  return values[0]!;
}

function readArgs(args: string[]): { email: string; name: string; roles: Role[] } {
  if (args.some((a) => a === "--password" || a.startsWith("--password="))) {
    throw new UsageError(
      `--password is refused: a password on the command line shows in the shell's history and in the process list; set ${PASSWORD_VARIABLE} or write it on standard input`,
    );
  }
  const { values } = parseArgs({
    args,
    options: { email: { type: "string", multiple: true }, name: { type: "string", multiple: true }, role: { type: "string", multiple: true } },
  });
  const email = single(values.email, "email");
  const name = single(values.name, "name");
  if (!values.role?.length) throw new UsageError(`--role is required (one of ${ROLES.join(", ")}; repeat it for several)`);
  const unknown = [...new Set(values.role.filter((r) => !(ROLES as readonly string[]).includes(r)))];
  if (unknown.length) {
    throw new UsageError(`unknown role${unknown.length > 1 ? "s" : ""} ${listed(unknown.map((r) => `"${r}"`))}: a role is one of ${ROLES.join(", ")}`);
  }
  return { email, name, roles: [...new Set(values.role as Role[])] };
}

/** The password: from the environment, else a line of standard input (typed twice on a terminal). */
async function readPassword(env: Readonly<Record<string, string | undefined>>, io: Io, confirm: boolean): Promise<string> {
  const given = env[PASSWORD_VARIABLE];
  if (given !== undefined) return given;
  const password = await io.ask("Password: ");
  if (password === null) throw new UsageError(`no password given: set ${PASSWORD_VARIABLE} or write it on standard input`);
  if (confirm && (await io.ask("The password again: ")) !== password) throw new Refused(["the two passwords typed differ"]);
  return password;
}

/** A refusal: its sentences are printed, exit 1. */
class Refused extends Error {
  constructor(readonly sentences: string[]) {
    super(sentences.join("; "));
  }
}

export interface CreateUserOptions {
  /** Where DATABASE_URL, DATA_DIR, BETTER_AUTH_SECRET and PEER_PRACTICE_PASSWORD are read. */
  env: Readonly<Record<string, string | undefined>>;
  /** Ask for a password typed on standard input twice (on a terminal). */
  confirm: boolean;
}

export function createUserCommand({ env, confirm }: CreateUserOptions): Command {
  return {
    name: "create-user",
    summary: "make an account with a password and roles",
    help: HELP,
    async run(args, io) {
      const refuse = (lines: string[]) => {
        for (const line of lines) io.err(`admin create-user: ${line}`);
        return EXIT.problems;
      };
      const { email, name, roles } = readArgs(args);
      // Everything but the password is checked before it is asked for.
      const before = newAccountSchema.omit({ password: true }).safeParse({ email, name, roles });
      if (!before.success) return refuse(sentences(before.error));
      let password: string;
      try {
        password = await readPassword(env, io, confirm);
      } catch (e) {
        if (e instanceof Refused) return refuse(e.sentences);
        throw e;
      }
      const account = newAccountSchema.safeParse({ email, name, roles, password });
      if (!account.success) return refuse(sentences(account.error));

      let store: Store;
      try {
        store = await openStore(env);
      } catch (e) {
        return refuse([`the store cannot be opened: ${unavailableReason(e) ?? (e as Error).message}`]);
      }
      try {
        await store.check();
        const { db, type } = await store.database();
        const auth = createAuth({ db, type }, await authSecret(db, env));
        const made = await createAccount(auth, db, account.data);
        io.out(`Made the account ${made.email}, named "${made.name}", with the role${made.roles.length > 1 ? "s" : ""} ${listed(made.roles)}`);
        return EXIT.ok;
      } catch (e) {
        if (e instanceof ServiceError) return refuse([e.message]);
        if (e instanceof z.ZodError) return refuse(sentences(e));
        const reason = unavailableReason(e);
        if (reason !== undefined) return refuse([`the store cannot be used: ${reason}`]);
        throw e;
      } finally {
        await store.close();
      }
    },
  };
}
