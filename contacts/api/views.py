from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from contacts import selectors, services
from contacts.api.filters import ContactverzoekFilter, KlantcontactFilter, PartijSearchFilter
from contacts.api.serializers import (
    AfhandelenSerializer,
    ContactverzoekSerializer,
    ContactverzoekTerugleggenSerializer,
    KlantbeeldSerializer,
    KlantcontactSerializer,
    PartijCreateSerializer,
    PartijSerializer,
)
from kcc import authz
from kcc.api.idempotency import IdempotentCreateMixin

KLANTBEELD_PAGE_SIZE = 20


def _service_errors(exc: DjangoValidationError) -> serializers.ValidationError:
    """A service's errors as DRF shows nested ones: 'vragen.1.vraag' → vragen → "1" → vraag."""
    if not hasattr(exc, "error_dict"):
        return serializers.ValidationError({"non_field_errors": exc.messages})
    errors: dict = {}
    for key, messages in exc.message_dict.items():
        *path, field = key.split(".")
        target = errors
        for part in path:
            target = target.setdefault(part, {})
        target[field] = messages
    return serializers.ValidationError(errors)


class _ReadLogMixin:
    """Every row a list or detail answer shows goes into the processing log, a list's
    page in one INSERT."""

    list_reason = ""
    detail_reason = ""

    def record_reads(self, rows, reason: str) -> None:
        raise NotImplementedError

    def record_detail(self, instance) -> None:
        self.record_reads([instance], self.detail_reason)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self.record_reads(page, self.list_reason)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.record_detail(instance)
        return Response(self.get_serializer(instance).data)


