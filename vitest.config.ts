import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generous: tsc and Prism runs share 2 cores with whatever else runs; a timeout is a hang guard, not a speed check.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Prism servers and tsc runs are heavy on a 2-core machine.
    maxWorkers: 2,
    setupFiles: ["test/support/setup.ts"],
  },
});
