"""Who may do what with which object: the authorisation matrix of KCC, in one place.

Every screen and API endpoint that shows or changes personal data asks this module,
so the UI and the API give the same answer. The matrix is data (`MATRIX`): per object
type and action, the permission a role must hold (which role holds which permission is
in `kcc/roles.py`) and the scope within which it holds:

- ``ALLE``: every object of the type ("elke medewerker kan alles zien").
- ``VERTROUWELIJK``: a zaak above zaakvertrouwelijk, or a klantcontact marked
  vertrouwelijk, only for its own afdeling and the users granted access.
- ``AFDELING``: as VERTROUWELIJK, and only for the object's own afdeling, the users
  granted access and coordinators (``zaken.bulk_reassign_zaak``: the teamleider).
- ``GERICHT``: only what is addressed to the user, their team or their afdeling.

Use it like this::

    from kcc import authz

    authz.can(user, authz.VIEW, zaak)             # one object → bool
    authz.can(user, authz.ADD, "klantcontact")    # a kind of object (no scope)
    authz.require(user, authz.CHANGE, zaak)       # raises PermissionDenied (403)
    authz.scope(user, authz.VIEW, queryset)       # only the rows the user may see

    @authz.required(authz.VIEW, "zaak")           # UI view: login + the type's permission
    def zaak_detail(request, uuid): ...

    class ZaakViewSet(GenericViewSet):            # API view
        permission_classes = [authz.Policy]       # type-level check, then per object
        authz_object = "zaak"                     # GET → VIEW, POST create → ADD,
                                                  # other writes → CHANGE

What the status codes mean, in the UI and the API alike: no permission for the type,
or an object outside the scope that the user may know exists → 403; a row that
`scope()` leaves out of a list does not exist for the user → 404. A zaak the user may
see but not read (VIEW without VIEW_CONTENT) answers 200 with its existence and the
customer-facing status only.

A new object type: add an `ObjectType` (where its afdeling, confidentiality and
geautoriseerden live) to OBJECT_TYPES and its rules to MATRIX. README's table is
`matrix_markdown()` (`manage.py authz_matrix` prints it; a test keeps them equal).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet, prefetch_related_objects
from rest_framework import permissions

from kcc import roles

VIEW = "view"
VIEW_CONTENT = "view_content"
ADD = "add"
CHANGE = "change"
BROWSE = "browse"  # a work list or a list not narrowed to one partij, zaak or klantcontact
ASSIGN = "assign"
VIEW_SECRET_ADDRESS = "view_secret_address"  # noqa: S105 (an action name)

# The permission a coordinator holds: they act on zaken of every afdeling.
COORDINATOR_PERMISSION = "zaken.bulk_reassign_zaak"


class Scope(StrEnum):
    ALLE = "alle"
    VERTROUWELIJK = "vertrouwelijk"
    AFDELING = "afdeling"
    GERICHT = "gericht"


SCOPE_LABELS = {
    Scope.ALLE: "all",
    Scope.VERTROUWELIJK: "confidential: own afdeling or granted",
    Scope.AFDELING: "own afdeling, granted, or coordinator",
    Scope.GERICHT: "addressed to me, my team or my afdeling",
}


@dataclass(frozen=True)
class ObjectType:
    """Where an object keeps what the scopes look at (Django field paths)."""

    name: str
    label: str
    model: str = ""  # "app_label.modelname"; empty for a screen such as a report
    afdeling: str = ""
    vertrouwelijkheid: str = ""  # a ZGW vertrouwelijkheidaanduiding
    vertrouwelijk: str = ""  # a yes/no flag
    geautoriseerden: str = ""  # users granted access besides the afdeling
    team: str = ""
    medewerker: str = ""


OBJECT_TYPES = {
    t.name: t
    for t in [
        ObjectType("partij", "partij (person, organisation)", "contacts.partij"),
        ObjectType(
            "klantcontact",
            "klantcontact",
            "contacts.klantcontact",
            afdeling="medewerker__afdeling",
            vertrouwelijk="vertrouwelijk",
        ),
        ObjectType(
            "contactverzoek",
            "contactverzoek",
            "contacts.contactverzoek",
            afdeling="afdeling",
            team="team",
            medewerker="medewerker",
        ),
        ObjectType(
            "zaak",
            "zaak",
            "zaken.zaak",
            afdeling="behandelende_afdeling",
            vertrouwelijkheid="vertrouwelijkheidaanduiding",
            geautoriseerden="geautoriseerden",
        ),
        ObjectType(
            "document",
            "zaak document",
            "zaken.zaakdocument",
            afdeling="zaak__behandelende_afdeling",
            vertrouwelijkheid="zaak__vertrouwelijkheidaanduiding",
            geautoriseerden="zaak__geautoriseerden",
        ),
        ObjectType("poststuk", "poststuk (incoming letter)", "kanalen.poststuk"),
        ObjectType(
            "brief",
            "outgoing letter",
            "kanalen.uitgaandebrief",
            # A letter about a zaak is as confidential as its zaak.
            afdeling="zaak__behandelende_afdeling",
            vertrouwelijkheid="zaak__vertrouwelijkheidaanduiding",
            geautoriseerden="zaak__geautoriseerden",
        ),
        ObjectType("bericht", "bericht (outgoing message)", "kcc.bericht"),
        ObjectType("email", "incoming e-mail", "kanalen.inkomendeemail"),
        ObjectType("telefoongesprek", "phone call", "kanalen.telefoongesprek"),
        ObjectType("ticket", "counter ticket", "kanalen.ticket"),
        ObjectType("rapportage", "dashboard and reports", "kcc.rapport"),
        ObjectType("verwerkingslog", "processing log (inzage)", "kcc.auditlogentry"),
    ]
}
_TYPE_BY_MODEL = {t.model: t for t in OBJECT_TYPES.values() if t.model}


@dataclass(frozen=True)
class Rule:
    object_type: str
    action: str
    permission: str  # "" = every medewerker
    scope: Scope
    label: str


MATRIX = [
    Rule("partij", VIEW, "contacts.view_partij", Scope.ALLE, "view (klantbeeld)"),
    Rule("partij", BROWSE, "kcc.use_klantcontact", Scope.ALLE, "search (klantcontact screen)"),
    Rule("partij", ADD, "contacts.add_partij", Scope.ALLE, "add, look up in BRP/KvK"),
    Rule(
        "partij",
        VIEW_SECRET_ADDRESS,
        "contacts.view_geheim_adres",
        Scope.ALLE,
        "see an address under BRP geheimhouding",
    ),
    Rule("klantcontact", VIEW, "contacts.view_klantcontact", Scope.VERTROUWELIJK, "view"),
    Rule("klantcontact", ADD, "contacts.add_klantcontact", Scope.ALLE, "register"),
    Rule("contactverzoek", VIEW, "contacts.view_contactverzoek", Scope.ALLE, "view"),
    Rule("contactverzoek", ADD, "contacts.add_contactverzoek", Scope.ALLE, "create"),
    Rule(
        "contactverzoek",
        CHANGE,
        "contacts.change_contactverzoek",
        Scope.GERICHT,
        "claim, complete",
    ),
    Rule("zaak", VIEW, "zaken.view_zaak", Scope.ALLE, "see it exists, customer status"),
    Rule("zaak", VIEW_CONTENT, "zaken.view_zaak", Scope.VERTROUWELIJK, "view content"),
    Rule("zaak", ADD, "zaken.add_zaak", Scope.ALLE, "take in (intake)"),
    Rule("zaak", CHANGE, "zaken.change_zaak", Scope.AFDELING, "status, notes, claim"),
    Rule("zaak", BROWSE, "kcc.view_werkvoorraad", Scope.ALLE, "werkvoorraad (own afdeling)"),
    Rule("zaak", ASSIGN, COORDINATOR_PERMISSION, Scope.AFDELING, "bulk reassign, any afdeling"),
    Rule("document", VIEW, "zaken.view_zaak", Scope.VERTROUWELIJK, "download"),
    Rule("document", ADD, "zaken.add_zaakdocument", Scope.AFDELING, "upload"),
    Rule("poststuk", VIEW, "kanalen.view_poststuk", Scope.ALLE, "view, download the scan"),
    Rule("poststuk", BROWSE, "kanalen.view_poststuk", Scope.ALLE, "post queue"),
    Rule("poststuk", ADD, "kanalen.add_poststuk", Scope.ALLE, "register with the scan"),
    Rule("poststuk", CHANGE, "kanalen.change_poststuk", Scope.ALLE, "claim, route"),
    Rule("brief", VIEW, "kanalen.view_uitgaandebrief", Scope.VERTROUWELIJK, "view, PDF"),
    Rule(
        "brief", ADD, "kanalen.add_uitgaandebrief", Scope.ALLE, "write (about a zaak: its content)"
    ),
    Rule("bericht", VIEW, "", Scope.ALLE, "view (of one partij, zaak, klantcontact)"),
    Rule("bericht", BROWSE, "kcc.view_bericht", Scope.ALLE, "list all"),
    Rule("bericht", CHANGE, "kcc.requeue_bericht", Scope.ALLE, "send again"),
    Rule("email", VIEW, "kanalen.view_inkomendeemail", Scope.ALLE, "view"),
    Rule("email", CHANGE, "kanalen.change_inkomendeemail", Scope.ALLE, "answer, forward"),
    Rule("telefoongesprek", VIEW, "kanalen.view_telefoongesprek", Scope.ALLE, "view (number)"),
    Rule("telefoongesprek", BROWSE, "kcc.use_klantcontact", Scope.ALLE, "screen-pop of my calls"),
    Rule("ticket", VIEW, "kcc.use_klantcontact", Scope.ALLE, "view the counter queue"),
    Rule("ticket", ADD, "kcc.use_klantcontact", Scope.ALLE, "draw a ticket for a customer"),
    Rule("ticket", CHANGE, "kcc.use_klantcontact", Scope.ALLE, "serve at the counter"),
    Rule("rapportage", VIEW, "kcc.view_dashboard", Scope.ALLE, "view, export, counter floor"),
    Rule(
        "verwerkingslog",
        VIEW,
        "kcc.view_auditlogentry",
        Scope.ALLE,
        "who looked at a partij (inzage), export",
    ),
]
_RULES = {(rule.object_type, rule.action): rule for rule in MATRIX}


def rule_for(action: str, object_type: str) -> Rule:
    try:
        return _RULES[(object_type, action)]
    except KeyError:
        raise LookupError(f"No rule for {action} on {object_type} in kcc.authz.MATRIX") from None


def is_medewerker(user) -> bool:
    """Signed in as an employee of the municipality (or as superuser)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or hasattr(user, "medewerker")


