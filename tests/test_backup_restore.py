"""The backup procedure (README "Backup and restore"): dump, restore into a fresh
database on the same PostgreSQL, and everything is back, uploaded files included."""

import io
import tarfile

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from kcc import backup
from tests.contacts.factories import ContactverzoekFactory, KlantcontactFactory
from tests.zaken.factories import make_zaak
from zaken import services

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
RESTORED = "kcc_restore_test"


def _connect(dbname: str):
    params = connection.settings_dict
    return psycopg.connect(
        dbname=dbname,
        host=params.get("HOST") or None,
        port=params.get("PORT") or None,
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        autocommit=True,
    )


def _counts(dbname: str) -> dict[str, int]:
    with _connect(dbname) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            table: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


def _drop(dbname: str) -> None:
    with _connect("postgres") as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
        )


@pytest.fixture
def restored_database():
    _drop(RESTORED)
    yield RESTORED
    _drop(RESTORED)


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_with_every_row_and_file(
    tmp_path, settings, restored_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    zaak = make_zaak()
    document = services.zaak_document_add(
        zaak=zaak, bestand=SimpleUploadedFile("bewijs.pdf", PDF), door=None
    )
    KlantcontactFactory.create_batch(3)
    ContactverzoekFactory.create_batch(2)

    call_command("backup", str(tmp_path / "backup"))
    settings.MEDIA_ROOT = tmp_path / "teruggezet"
    call_command("restore", str(tmp_path / "backup"), "--database", restored_database)

    original = _counts(connection.settings_dict["NAME"])
    assert original["zaken_zaak"] >= 1 and original["contacts_klantcontact"] >= 3
    assert _counts(restored_database) == original
    assert (tmp_path / "teruggezet" / document.bestand.name).read_bytes() == PDF


def test_a_media_archive_cannot_write_outside_media_root(tmp_path):
    source = tmp_path / "kwaadaardig"
    source.mkdir()
    with tarfile.open(source / backup.MEDIA_FILE, "w:gz") as archive:
        info = tarfile.TarInfo("../buiten.txt")
        info.size = 2
        archive.addfile(info, io.BytesIO(b"hi"))
    media = tmp_path / "media"
    with pytest.raises(tarfile.OutsideDestinationError):
        backup.restore_media(source, media_root=media)
    assert not (tmp_path / "buiten.txt").exists()
