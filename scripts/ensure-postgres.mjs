#!/usr/bin/env node
// The store tests start a throwaway PostgreSQL cluster from Debian's binaries: install them when missing.
import { execSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

const ROOT = "/usr/lib/postgresql";
const hasInitdb = () =>
  existsSync(ROOT) && readdirSync(ROOT).some((version) => existsSync(`${ROOT}/${version}/bin/initdb`));

if (process.env.PG_BIN ? !existsSync(`${process.env.PG_BIN}/initdb`) : !hasInitdb()) {
  if (process.env.PG_BIN) {
    console.error(`PG_BIN=${process.env.PG_BIN} has no initdb`);
    process.exit(1);
  }
  console.log(`${ROOT}/*/bin/initdb is missing: installing Debian's postgresql package…`);
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  // Only the binaries are needed; the package's own cluster is never used by the tests.
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql`, {
    stdio: "inherit",
  });
  if (!hasInitdb()) {
    console.error(`postgresql was installed but ${ROOT}/*/bin/initdb is still missing`);
    process.exit(1);
  }
}
