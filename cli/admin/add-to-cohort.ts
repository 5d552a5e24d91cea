/** `add-to-cohort`: puts an account in a cohort as a trainee or as its staff, for scripted installs. */
import { parseArgs } from "node:util";
import { emailSchema } from "../../contracts/account-requests";
import { MEMBERSHIPS, type Membership } from "../../contracts/enums";
import { addMember } from "../../server/cohorts";
import { EXIT, UsageError, type Command } from "../command";
import { single } from "./create-user";
import { COMMAND_LINE, onStore, Refused } from "./on-store";

const HELP = `Usage: npm run admin -- add-to-cohort --cohort <name> --email <email> --as trainee|staff

Puts an account in a cohort: as one of its trainees (the account must hold the trainee role), or
as its staff (it must hold the supervisor or trainer role), who read, comment on and mark reviewed
its trainees' sessions and assign them scenarios. Someone already in the cohort is changed to the
membership given. Made with create-user and create-cohort; the store is the one the environment
names, as for them. The audit log records it as done by the command line.

Options:
  --cohort <name>          the cohort's name (its case does not matter)
  --email <email>          the account's email
  --as trainee|staff       how they belong to the cohort

Exit codes: 0 done; 1 refused (no such cohort or account, or an account without the role the
membership needs), or the store cannot be opened; 2 a usage mistake (a missing or unknown
option, --as other than trainee or staff).`;

export function addToCohortCommand({ env }: { env: Readonly<Record<string, string | undefined>> }): Command {
  return {
    name: "add-to-cohort",
    summary: "put an account in a cohort as a trainee or as staff",
    help: HELP,
    async run(args, io) {
      const { values } = parseArgs({
        args,
        options: { cohort: { type: "string", multiple: true }, email: { type: "string", multiple: true }, as: { type: "string", multiple: true } },
      });
      const cohortName = single(values.cohort, "cohort").trim();
      const givenEmail = single(values.email, "email");
      const membership = single(values.as, "as");
      if (!(MEMBERSHIPS as readonly string[]).includes(membership)) {
        throw new UsageError(`--as must be ${MEMBERSHIPS.join(" or ")}, not "${membership}"`);
      }
      const email = emailSchema.safeParse(givenEmail);
      if (!email.success) {
        io.err(`admin add-to-cohort: the email ${email.error.issues[0]?.message ?? "is not valid"}`);
        return EXIT.problems;
      }
      return onStore("add-to-cohort", env, io, async (db) => {
        const cohort = await db
          .selectFrom("cohorts")
          .select(["id", "name"])
          .where((eb) => eb(eb.fn("lower", ["name"]), "=", cohortName.toLowerCase()))
          .executeTakeFirst();
        if (!cohort) throw new Refused(`no cohort is named "${cohortName}"`);
        const user = await db.selectFrom("auth_user").select(["id", "name"]).where("email", "=", email.data).executeTakeFirst();
        if (!user) throw new Refused(`no account has the email ${email.data}`);
        await addMember(db, COMMAND_LINE, cohort.id, user.id, membership as Membership);
        return `Added ${user.name} (${email.data}) to the cohort "${cohort.name}" as ${membership === "trainee" ? "a trainee" : "staff"}`;
      });
    },
  };
}
