from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from kanalen.api.parsers import RawMimeParser
from kanalen.api.permissions import CanDeliverEmail
from kanalen.api.serializers import InkomendeEmailOntvangenSerializer
from kanalen.models import InkomendeEmail
from kanalen.services import inkomende_email_ingest
from kcc.api.idempotency import IdempotentCreateMixin


class _IngestView(generics.GenericAPIView):
    parser_classes = [RawMimeParser]
    permission_classes = [CanDeliverEmail]
    serializer_class = InkomendeEmailOntvangenSerializer

    def create(self, request, *args, **kwargs):
        raw = request.data
        if not isinstance(raw, bytes) or not raw.strip():
            return Response(
                {"bericht": ["Het bericht is leeg: stuur één RFC 822-bericht als body."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        item, created = inkomende_email_ingest(raw=raw, bron=InkomendeEmail.Bron.API)
        return Response(
            self.get_serializer(item).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class InkomendeEmailView(IdempotentCreateMixin, _IngestView):
    @extend_schema(
        summary="Lever één inkomende e-mail af (ruwe MIME)",
        description=(
            "De body is één volledig e-mailbericht (`Content-Type: message/rfc822`). "
            "Een bericht dat niet te lezen is, wordt in quarantaine bewaard (ook 201). "
            "Een Message-ID die al ontvangen is, geeft 200 met het bestaande bericht."
        ),
        request={"message/rfc822": OpenApiTypes.BINARY},
        responses={
            201: InkomendeEmailOntvangenSerializer,
            200: OpenApiResponse(
                InkomendeEmailOntvangenSerializer, description="Al eerder ontvangen."
            ),
            400: OpenApiResponse(description="Leeg of te groot bericht."),
        },
    )
    def post(self, request, *args, **kwargs):
        return self.create(request, *args, **kwargs)
