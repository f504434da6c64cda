from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kanalen.models import (
    Afspraak,
    AfspraakAanbod,
    AfspraakBlok,
    BalieLocatie,
    EmailBijlage,
    InkomendeEmail,
)
from kcc.models import AuditLogEntry
from kcc.services import audit_log_record

# What the admin shows of the original message; the file itself is kept whole.
_RAW_PREVIEW_BYTES = 200_000


class EmailBijlageInline(admin.TabularInline):
    model = EmailBijlage
    fields = ["bestandsnaam", "content_type", "opgegeven_content_type", "grootte", "inline"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InkomendeEmail)
class InkomendeEmailAdmin(admin.ModelAdmin):
    """Read only: the beheerder looks into quarantined and automatic mail here."""

    list_display = [
        "referentie",
        "onderwerp",
        "afzender_email",
        "status",
        "ontvangen_op",
        "deadline",
    ]
    list_filter = ["status", "is_automatisch", "bron"]
    search_fields = ["referentie", "onderwerp", "afzender_email", "message_id"]
    date_hierarchy = "ontvangen_op"
    inlines = [EmailBijlageInline]
    # What the beheerder needs first (why it is here), then the message itself.
    readonly_fields = fields = [
        "referentie",
        "status",
        "quarantaine_reden",
        "automatisch_reden",
        "verwerkingsnotities",
        "bron",
        "ontvangen_op",
        "deadline",
        "afzender_naam",
        "afzender_email",
        "antwoord_aan",
        "aan",
        "cc",
        "onderwerp",
        "datum",
        "message_id",
        "in_reply_to",
        "references",
        "origineel",
        "tekst",
        "html",
        "raw_grootte",
        "uuid",
        "origineel_bericht",
    ]

    @admin.display(description=_("origineel bericht"))
    def origineel_bericht(self, obj: InkomendeEmail) -> str:
        try:
            with obj.raw.open("rb") as raw:
                data = raw.read(_RAW_PREVIEW_BYTES)
        except (OSError, ValueError):
            return _("Het originele bestand is niet te openen.")
        return format_html("<pre>{}</pre>", data.decode("utf-8", errors="replace"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A mail is personal data: every look at one is logged.
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            audit_log_record(
                user=request.user,
                action=AuditLogEntry.Actie.VIEW,
                object_type="inkomende_email",
                object_uuid=obj.uuid,
                description=obj.referentie,
                via="admin",
                request=request,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- Afspraken: the schedule is set up here; bookings go through the services ---


class AfspraakBlokInline(admin.TabularInline):
    model = AfspraakBlok
    extra = 0


class AfspraakAanbodInline(admin.TabularInline):
    model = AfspraakAanbod
    extra = 0
    autocomplete_fields = ["product"]


@admin.register(BalieLocatie)
class BalieLocatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "slug", "opent_om", "sluit_om", "stand"]
    prepopulated_fields = {"slug": ["naam"]}
    inlines = [AfspraakBlokInline, AfspraakAanbodInline]


@admin.register(Afspraak)
class AfspraakAdmin(admin.ModelAdmin):
    list_display = ["code", "begin", "locatie", "product", "naam", "status"]
    list_filter = ["status", "locatie", "geboekt_via"]
    search_fields = ["code", "naam", "email"]
    date_hierarchy = "begin"
    # Changing time or status here would bypass the slot counters.
    readonly_fields = [f.name for f in Afspraak._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