def _medewerker(user):
    return getattr(user, "medewerker", None)


def object_type_of(obj) -> ObjectType:
    if isinstance(obj, str):
        return OBJECT_TYPES[obj]
    return _TYPE_BY_MODEL[obj._meta.label_lower]


def _value(obj, path: str):
    for part in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def _vertrouwelijke_niveaus() -> list[str]:
    from zaken.models import vertrouwelijke_niveaus

    return vertrouwelijke_niveaus()


def _is_confidential(otype: ObjectType, obj) -> bool:
    if otype.vertrouwelijkheid:
        return _value(obj, otype.vertrouwelijkheid) in _vertrouwelijke_niveaus()
    if otype.vertrouwelijk:
        return bool(_value(obj, otype.vertrouwelijk))
    return False


def _own_afdeling(user, otype: ObjectType, obj) -> bool:
    medewerker = _medewerker(user)
    if medewerker is None or not medewerker.afdeling_id or not otype.afdeling:
        return False
    return _value(obj, f"{otype.afdeling}_id") == medewerker.afdeling_id


def _granted(user, otype: ObjectType, obj) -> bool:
    if not otype.geautoriseerden:
        return False
    *hops, name = otype.geautoriseerden.split("__")
    owner = _value(obj, "__".join(hops)) if hops else obj
    prefetched = getattr(owner, "_prefetched_objects_cache", {})
    if name in prefetched:
        return any(granted.pk == user.pk for granted in prefetched[name])
    return getattr(owner, name).filter(pk=user.pk).exists()


