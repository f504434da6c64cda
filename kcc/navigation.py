"""The role-aware main navigation. An entry shows once its screen exists
(its URL name resolves) and the user holds its permission."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    permission: str


NAVIGATION = [
    NavEntry(_("Klantcontact"), "contacts:klantcontact", "kcc.use_klantcontact"),
    NavEntry(_("Balie"), "balie:agent", "kcc.use_klantcontact"),
    NavEntry(_("Afspraken"), "afspraken:planning", "kcc.use_klantcontact"),
    NavEntry(_("E-mail"), "kanalen:email-lijst", "kcc.use_klantcontact"),
    NavEntry(_("Post"), "post:lijst", "kanalen.view_poststuk"),
    NavEntry(_("Chat"), "kanalen:chat-console", "kanalen.view_chat"),
    NavEntry(_("Werkvoorraad"), "zaken:werkvoorraad", "kcc.view_werkvoorraad"),
    NavEntry(_("Contactverzoeken"), "contacts:contactverzoeken", "contacts.view_contactverzoek"),
    NavEntry(_("Dashboard"), "dashboard", "kcc.view_dashboard"),
    NavEntry(_("Kennisbank"), "catalogus:kennisbank", "kcc.view_kennisbank"),
    NavEntry(_("Beheer"), "admin:index", "kcc.manage_organisation"),
    NavEntry(_("Berichten"), "beheer-berichten", "kcc.requeue_bericht"),
    NavEntry(_("Inzageverzoeken"), "inzage", "kcc.view_auditlogentry"),
]


def entries_for(user, current_path: str) -> list[dict]:
    entries = []
    for entry in NAVIGATION:
        if not user.has_perm(entry.permission):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        entries.append({"label": entry.label, "url": url, "current": False})
    # Only the most specific entry is current (/klantcontact/contactverzoeken/
    # is not also /klantcontact/).
    matching = [e for e in entries if current_path.startswith(e["url"])]
    if matching:
        max(matching, key=lambda e: len(e["url"]))["current"] = True
    return entries
