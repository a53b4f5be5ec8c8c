"""A city for the roll-up tests: the parent repository and child repositories served by a real
``git daemon`` and by ``git http-backend`` behind ``http.server``, on 127.0.0.1 (free ports),
started and stopped by the ``city`` fixture.

Children are built from ``tests/fixtures/mini``: each child plan implements the parent plan as
its unit and serves the parent's task t1 with its own t1 and t3. ``xa-a`` is served over
git:// and fine, ``xa-b`` names a port nobody listens on, ``xa-c`` is served over HTTP by
``git http-backend`` (its history gets rewritten by the tests that need it).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.audit.conftest import CLERK, Repo, git_env

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
PERIOD = "2024-Q3"
CHILDREN = ("xa-a", "xa-b", "xa-c")
PARENT_PLAN = "mini-plan"


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_listening(port: int, proc: subprocess.Popen[bytes], seconds: float = 10) -> None:
    """Wait until ``port`` accepts connections (the daemon is up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "git daemon stopped"
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("git daemon did not start")


class _GitHttp(BaseHTTPRequestHandler):
    """Smart HTTP for git: each request handed to ``git http-backend`` as CGI."""

    root: Path

    def do_GET(self) -> None:
        self._backend()

    def do_POST(self) -> None:
        self._backend()

    def log_message(self, *args: object) -> None:
        """Quiet: the test output is not a server log."""

    def _backend(self) -> None:
        path, _, query = self.path.partition("?")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        env = git_env(
            {
                "GIT_PROJECT_ROOT": str(self.root),
                "GIT_HTTP_EXPORT_ALL": "1",
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "REQUEST_METHOD": self.command,
                "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                "CONTENT_LENGTH": str(len(body)),
                "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
                "GIT_PROTOCOL": self.headers.get("Git-Protocol", ""),
                "REMOTE_ADDR": "127.0.0.1",
            }
        )
        done = subprocess.run(
            ["git", "http-backend"], input=body, env=env, capture_output=True, check=False
        )
        head, _, payload = done.stdout.partition(b"\r\n\r\n")
        status, headers = 200, []
        for line in head.decode("latin-1").split("\r\n"):
            key, _, value = line.partition(":")
            if key.lower() == "status":
                status = int(value.split()[0])
            elif key:
                headers.append((key, value.strip()))
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@dataclass
class HttpServer:
    """``git http-backend`` behind Python's ``http.server`` on 127.0.0.1 (a free port)."""

    base: Path
    server: ThreadingHTTPServer | None = None

    def start(self) -> HttpServer:
        """Serve in a thread of the test process."""
        handler = type("Handler", (_GitHttp,), {"root": self.base})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def url(self, name: str) -> str:
        """The http:// address of ``<name>.git``."""
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/{name}.git"


@dataclass
class Daemon:
    """A ``git daemon`` exporting every repository under ``base``."""

    base: Path
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Daemon:
        """Start it on a free port of 127.0.0.1."""
        self.port = free_port()
        self.proc = subprocess.Popen(
            [
                "git",
                "daemon",
                "--export-all",
                "--reuseaddr",
                "--listen=127.0.0.1",
                f"--port={self.port}",
                f"--base-path={self.base}",
                str(self.base),
            ],
            env=git_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_listening(self.port, self.proc)
        return self

    def stop(self) -> None:
        """Stop it (and wait, so no process outlives the test)."""
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def url(self, name: str) -> str:
        """The git:// address of ``<name>.git``."""
        return f"git://127.0.0.1:{self.port}/{name}.git"


def child_plan(text: str, unit: str) -> str:
    """The mini plan made the plan of ``unit``: its own id, the parent plan it implements,
    its t1 and t3 serving the parent's t1."""
    text = text.replace("id: mini-plan\n", f"id: {unit}-plan\n", 1)
    text = text.replace(
        "    indicators: [ho-so-tiep-nhan, ho-so-dung-han]\n",
        "    indicators: [ho-so-tiep-nhan, ho-so-dung-han]\n    serves: [t1]\n",
        1,
    )
    text = text.replace("    time: 2024-12-31\n", "    time: 2024-12-31\n    serves: [t1]\n", 1)
    return text + f"implements:\n  plan: {PARENT_PLAN}\n  unit: {unit}\n"


def parent_unit(unit: str, url: str) -> str:
    """The parent's file of the child ``unit``, naming its repository."""
    return (
        f"id: {unit}\nname: UBND xã {unit.upper()}\nkind: commune\n"
        f"repository:\n  url: {url}\n  branch: main\n"
    )


@dataclass
class City:
    """The parent repository, the children's working repositories and their served copies."""

    parent: Path
    children: dict[str, Repo]
    daemon: Daemon
    http: HttpServer
    cache: Path
    served: dict[str, Path] = field(default_factory=dict)

    def push(self, unit: str, *extra: str) -> None:
        """Push the child's main branch to the repository the daemon serves."""
        self.children[unit].git("push", "-q", *extra, str(self.served[unit]), "main")

    def rewrite(self, unit: str) -> None:
        """Rewrite the child's last commit and force-push it (its old head is gone)."""
        child = self.children[unit]
        child.edit("data/reports/2024-Q3/xa-tra-dzon.yaml", "progress: 60", "progress: 70")
        child.git("add", "-A")
        child.git("commit", "-q", "--amend", "-m", "viết lại", env=_dated("2024-09-20"))
        self.push(unit, "--force")


def _dated(day: str) -> dict[str, str]:
    stamp = f"{day}T10:00:00+07:00"
    return {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}


def build_city(tmp: Path) -> City:
    """Build the parent and the three children; serve xa-a and xa-c (xa-b: a dead port)."""
    served_base = tmp / "served"
    served_base.mkdir()
    daemon = Daemon(served_base).start()
    http = HttpServer(served_base).start()
    dead = f"git://127.0.0.1:{free_port()}/xa-b.git"
    parent = tmp / "city"
    shutil.copytree(MINI, parent)
    children: dict[str, Repo] = {}
    served: dict[str, Path] = {}
    for unit in CHILDREN:
        url = {"xa-a": daemon.url(unit), "xa-b": dead, "xa-c": http.url(unit)}[unit]
        (parent / f"data/units/{unit}.yaml").write_text(parent_unit(unit, url), "utf-8")
        child = Repo(tmp / "children" / unit).init()
        shutil.copytree(MINI / "data", child.root / "data")
        plan = child.root / "data/plan.yaml"
        plan.write_text(child_plan(plan.read_text("utf-8"), unit), "utf-8")
        child.commit("2024-09-18", CLERK, "Dữ liệu của xã")
        children[unit] = child
        if unit != "xa-b":
            served[unit] = served_base / f"{unit}.git"
            subprocess.run(
                ["git", "init", "-q", "--bare", "-b", "main", str(served[unit])],
                env=git_env(),
                check=True,
            )
    city = City(parent, children, daemon, http, tmp / "cache", served)
    for unit in served:
        city.push(unit)
    return city


@pytest.fixture(name="city")
def city_fixture(tmp_path: Path) -> Iterator[City]:
    """The city, its daemon stopped when the test ends."""
    built = build_city(tmp_path)
    try:
        yield built
    finally:
        built.daemon.stop()
        built.http.stop()
