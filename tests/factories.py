import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kcc.models import Afdeling, Bericht, Medewerker, Team

factory.Faker._DEFAULT_LOCALE = "nl_NL"

PASSWORD = "geheim-wachtwoord-123"


class AfdelingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Afdeling
        django_get_or_create = ["code"]

    naam = factory.Faker("job")
    code = factory.Sequence(lambda n: f"afdeling-{n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    naam = factory.Sequence(lambda n: f"Team {n}")
    afdeling = factory.SubFactory(AfdelingFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Faker("email")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        self.save()


class MedewerkerFactory(factory.django.DjangoModelFactory):
    """A medewerker; pass `user__roles=[roles.BACKOFFICE]` for a role."""

    class Meta:
        model = Medewerker

    user = factory.SubFactory(UserFactory)
    afdeling = factory.SubFactory(AfdelingFactory)


class BerichtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bericht

    kanaal = Bericht.Kanaal.EMAIL
    ontvanger = factory.Faker("email")
    onderwerp = "Uw aanvraag is ontvangen"
    inhoud = factory.Faker("paragraph")
    partij_uuid = factory.Faker("uuid4", cast_to=None)
