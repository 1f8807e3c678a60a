import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// /test-ws loads a committed copy of the browser bundle so that `dotnet run` alone serves a
// working page; this catches a client change committed without `npm run build:wwwroot`.
it("the bundle committed for /test-ws equals a fresh build of this client", () => {
  const packageDir = fileURLToPath(new URL("..", import.meta.url));
  const committed = readFileSync(
    fileURLToPath(new URL("../../../src/Friday.WebApi/wwwroot/js/friday-client.browser.js", import.meta.url)),
    "utf8",
  );
  const fresh = execFileSync("npm", ["run", "--silent", "bundle"], { cwd: packageDir, encoding: "utf8" });
  expect(fresh === committed, "run `npm run build:wwwroot` in clients/typescript and commit the result").toBe(true);
}, 30_000);
