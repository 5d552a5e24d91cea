/**
 * One process of tests/unit/server/sqlite-processes.test.ts. Once loaded it writes
 * `<barrier>/ready-<n>` and waits for `<barrier>/go`, so all the processes start together; then it
 * opens the Store on a SQLite file (running its migrations) and, given a session, makes one write
 * to it decided on `revision`: `choice:<seq>:<choiceId>`, `take-back:<seq>` or `end`. Prints JSON
 * with whether the write went through.
 * Usage: tsx sqlite-process.ts <file> <barrier> <n> [<sessionId> <revision> <write>]
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openSqliteStore } from "../../../server/open-store";

const [file, barrier, n, sessionId, revisionArg, write] = process.argv.slice(2);
writeFileSync(path.join(barrier!, `ready-${n}`), "");
while (!existsSync(path.join(barrier!, "go"))) await new Promise((r) => setTimeout(r, 2));
const store = await openSqliteStore(file!);
let wrote: boolean | undefined;
if (sessionId && revisionArg && write) {
  const revision = Number(revisionArg);
  const [op, seq, choiceId] = write.split(":");
  if (op === "choice") wrote = (await store.insertChoice({ sessionId, seq: Number(seq), choiceId: choiceId!, timeTakenMs: 5 }, revision)) !== undefined;
  else if (op === "take-back") wrote = await store.deleteChoice(sessionId, Number(seq), revision);
  else wrote = (await store.finishSession(sessionId, { status: "completed", outcome: "connected", finalMeters: { rapport: 60, mutuality: 55 } }, revision)) !== undefined;
}
await store.close();
console.log(JSON.stringify({ opened: true, wrote }));
