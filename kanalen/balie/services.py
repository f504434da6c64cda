"""Writes of the counter queue: tickets from the kiosk, calls from the desks."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from contacts.models import Kanaal
from contacts.services import VraagData, klantcontact_register
from kanalen.balie.selectors import ACTIEF, locatie_is_open, vandaag
from kanalen.models import Balie, Productgroep, Ticket, TicketTeller
from kcc.models import Medewerker

Status = Ticket.Status


def _minutes(delta) -> int:
    return round(delta.total_seconds() / 60) if delta is not None else 0


@transaction.atomic
def ticket_create(*, productgroep: Productgroep) -> Ticket:
    """The next number of the group today (B001, B002, …); refused when the location is closed."""
    locatie = productgroep.locatie
    if not productgroep.actief:
        raise ValidationError({"productgroep": ["Deze productgroep is niet beschikbaar."]})
    if not locatie_is_open(locatie):
        raise ValidationError(
            {"productgroep": [f"{locatie.naam} is nu gesloten. U kunt geen volgnummer trekken."]}
        )
    datum = vandaag()
    teller, _ = TicketTeller.objects.get_or_create(productgroep=productgroep, datum=datum)
    # The row lock makes concurrent kiosks wait for each other: every number once.
    teller = TicketTeller.objects.select_for_update().get(pk=teller.pk)
    teller.laatste_nummer += 1
    teller.save(update_fields=["laatste_nummer"])
    return Ticket.objects.create(
        nummer=f"{productgroep.letter}{teller.laatste_nummer:03d}",
        datum=datum,
        locatie=locatie,
        productgroep=productgroep,
    )


@transaction.atomic
def balie_take(*, medewerker: Medewerker, balie: Balie) -> Balie:
    """Sit down at a desk (leaving any other); a desk someone else holds is refused."""
    balie = Balie.objects.select_for_update().get(pk=balie.pk)
    if balie.medewerker_id not in (None, medewerker.pk):
        raise ValidationError(
            {"balie": [f"Balie {balie.nummer} is bezet door {balie.medewerker}."]}
        )
    Balie.objects.filter(medewerker=medewerker).exclude(pk=balie.pk).update(medewerker=None)
    balie.medewerker = medewerker
    balie.save(update_fields=["medewerker"])
    return balie


@transaction.atomic
def balie_leave(*, medewerker: Medewerker) -> None:
    Balie.objects.filter(medewerker=medewerker).update(medewerker=None)


def _desk_of(medewerker: Medewerker) -> Balie:
    balie = Balie.objects.select_related("locatie").filter(medewerker=medewerker).first()
    if balie is None:
        raise ValidationError("Kies eerst uw balie.")
    return balie


@transaction.atomic
def ticket_call_next(*, medewerker: Medewerker) -> Ticket | None:
    """Call the next customer to the medewerker's desk: first a ticket sent to this desk,
    then the oldest waiting ticket of a group matching the medewerker's skills (no skills:
    every group); within those, a checked-in appointment whose time has come goes
    first. Locked with SKIP LOCKED, so two desks never get the same ticket.
    None when nobody waits."""
    balie = _desk_of(medewerker)
    busy = Ticket.objects.filter(medewerker=medewerker, status__in=ACTIEF).first()
    if busy is not None:
        raise ValidationError(f"Rond eerst ticket {busy.nummer} af.")
    voor_iedereen = Q(balie__isnull=True)
    if medewerker.vaardigheden:
        voor_iedereen &= Q(productgroep__vaardigheid__in=medewerker.vaardigheden)
    ticket = (
        Ticket.objects.filter(locatie=balie.locatie, datum=vandaag(), status=Status.WACHTEND)
        .filter(Q(balie=balie) | voor_iedereen)
        .annotate(
            voor_deze_balie=Case(
                When(balie=balie, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            afspraak_nu=Case(
                When(afspraak__begin__lte=timezone.now(), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("voor_deze_balie", "afspraak_nu", "aangemaakt_op", "pk")
        .select_for_update(skip_locked=True, of=("self",))
        .first()
    )
    if ticket is None:
        return None
    ticket.status = Status.OPGEROEPEN
    ticket.balie = balie
    ticket.medewerker = medewerker
    # A transferred ticket keeps its first call time: the wait is until the first call.
    ticket.opgeroepen_op = ticket.opgeroepen_op or timezone.now()
    ticket.aantal_oproepen += 1
    ticket.save()
    return ticket


def _own_ticket(ticket: Ticket, medewerker: Medewerker, allowed: list[str]) -> Ticket:
    ticket = Ticket.objects.select_for_update().select_related("productgroep").get(pk=ticket.pk)
    if ticket.medewerker_id != medewerker.pk or ticket.status not in allowed:
        raise ValidationError(
            f"Ticket {ticket.nummer} is {ticket.get_status_display().lower()} "
            "en niet (meer) door u opgeroepen."
        )
    return ticket


@transaction.atomic
def ticket_recall(*, ticket: Ticket, medewerker: Medewerker) -> Ticket:
    """Call again: the ticket moves to the top of the display."""
    ticket = _own_ticket(ticket, medewerker, [Status.OPGEROEPEN])
    ticket.opgeroepen_op = timezone.now()
    ticket.aantal_oproepen += 1
    ticket.save(update_fields=["opgeroepen_op", "aantal_oproepen"])
    return ticket


@transaction.atomic
def ticket_start(*, ticket: Ticket, medewerker: Medewerker) -> Ticket:
    ticket = _own_ticket(ticket, medewerker, [Status.OPGEROEPEN])
    ticket.status = Status.IN_BEHANDELING
    ticket.behandeling_gestart_op = timezone.now()
    ticket.save(update_fields=["status", "behandeling_gestart_op"])
    return ticket


@transaction.atomic
def ticket_no_show(*, ticket: Ticket, medewerker: Medewerker) -> Ticket:
    ticket = _own_ticket(ticket, medewerker, [Status.OPGEROEPEN])
    ticket.status = Status.NO_SHOW
    ticket.afgerond_op = timezone.now()
    ticket.save(update_fields=["status", "afgerond_op"])
    return ticket


@transaction.atomic
def ticket_transfer(
    *,
    ticket: Ticket,
    medewerker: Medewerker,
    balie: Balie | None = None,
    productgroep: Productgroep | None = None,
) -> Ticket:
    """Send the customer on: to one desk, or back into the queue of another group.
    It keeps its place (its creation time), so it is served before newer tickets."""
    ticket = _own_ticket(ticket, medewerker, ACTIEF)
    if (balie is None) == (productgroep is None):
        raise ValidationError("Kies een andere balie of een andere productgroep.")
    if balie is not None and (balie.locatie_id != ticket.locatie_id or balie.pk == ticket.balie_id):
        raise ValidationError({"balie": ["Kies een andere balie op deze locatie."]})
    if productgroep is not None and productgroep.locatie_id != ticket.locatie_id:
        raise ValidationError({"productgroep": ["Kies een productgroep op deze locatie."]})
    ticket.status = Status.WACHTEND
    ticket.medewerker = None
    ticket.balie = balie
    ticket.behandeling_gestart_op = None
    if productgroep is not None:
        ticket.productgroep = productgroep
    ticket.save()
    return ticket


@transaction.atomic
def ticket_complete(
    *,
    ticket: Ticket,
    medewerker: Medewerker,
    vraag: str,
    afhandeling: str,
    antwoord: str = "",
    partij=None,
) -> Ticket:
    """Finish the visit: it becomes a klantcontact (kanaal balie) with the waiting and
    service time, all or nothing."""
    ticket = _own_ticket(ticket, medewerker, ACTIEF)
    now = timezone.now()
    ticket.afgerond_op = now
    ticket.klantcontact = klantcontact_register(
        medewerker=medewerker,
        kanaal=Kanaal.BALIE,
        partij=partij,
        vragen=[
            VraagData(
                vraag=vraag,
                antwoord=antwoord,
                afhandeling=afhandeling,
                onderwerp=ticket.productgroep.naam,
            )
        ],
        inhoud=(
            f"Balieticket {ticket.nummer}: wachttijd {_minutes(ticket.wachttijd)} min, "
            f"behandeltijd {_minutes(ticket.behandeltijd)} min."
        ),
        plaatsgevonden_op=ticket.opgeroepen_op or now,
    )
    ticket.status = Status.AFGEHANDELD
    ticket.partij = partij
    ticket.save()
    return ticket
