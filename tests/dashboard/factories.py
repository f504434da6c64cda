import factory
from django.utils import timezone

from kanalen.models import InkomendeEmail


class InkomendeEmailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InkomendeEmail

    referentie = factory.Sequence(lambda n: f"E-2026-{n:06d}")
    bron = InkomendeEmail.Bron.API
    onderwerp = "Vraag over mijn aanslag"
    ontvangen_op = factory.LazyFunction(timezone.now)
