import shutil

import pytest
from django.core.management import call_command

from catalogus import selectors, services
from catalogus.models import Product, Publicatiestatus, SdgInformatiegebied
from kcc.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def test_the_real_upl_file_imports_the_municipal_products_as_concepts():
    report = services.upl_import()
    assert report.rejected == []
    assert report.created == 512  # the products with Gemeente = X
    assert Product.objects.count() == 512
    assert SdgInformatiegebied.objects.count() == 88
    paspoort = Product.objects.get(upl_uri="http://standaarden.overheid.nl/owms/terms/paspoort")
    assert paspoort.naam == "Paspoort"
    assert paspoort.upl_naam == "paspoort"
    assert paspoort.publicatiestatus == Publicatiestatus.CONCEPT
    assert sorted(paspoort.doelgroep) == ["bedrijf", "burger"]
    assert [g.code for g in paspoort.sdg_informatiegebieden.all()] == ["A1"]
    # The search columns are filled: once published, the kennisbank finds it.
    assert not Product.objects.filter(zoekvector__isnull=True).exists()
    assert paspoort.zoeknaam.split() == ["paspoort"]
    paspoort.publicatiestatus = Publicatiestatus.GEPUBLICEERD
    paspoort.save()
    assert str(paspoort.uuid) in {hit.uuid for hit in selectors.kennisbank_search(query="pasport")}
    # Not municipal (Rijk only): not imported.
    assert not Product.objects.filter(upl_naam="aanpassing zelfgebouwd vliegtuig melding").exists()


def test_a_second_import_changes_nothing_and_keeps_what_the_redacteur_added():
    services.upl_import()
    paspoort = Product.objects.get(upl_naam="paspoort")
    paspoort.samenvatting = "Reisdocument voor de hele wereld."
    paspoort.naam = "Paspoort aanvragen"
    paspoort.save()
    report = services.upl_import()
    assert (report.created, report.updated, report.unchanged) == (0, 0, 512)
    paspoort.refresh_from_db()
    assert paspoort.naam == "Paspoort aanvragen"
    assert paspoort.samenvatting == "Reisdocument voor de hele wereld."


def test_a_renamed_upl_product_is_updated_by_uri_unless_the_redacteur_renamed_it(tmp_path):
    source = services.UPL_FILE.read_text(encoding="utf-8")
    services.upl_import()
    renamed = tmp_path / "upl.csv"
    renamed.write_text(
        source.replace(
            "paspoort,http://standaarden.overheid.nl/owms/terms/paspoort,",
            "paspoort (nieuw),http://standaarden.overheid.nl/owms/terms/paspoort,",
        ).replace(
            "huwelijk,http://standaarden.overheid.nl/owms/terms/huwelijk,",
            "huwelijk (nieuw),http://standaarden.overheid.nl/owms/terms/huwelijk,",
        ),
        encoding="utf-8",
    )
    huwelijk = Product.objects.get(upl_naam="huwelijk")
    huwelijk.naam = "Trouwen"
    huwelijk.save()
    report = services.upl_import(path=renamed)
    assert report.updated == 2
    assert Product.objects.get(upl_naam="paspoort (nieuw)").naam == "Paspoort (nieuw)"
    assert Product.objects.get(upl_naam="huwelijk (nieuw)").naam == "Trouwen"
    assert (
        AuditLogEntry.objects.filter(object_type="catalogus.product", actie="change").count() == 2
    )


def test_malformed_rows_are_reported_with_line_numbers_and_the_rest_imports(tmp_path):
    lines = services.UPL_FILE.read_bytes().splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    broken = [
        b"kapot,http://standaarden.overheid.nl/owms/terms/kapot,X\n",  # line 2: too few columns
        b"slechte uri,niet-een-uri,,,,X,X,,,,,,,,,,,,\n",  # line 3
        b"caf\xe9 vergunning,http://standaarden.overheid.nl/owms/terms/cafe,,,,X,X,,,,,,,,,,,,\n",
    ]
    bad = tmp_path / "upl.csv"
    bad.write_bytes(header + b"".join(broken) + b"".join(rows))
    report = services.upl_import(path=bad)
    assert [line for line, _ in report.rejected] == [2, 3, 4]
    assert "kolommen" in report.rejected[0][1]
    assert "URI" in report.rejected[1][1]
    assert "tekencodering" in report.rejected[2][1]
    assert report.created == 512


def test_the_command_prints_progress_and_a_report(tmp_path, capsys):
    copy = tmp_path / "upl.csv"
    shutil.copy(services.UPL_FILE, copy)
    call_command("import_upl", str(copy))
    out = capsys.readouterr().out
    assert "512/512 producten verwerkt" in out
    assert "512 nieuw, 0 bijgewerkt, 0 ongewijzigd" in out