def _in_scope(user, scope: Scope, otype: ObjectType, obj) -> bool:
    if scope == Scope.ALLE or user.is_superuser:
        return True
    if scope == Scope.GERICHT:
        medewerker = _medewerker(user)
        if medewerker is None:
            return False
        return (
            _value(obj, f"{otype.medewerker}_id") == medewerker.pk
            or (medewerker.team_id and _value(obj, f"{otype.team}_id") == medewerker.team_id)
            or (
                medewerker.afdeling_id
                and _value(obj, f"{otype.afdeling}_id") == medewerker.afdeling_id
            )
        )
    own = _own_afdeling(user, otype, obj)
    if _is_confidential(otype, obj) and not (own or _granted(user, otype, obj)):
        return False
    if scope == Scope.AFDELING:
        return own or user.has_perm(COORDINATOR_PERMISSION) or _granted(user, otype, obj)
    return True


def _has_permission(user, rule: Rule) -> bool:
    if not is_medewerker(user):
        return False
    return not rule.permission or user.has_perm(rule.permission)


def can(user, action: str, obj) -> bool:
    """May the user do `action` on this object, or (given a type name) on objects of
    this type at all?"""
    otype = object_type_of(obj)
    rule = rule_for(action, otype.name)
    if not _has_permission(user, rule):
        return False
    if isinstance(obj, str):
        return True
    return _in_scope(user, rule.scope, otype, obj)


