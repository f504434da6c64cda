"""Writes on the shared parts: organisation and the audit log."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest

from kcc.models import Afdeling, AuditLogEntry, Medewerker, Team

User = get_user_model()


def audit_log_record(
    *,
    user,
    action: str,
    object_type: str,
    object_uuid: str = "",
    description: str = "",
    partij_uuid=None,
    reason: str = "",
    via: str = "ui",
    request: HttpRequest | None = None,
) -> AuditLogEntry:
    """Log one action on an object; call it on every view of personal data."""
    authenticated = user is not None and user.is_authenticated
    return AuditLogEntry.objects.create(
        user=user if authenticated else None,
        gebruikersnaam=user.get_username() if authenticated else "",
        actie=action,
        object_type=object_type,
        object_uuid=str(object_uuid or ""),
        object_omschrijving=description[:255],
        partij_uuid=partij_uuid,
        reden=reason[:255],
        kanaal=via,
        ip_adres=request.META.get("REMOTE_ADDR") if request is not None else None,
    )


def afdeling_create(
    *, naam: str, code: str, parent: Afdeling | None = None, email: str = ""
) -> Afdeling:
    afdeling = Afdeling(naam=naam, code=code, parent=parent, email=email)
    afdeling.full_clean()
    afdeling.save()
    return afdeling


@transaction.atomic
def medewerker_create(
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    afdeling: Afdeling | None = None,
    team: Team | None = None,
    roles: list[str] = (),
    functie: str = "",
    vaardigheden: list[str] = (),
    is_staff: bool = False,
) -> Medewerker:
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=is_staff,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    return Medewerker.objects.create(
        user=user,
        afdeling=afdeling,
        team=team,
        functie=functie,
        vaardigheden=list(vaardigheden),
    )
