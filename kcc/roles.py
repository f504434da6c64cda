"""The five roles of KCC as Django groups, with their permissions.

The groups are brought in line after every `migrate`, so a permission that a
later app adds reaches its roles without a data migration per app.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

KLANTCONTACTMEDEWERKER = "Klantcontactmedewerker"
BACKOFFICE = "Backoffice"
TEAMLEIDER = "Teamleider"
REDACTEUR = "Redacteur"
BEHEERDER = "Beheerder"
# The post room (DIV): registers and routes incoming letters; no klantbeeld.
POSTKAMER = "Postkamer (DIV)"

ALL_ROLES = [KLANTCONTACTMEDEWERKER, BACKOFFICE, TEAMLEIDER, REDACTEUR, BEHEERDER, POSTKAMER]

# "app_label.codename"; an entry whose app has not landed yet is skipped.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    KLANTCONTACTMEDEWERKER: [
        "kcc.use_klantcontact",
        "kcc.view_kennisbank",
        "kcc.view_afdeling",
        "kcc.view_medewerker",
        "contacts.view_partij",
        "contacts.add_partij",
        "contacts.view_klantcontact",
        "contacts.add_klantcontact",
        "contacts.view_contactverzoek",
        "contacts.add_contactverzoek",
        "zaken.view_zaak",
        "zaken.add_zaak",
        "kanalen.view_telefoongesprek",
        "kanalen.view_ticket",
        "kanalen.view_inkomendeemail",
        "kanalen.change_inkomendeemail",
        "kanalen.view_emailbijlage",
        "kanalen.view_poststuk",
        "kanalen.change_poststuk",
        "kanalen.view_uitgaandebrief",
        "kanalen.add_uitgaandebrief",
    ],
    BACKOFFICE: [
        "kcc.view_werkvoorraad",
        "kcc.view_kennisbank",
        "kcc.view_afdeling",
        "kcc.view_medewerker",
        "contacts.view_partij",
        "contacts.view_klantcontact",
        "contacts.view_contactverzoek",
        "contacts.change_contactverzoek",
        "zaken.view_zaak",
        "zaken.change_zaak",
        "zaken.add_status",
        "zaken.add_zaaknotitie",
        "zaken.add_zaakdocument",
        "kanalen.view_uitgaandebrief",
        "kanalen.add_uitgaandebrief",
    ],
    TEAMLEIDER: [
        "kcc.use_klantcontact",
        "kcc.view_werkvoorraad",
        "kcc.view_dashboard",
        "kcc.view_kennisbank",
        "kcc.view_afdeling",
        "kcc.view_medewerker",
        "kcc.view_bericht",
        "kcc.view_servicenorm",
        "kcc.view_sluitingsdag",
        "kcc.view_escalatieregel",
        "kcc.view_slagebeurtenis",
        "contacts.view_partij",
        "contacts.view_klantcontact",
        "contacts.view_contactverzoek",
        "contacts.view_geheim_adres",
        "zaken.view_zaak",
        "zaken.add_zaak",
        "zaken.change_zaak",
        "zaken.add_status",
        "zaken.add_zaaknotitie",
        "zaken.add_zaakdocument",
        "zaken.bulk_reassign_zaak",
        "kanalen.view_inkomendeemail",
        "kanalen.change_inkomendeemail",
        "kanalen.view_emailbijlage",
        "kanalen.view_poststuk",
        "kanalen.change_poststuk",
        "kanalen.view_uitgaandebrief",
    ],
    REDACTEUR: [
        "kcc.view_kennisbank",
        "kcc.edit_kennisbank",
        "kcc.view_afdeling",
        "catalogus.view_product",
        "catalogus.add_product",
        "catalogus.change_product",
        "catalogus.delete_product",
        "catalogus.view_kosten",
        "catalogus.add_kosten",
        "catalogus.change_kosten",
        "catalogus.delete_kosten",
        "catalogus.view_zaaktype",
        "catalogus.add_zaaktype",
        "catalogus.change_zaaktype",
        "catalogus.delete_zaaktype",
        "catalogus.view_statustype",
        "catalogus.add_statustype",
        "catalogus.change_statustype",
        "catalogus.delete_statustype",
        "catalogus.view_resultaattype",
        "catalogus.add_resultaattype",
        "catalogus.change_resultaattype",
        "catalogus.delete_resultaattype",
        "catalogus.view_kennisartikel",
        "catalogus.add_kennisartikel",
        "catalogus.change_kennisartikel",
        "catalogus.delete_kennisartikel",
        "catalogus.view_synoniem",
        "catalogus.add_synoniem",
        "catalogus.change_synoniem",
        "catalogus.delete_synoniem",
        "catalogus.view_sdginformatiegebied",
    ],
    BEHEERDER: [
        "kcc.manage_organisation",
        "kcc.view_kennisbank",
        "kcc.view_afdeling",
        "kcc.add_afdeling",
        "kcc.change_afdeling",
        "kcc.delete_afdeling",
        "kcc.view_team",
        "kcc.add_team",
        "kcc.change_team",
        "kcc.delete_team",
        "kcc.view_medewerker",
        "kcc.add_medewerker",
        "kcc.change_medewerker",
        "kcc.delete_medewerker",
        "kcc.view_auditlogentry",
        "kcc.view_bericht",
        "kcc.requeue_bericht",
        "kcc.view_servicenorm",
        "kcc.add_servicenorm",
        "kcc.change_servicenorm",
        "kcc.delete_servicenorm",
        "kcc.view_sluitingsdag",
        "kcc.add_sluitingsdag",
        "kcc.change_sluitingsdag",
        "kcc.delete_sluitingsdag",
        "kcc.view_escalatieregel",
        "kcc.add_escalatieregel",
        "kcc.change_escalatieregel",
        "kcc.delete_escalatieregel",
        "kcc.view_slagebeurtenis",
        "kanalen.view_inkomendeemail",
        "kanalen.view_emailbijlage",
        "kanalen.view_telefoniekoppeling",
        "kanalen.add_telefoniekoppeling",
        "kanalen.change_telefoniekoppeling",
        "kanalen.view_balielocatie",
        "kanalen.change_balielocatie",
        "kanalen.view_productgroep",
        "kanalen.add_productgroep",
        "kanalen.change_productgroep",
        "kanalen.view_balie",
        "kanalen.add_balie",
        "kanalen.change_balie",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
    ],
    POSTKAMER: [
        "kcc.view_afdeling",
        "contacts.view_partij",
        "contacts.add_klantcontact",
        "contacts.add_contactverzoek",
        "zaken.add_zaak",
        "kanalen.view_poststuk",
        "kanalen.add_poststuk",
        "kanalen.change_poststuk",
        "kanalen.view_uitgaandebrief",
        "kanalen.add_uitgaandebrief",
    ],
}


def _permissions(names: list[str]) -> list[Permission]:
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query))


def sync_role_groups() -> None:
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(names))


def sync_role_groups_after_migrate(**kwargs) -> None:
    sync_role_groups()
