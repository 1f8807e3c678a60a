import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here("./page"),
  // Relative asset URLs: the test serves the page under the Friday server's own origin.
  base: "./",
  build: { outDir: here("./dist"), emptyOutDir: true },
  // The clients' sources, not their dist/, so the page needs no separate build of them.
  resolve: {
    alias: {
      // Before "@friday/react", which would otherwise take it as a path under src/index.ts.
      "@friday/react/notification-center.css": here("../react/styles/notification-center.css"),
      "@friday/react": here("../react/src/index.ts"),
      "@friday/client": here("../typescript/src/index.ts"),
    },
    // ../react has its own React for its unit tests; two copies would break hooks.
    dedupe: ["react", "react-dom"],
  },
  oxc: { jsx: { runtime: "automatic" } },
});