def can_each(user, action: str, objects: Sequence) -> list[bool]:
    """can() for every object of a list of one type: the permission is looked up once,
    and the grants that the scope asks for come in one query, not one per object."""
    if not objects:
        return []
    otype = object_type_of(objects[0])
    rule = rule_for(action, otype.name)
    if not _has_permission(user, rule):
        return [False] * len(objects)
    if otype.geautoriseerden and rule.scope not in (Scope.ALLE, Scope.GERICHT):
        asked = [
            obj
            for obj in objects
            if not user.is_superuser
            and not _own_afdeling(user, otype, obj)
            and (rule.scope == Scope.AFDELING or _is_confidential(otype, obj))
        ]
        prefetch_related_objects(asked, otype.geautoriseerden)
    return [_in_scope(user, rule.scope, otype, obj) for obj in objects]


def require(user, action: str, obj) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


def _granted_q(user, model, path: str) -> Q:
    """`path` (an m2m, possibly through a relation) holds the user, as an EXISTS so a
    list needs no DISTINCT."""
    *hops, name = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    field = model._meta.get_field(name)
    through = field.remote_field.through.objects.filter(
        **{
            field.m2m_field_name(): OuterRef("__".join([*hops, "pk"])),
            field.m2m_reverse_field_name(): user.pk,
        }
    )
    return Q(Exists(through))


def scope_q(user, action: str, model: type[Model]) -> Q:
    """The rows of `model` within the rule's scope for this user (permission apart)."""
    otype = object_type_of(model)
    rule = rule_for(action, otype.name)
    if rule.scope == Scope.ALLE or user.is_superuser:
        return Q()
    medewerker = _medewerker(user)
    afdeling_id = medewerker.afdeling_id if medewerker else None
    own = Q(**{f"{otype.afdeling}_id": afdeling_id}) if afdeling_id else Q(pk__in=[])
    if rule.scope == Scope.GERICHT:
        if medewerker is None:
            return Q(pk__in=[])
        addressed = Q(**{f"{otype.medewerker}_id": medewerker.pk}) | own
        if medewerker.team_id:
            addressed |= Q(**{f"{otype.team}_id": medewerker.team_id})
        return addressed
    allowed = own
    if otype.geautoriseerden:
        allowed |= _granted_q(user, model, otype.geautoriseerden)
    if otype.vertrouwelijkheid:
        open_ = ~Q(**{f"{otype.vertrouwelijkheid}__in": _vertrouwelijke_niveaus()})
    else:
        open_ = Q(**{otype.vertrouwelijk: False})
    visible = open_ | allowed
    if rule.scope == Scope.AFDELING and not user.has_perm(COORDINATOR_PERMISSION):
        return visible & allowed
    return visible


def scope(user, action: str, queryset: QuerySet) -> QuerySet:
    """Only the rows the user may `action`; none without the type's permission."""
    rule = rule_for(action, object_type_of(queryset.model).name)
    if not _has_permission(user, rule):
        return queryset.none()
    return queryset.filter(scope_q(user, action, queryset.model))


def required(action: str, object_type: str):
    """A UI view for signed-in users allowed `action` on objects of this type (else 403);
    the view checks the object itself with `require()` or narrows a list with `scope()`."""
    rule_for(action, object_type)  # a typo fails at import, not at the first request

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request.user, action, object_type)
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator


class Policy(permissions.BasePermission):
    """DRF permission for a view with `authz_object`: the type-level rule on every request
    and the object's scope on `get_object()`. The action comes from `authz_actions`
    (the viewset's action name → matrix action), else from the method."""

    message = "U heeft geen toestemming voor deze handeling."

    @staticmethod
    def action_for(request, view) -> str:
        name = getattr(view, "action", None)
        mapped = getattr(view, "authz_actions", {}).get(name)
        if mapped:
            return mapped
        if request.method in permissions.SAFE_METHODS:
            return VIEW
        return ADD if name == "create" else CHANGE

    def has_permission(self, request, view) -> bool:
        return can(request.user, self.action_for(request, view), view.authz_object)

    def has_object_permission(self, request, view, obj) -> bool:
        return can(request.user, self.action_for(request, view), obj)


# --- README -----------------------------------------------------------------


def roles_with(permission: str) -> list[str]:
    if not permission:
        return list(roles.ALL_ROLES)
    return [role for role in roles.ALL_ROLES if permission in roles.ROLE_PERMISSIONS[role]]


def matrix_markdown() -> str:
    """The matrix as the README's table: per rule, which roles and within which scope."""
    header = ["Object", "Action", *roles.ALL_ROLES, "Within", "Permission"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for rule in MATRIX:
        holders = roles_with(rule.permission)
        cells = [
            OBJECT_TYPES[rule.object_type].label,
            rule.label,
            *("yes" if role in holders else "–" for role in roles.ALL_ROLES),
            SCOPE_LABELS[rule.scope],
            f"`{rule.permission}`" if rule.permission else "every medewerker",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
