import { defineConfig } from "@playwright/test";
import { tmpdir } from "node:os";
import path from "node:path";
import { ADMIN_STATE } from "./tests/e2e/sign-in";

const PORT = Number(process.env.E2E_PORT ?? 3199);
// The shared server's store. Set once by the runner, so its workers (which inherit its environment)
// find the same folder: specs that set people up from the command line write to it too.
process.env.E2E_DATA_DIR ??= path.join(tmpdir(), `peer-practice-e2e-${process.pid}`);

export default defineConfig({
  testDir: "./tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Makes the shared server's administrator and signs in, before any test (the server is up by then).
    { name: "setup", testMatch: /admin\.setup\.ts$/ },
    // Every test starts signed in as that administrator, who may play, read and comment on everything.
    { name: "chromium", dependencies: ["setup"], use: { storageState: ADMIN_STATE } },
  ],
  webServer: {
    // As `npm start` serves it (without the build step: the test command builds first).
    command: "node scripts/serve.mjs",
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
    // A fresh SQLite store for every run.
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: "2",
      // As behind a proxy on this machine: specs that sign in many people give each an address of its own in X-Forwarded-For.
      TRUSTED_PROXIES: "127.0.0.1",
      SCENARIO_DIRS: "tests/fixtures/library-extra",
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: process.env.E2E_DATA_DIR,
    },
  },
});
