/** `npm run admin -- <command>`: the administrators' command line, for scripted installs. */
import { isatty } from "node:tty";
import { addToCohortCommand } from "./admin/add-to-cohort";
import { createCohortCommand } from "./admin/create-cohort";
import { createUserCommand } from "./admin/create-user";
import { secretIo } from "./admin/secret-input";
import { dispatch, programHelp, runAsProcess, type Command, type Io } from "./command";

/** The commands, reading the given environment; on a terminal a typed password is asked for twice. */
export function adminCommands(env: Readonly<Record<string, string | undefined>> = process.env, terminal = isatty(0)): Command[] {
  return [createUserCommand({ env, confirm: terminal }), createCohortCommand({ env }), addToCohortCommand({ env })];
}

/** Runs one command line; returns the exit code. Kept apart from process handling so tests can call it. */
export function main(argv: string[], io: Io, commands: Command[] = adminCommands()): Promise<number> {
  return dispatch("admin", programHelp("admin", commands), commands, argv, io);
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (isEntry) runAsProcess("admin", main, secretIo());
