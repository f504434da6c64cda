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

ALL_ROLES = [KLANTCONTACTMEDEWERKER, BACKOFFICE, TEAMLEIDER, REDACTEUR, BEHEERDER]

# "app_label.codename"; an entry whose app has not landed yet is skipped.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    KLANTCONTACTMEDEWERKER: [
        "kcc.use_klantcontact",
        "kcc.view_kennisbank",
        "kcc.view_afdeling",
        "kcc.view_medewerker",
    ],
    BACKOFFICE: [
        "kcc.view_werkvoorraad",
        "kcc.view_kennisbank",
        "kcc.view_afdeling",
        "kcc.view_medewerker",
    ],
    TEAMLEIDER: [
        "kcc.use_klantcontact",
        "kcc.view_werkvoorraad",
        "kcc.view_dashboard",
        "kcc.view_kennisbank",
        "kcc.view_afdeling",
        "kcc.view_medewerker",
    ],
    REDACTEUR: [
        "kcc.view_kennisbank",
        "kcc.edit_kennisbank",
        "kcc.view_afdeling",
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
        "kanalen.view_inkomendeemail",
        "kanalen.view_emailbijlage",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
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
