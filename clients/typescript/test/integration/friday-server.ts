import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const project = join(repo, "src", "Friday.WebApi");

/** scripts/test.sh builds once and passes the path; a direct run builds when needed. */
function serverDll(): string {
  const configured = process.env.FRIDAY_SERVER_DLL;
  if (configured) {
    return configured;
  }
  const dll = join(project, "bin", "Release", "net10.0", "Friday.WebApi.dll");
  if (!existsSync(dll)) {
    const build = spawnSync("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "quiet"], { stdio: "inherit" });
    if (build.status !== 0) {
      throw new Error("dotnet build of Friday.WebApi failed");
    }
  }
  return dll;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The real Friday server (Release build) on a free 127.0.0.1 port with its own SQLite file,
 * restartable on the same port and database, stopped by PID.
 */
export class FridayServer {
  private process: ChildProcess | undefined;
  private starts = 0;
  private readonly workdir = mkdtempSync(join(tmpdir(), "friday-it-"));
  private readonly dll = serverDll();

  /** `settings`: configuration as environment variables, e.g. `Realtime__TokenExpiryWarningSeconds`. */
  private constructor(
    readonly port: number,
    private readonly settings: Record<string, string>,
  ) {}

  static async start(settings: Record<string, string> = {}): Promise<FridayServer> {
    const server = new FridayServer(await freePort(), settings);
    await server.start();
    return server;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** Starts (again) on the same port and database file, and waits for /health/live. */
  async start(): Promise<void> {
    this.starts++;
    const log = openSync(this.logPath(), "w");
    const child = spawn("dotnet", [this.dll, "--urls", this.baseUrl], {
      cwd: project,
      env: {
        ...process.env,
        ASPNETCORE_ENVIRONMENT: "Development",
        Database__ConnectionString: `Data Source=${join(this.workdir, "friday.db")}`,
        ...this.settings,
      },
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    this.process = child;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`Friday exited with ${child.exitCode}: ${this.log()}`);
      }
      try {
        if ((await fetch(`${this.baseUrl}/health/live`)).ok) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      await sleep(200);
    }
    throw new Error(`Friday did not become live: ${this.log()}`);
  }

  /** SIGKILL: no graceful close, as in a crash. */
  kill(): Promise<void> {
    return this.signal("SIGKILL");
  }

  async stop(): Promise<void> {
    await this.signal("SIGTERM");
    rmSync(this.workdir, { recursive: true, force: true });
  }

  /** A development token; `lifetimeSeconds` instead of the server's default lifetime. */
  async token(userId: string, roles: string[] = [], lifetimeSeconds?: number): Promise<string> {
    const request = lifetimeSeconds === undefined ? { user_id: userId, roles } : { user_id: userId, roles, lifetime_seconds: lifetimeSeconds };
    const body = (await this.post("/api/dev/token", request)) as { token: string };
    return body.token;
  }

  async post(path: string, body: unknown, token?: string): Promise<unknown> {
    const response = await fetch(this.baseUrl + path, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    }
    return response.json();
  }

  log(): string {
    return existsSync(this.logPath()) ? readFileSync(this.logPath(), "utf8").slice(-4000) : "";
  }

  private logPath(): string {
    return join(this.workdir, `server-${this.starts}.log`);
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      return;
    }
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    process.kill(child.pid, signal);
    const timedOut = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
    if (timedOut) {
      process.kill(child.pid, "SIGKILL");
      await exited;
    }
  }
}
