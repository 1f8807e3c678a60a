import { defineConfig } from "vitest/config";

// Kept apart from the unit suite: these start a real Friday server and take seconds, not ms.
export default defineConfig({
  test: {
    include: ["test/integration/**/*.test.ts"],
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
