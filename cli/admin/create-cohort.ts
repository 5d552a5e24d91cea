/** `create-cohort`: makes a cohort, for scripted installs; people are then put in it with add-to-cohort. */
import { parseArgs } from "node:util";
import { cohortRequestSchema } from "../../contracts/people-requests";
import { createCohort } from "../../server/cohorts";
import { EXIT, type Command } from "../command";
import { single } from "./create-user";
import { COMMAND_LINE, onStore } from "./on-store";

const HELP = `Usage: npm run admin -- create-cohort --name <name>

Makes a cohort: a group of trainees, with the supervisors and trainers who follow their sessions
(put people in it with add-to-cohort). The cohort is made on the store the environment names:
PostgreSQL when DATABASE_URL is set, else the SQLite file under DATA_DIR (default ./data). The
audit log records it as done by the command line.

Options:
  --name <name>   the cohort's name, up to 80 characters; no two cohorts share one (in any case)

Exit codes: 0 the cohort was made; 1 refused (a name in use, or one that does not fit), or the
store cannot be opened; 2 a usage mistake (a missing or unknown option).`;

export function createCohortCommand({ env }: { env: Readonly<Record<string, string | undefined>> }): Command {
  return {
    name: "create-cohort",
    summary: "make a cohort",
    help: HELP,
    async run(args, io) {
      const { values } = parseArgs({ args, options: { name: { type: "string", multiple: true } } });
      const checked = cohortRequestSchema.safeParse({ name: single(values.name, "name") });
      if (!checked.success) {
        for (const issue of checked.error.issues) io.err(`admin create-cohort: the name ${issue.message}`);
        return EXIT.problems;
      }
      return onStore("create-cohort", env, io, async (db) => {
        const cohort = await createCohort(db, COMMAND_LINE, checked.data.name);
        return `Made the cohort "${cohort.name}"`;
      });
    },
  };
}