class _PartijCreateMixin:
    """POST /partijen goes through partij_create, which checks and normalises every value."""

    def create(self, request, *args, **kwargs):
        data_in = PartijCreateSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = dict(data_in.validated_data)
        data["identificatoren"] = [(i["soort"], i["waarde"]) for i in data["identificatoren"]]
        data["adressen"] = [services.AdresData(**a) for a in data["adressen"]]
        try:
            partij = services.partij_create(**data)
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        partij = self.get_queryset().get(pk=partij.pk)
        return Response(self.get_serializer(partij).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    create=extend_schema(request=PartijCreateSerializer, responses={201: PartijSerializer})
)
class PartijViewSet(
    IdempotentCreateMixin,
    _ReadLogMixin,
    _PartijCreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Partijen (persons and organisations); every read is written to the audit log."""

    serializer_class = PartijSerializer
    permission_classes = [authz.Policy]
    authz_object = "partij"
    authz_actions = {"list": authz.BROWSE}
    filterset_class = PartijSearchFilter
    lookup_field = "uuid"

    def get_queryset(self):
        return selectors.partij_list()

    list_reason = "Zoekresultaat (API)"
    detail_reason = "Partij opgevraagd (API)"

    def record_reads(self, rows, reason: str) -> None:
        services.partijen_view_record(
            user=self.request.user, partijen=rows, reason=reason, via="api", request=self.request
        )

    def record_detail(self, instance) -> None:
        self._log(instance, self.detail_reason)  # notes a withheld secret address

    def _log(self, partij, reason: str) -> None:
        services.partij_view_record(
            user=self.request.user, partij=partij, reason=reason, via="api", request=self.request
        )

    @extend_schema(responses=KlantbeeldSerializer)
    @action(detail=True, methods=["get"])
    def klantbeeld(self, request, uuid=None):
        """Everything about the partij at once: contacts (newest first), open requests."""
        partij = self.get_object()
        self._log(partij, "Klantbeeld (API)")
        contacten = authz.scope(
            request.user, authz.VIEW, selectors.klantcontact_list(partij=partij)
        )
        data = {
            "partij": partij,
            "klantcontacten": contacten[:KLANTBEELD_PAGE_SIZE],
            "klantcontacten_totaal": contacten.count(),
            "contactverzoeken": selectors.contactverzoek_open_list(partij=partij),
            "zaken": None,
        }
        return Response(KlantbeeldSerializer(data, context=self.get_serializer_context()).data)


class KlantcontactViewSet(
    IdempotentCreateMixin,
    _ReadLogMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Klantcontacten with their vragen; POST registers one with nested vragen."""

    serializer_class = KlantcontactSerializer
    permission_classes = [authz.Policy]
    authz_object = "klantcontact"
    filterset_class = KlantcontactFilter
    lookup_field = "uuid"

    list_reason = "Klantcontacten (API)"
    detail_reason = "Klantcontact opgevraagd (API)"

    def get_queryset(self):
        return authz.scope(self.request.user, authz.VIEW, selectors.klantcontact_list())

    def record_reads(self, rows, reason: str) -> None:
        services.klantcontacten_view_record(
            user=self.request.user,
            klantcontacten=rows,
            reason=reason,
            via="api",
            request=self.request,
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        vragen = []
        for vraag in data.pop("vragen"):
            contactverzoek = vraag.pop("contactverzoek", None)
            if contactverzoek is not None:
                contactverzoek = services.ContactverzoekData(**contactverzoek)
            vragen.append(services.VraagData(**vraag, contactverzoek=contactverzoek))
        try:
            klantcontact = services.klantcontact_register(
                medewerker=getattr(self.request.user, "medewerker", None), vragen=vragen, **data
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        serializer.instance = klantcontact


class ContactverzoekViewSet(
    IdempotentCreateMixin,
    _ReadLogMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Contactverzoeken (callback requests / interne taken), per afdeling, team or medewerker."""

    serializer_class = ContactverzoekSerializer
    permission_classes = [authz.Policy]
    authz_object = "contactverzoek"
    filterset_class = ContactverzoekFilter
    lookup_field = "uuid"

    list_reason = "Contactverzoeken (API)"
    detail_reason = "Contactverzoek opgevraagd (API)"

    def get_queryset(self):
        return selectors.contactverzoek_list()

    def record_reads(self, rows, reason: str) -> None:
        services.contactverzoeken_view_record(
            user=self.request.user,
            contactverzoeken=rows,
            reason=reason,
            via="api",
            request=self.request,
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        klantcontact = data.pop("klantcontact")
        try:
            serializer.instance = services.contactverzoek_create(
                klantcontact=klantcontact,
                data=services.ContactverzoekData(**data),
                door=getattr(self.request.user, "medewerker", None),
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc

    def _transition(self, service, **kwargs):
        try:
            contactverzoek = service(
                contactverzoek=self.get_object(), medewerker=self.request.user.medewerker, **kwargs
            )
        except DjangoValidationError as exc:
            raise _service_errors(exc) from exc
        contactverzoek = self.get_queryset().get(pk=contactverzoek.pk)
        return Response(self.get_serializer(contactverzoek).data)

    @extend_schema(request=None, responses=ContactverzoekSerializer)
    @action(detail=True, methods=["post"])
    def oppakken(self, request, uuid=None):
        """Claim: assign to me and set in behandeling."""
        return self._transition(services.contactverzoek_claim)

    @extend_schema(request=ContactverzoekTerugleggenSerializer, responses=ContactverzoekSerializer)
    @action(detail=True, methods=["post"])
    def terugleggen(self, request, uuid=None):
        """Hand back to the KCC's queue with the reason: unassigned, to be handled."""
        body = ContactverzoekTerugleggenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._transition(
            services.contactverzoek_hand_back, toelichting=body.validated_data["toelichting"]
        )

    @extend_schema(request=AfhandelenSerializer, responses=ContactverzoekSerializer)
    @action(detail=True, methods=["post"])
    def afhandelen(self, request, uuid=None):
        """Complete: status verwerkt, with an optional note."""
        body = AfhandelenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._transition(
            services.contactverzoek_complete, toelichting=body.validated_data["toelichting"]
        )
