"""Starts the real Friday server (the Release build) on a free 127.0.0.1 port with its own
SQLite file, and stops it by PID."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
PROJECT = REPO / "src" / "Friday.WebApi"


def server_dll() -> Path:
    """scripts/test.sh builds once and passes the path; a direct run builds when needed."""
    configured = os.environ.get("FRIDAY_SERVER_DLL")
    if configured:
        return Path(configured)
    dll = PROJECT / "bin" / "Release" / "net10.0" / "Friday.WebApi.dll"
    if not dll.exists():
        subprocess.run(["dotnet", "build", str(PROJECT), "-c", "Release", "--nologo", "-v", "quiet"], check=True)
    return dll


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FridayServer:
    def __init__(self, settings: dict[str, str] | None = None) -> None:
        """``settings``: configuration as environment variables, e.g. ``Realtime__TokenExpiryWarningSeconds``."""
        self.settings = settings or {}
        self.dll = server_dll()
        self.port = free_port()
        self.workdir = tempfile.TemporaryDirectory(prefix="friday-py-it-")
        self.database = Path(self.workdir.name) / "friday.db"
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/ws"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        """Starts (again) on the same port and database file."""
        self.starts += 1
        env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development",
                   Database__ConnectionString=f"Data Source={self.database}", **self.settings)
        log = open(Path(self.workdir.name) / f"server-{self.starts}.log", "wb")
        self.process = subprocess.Popen(
            ["dotnet", str(self.dll), "--urls", self.base_url], cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Friday exited with {self.process.returncode}: {self.log()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/health/live", timeout=1) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"Friday did not become live: {self.log()}")

    def kill(self) -> None:
        """SIGKILL: no graceful close, as in a crash."""
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)
        self.workdir.cleanup()

    def _signal(self, signum: int) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, signum)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log(self) -> str:
        return (Path(self.workdir.name) / f"server-{self.starts}.log").read_text(errors="replace")[-4000:]

    def post(self, path: str, body: dict, token: str | None = None) -> dict:
        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.base_url + path, data=json.dumps(body).encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def token(self, user_id: str, roles: list[str] | None = None, lifetime_seconds: int | None = None) -> str:
        """A development token; ``lifetime_seconds`` instead of the server's default lifetime."""
        body: dict = {"user_id": user_id, "roles": roles or []}
        if lifetime_seconds is not None:
            body["lifetime_seconds"] = lifetime_seconds
        return self.post("/api/dev/token", body)["token"]
