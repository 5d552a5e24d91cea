import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.{ts,tsx}"],
    setupFiles: ["./tests/setup.ts"],
    // A throwaway PostgreSQL cluster for the store tests (tests/unit/server/store.test.ts).
    globalSetup: ["./tests/pg-global-setup.ts"],
    testTimeout: 30_000,
  },
});
