"""The real app for browser tests: migrated and demo-loaded database, served by gunicorn on loopback.

The server runs with ECRI_CONFIG=development. The browser talks plain http://127.0.0.1, and the
production configuration marks the session cookie Secure and sends HSTS, both of which belong to
TLS; the development configuration is otherwise the same code path (DEBUG is off there too). It
still gets a random SECRET_KEY, its own storage folder and PUBLIC_BASE_URL pointing at itself, so
links in e-mails, calendars and certificates lead back to the server under test.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Browser tests log the same demo accounts in many times a minute; the limiter stays on.
TEST_LOGIN_RATE_LIMIT = "120 per minute"
# Variables of the developer's shell that would point the server at other services.
INHERITED_SETTINGS = (
    "DATABASE_URL",
    "REDIS_URL",
    "STORAGE_DIR",
    "PUBLIC_BASE_URL",
    "TRUST_PROXY_HEADERS",
    "MAIL_SERVER",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "FLASK_DEBUG",
    "ECRI_CONFIG",
    "SECRET_KEY",
)
COMMAND_TIMEOUT = 600
START_TIMEOUT = 60
STOP_TIMEOUT = 10


@dataclass
class LiveServer:
    url: str
    database_url: str
    process: subprocess.Popen
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's log, for failure messages."""
        text = self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def free_port() -> int:
    """A loopback port nobody listens on: the kernel picks it when binding to port 0."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url: str, workdir: Path, base_url: str) -> dict[str, str]:
    """The environment the app's commands and server run with: only test-owned services."""
    env = {name: value for name, value in os.environ.items() if name not in INHERITED_SETTINGS}
    env.update(
        {
            "ECRI_CONFIG": "development",
            "SECRET_KEY": secrets.token_hex(32),
            "DATABASE_URL": database_url,
            "STORAGE_DIR": str(workdir / "storage"),
            "PUBLIC_BASE_URL": base_url,
            "LOGIN_RATE_LIMIT_PER_ADDRESS": TEST_LOGIN_RATE_LIMIT,
            "FLASK_APP": "wsgi",
            # gunicorn 25+ opens a control socket under XDG_RUNTIME_DIR: keep it in our folder.
            "XDG_RUNTIME_DIR": str(workdir),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def run_flask(env: dict[str, str], *args: str) -> str:
    """Run a `flask` command of the app as an operator would, failing with its output."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare_database(env: dict[str, str]) -> None:
    """The schema from the real migrations, then the real demo data."""
    run_flask(env, "db", "upgrade")
    run_flask(env, "demo", "load")


def start(env: dict[str, str], port: int, log_path: Path) -> LiveServer:
    """Start gunicorn in its own process group and wait until /healthz answers."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--worker-class",
        "gthread",
        "--threads",
        "4",
        "--timeout",
        "60",
        "--graceful-timeout",
        "5",
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        "wsgi:app",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", env["DATABASE_URL"], process, log_path)
    try:
        wait_until_healthy(server)
    except BaseException:
        stop(server)
        raise
    return server


def wait_until_healthy(server: LiveServer, timeout: float = START_TIMEOUT) -> None:
    """Poll /healthz until it says ok, the process dies, or the time is up."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback never goes via a proxy
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            with opener.open(server.url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{server.url}/healthz did not answer within {timeout:.0f} s:\n{server.log_tail()}")


def stop(server: LiveServer, timeout: float = STOP_TIMEOUT) -> None:
    """Ask gunicorn to shut down; kill its process group if it is still there after the timeout."""
    if server.process.poll() is not None:
        return
    server.process.terminate()
    try:
        server.process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=timeout)
