/**
 * One process of tests/unit/server/sqlite-processes.test.ts. Once loaded it writes
 * `<barrier>/ready-<n>` and waits for `<barrier>/go`, so all the processes start together; then it
 * opens the Store on a SQLite file (running its migrations) and, given a session, stores a choice
 * at turn 1. Prints JSON.
 * Usage: tsx sqlite-process.ts <file> <barrier> <n> [<sessionId> <choiceId>]
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openSqliteStore } from "../../../server/open-store";

const [file, barrier, n, sessionId, choiceId] = process.argv.slice(2);
writeFileSync(path.join(barrier!, `ready-${n}`), "");
while (!existsSync(path.join(barrier!, "go"))) await new Promise((r) => setTimeout(r, 2));
const store = await openSqliteStore(file!);
let inserted: boolean | undefined;
if (sessionId && choiceId) inserted = (await store.insertChoice({ sessionId, seq: 1, choiceId, timeTakenMs: 5 })).inserted;
await store.close();
console.log(JSON.stringify({ opened: true, inserted }));
