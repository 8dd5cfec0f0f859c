import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Prism servers and tsc runs are heavy on a 2-core machine.
    maxWorkers: 2,
    setupFiles: ["test/support/setup.ts"],
  },
});
