"""JSON errors for the whole API: a message per field, or `detail` for the request."""

from django.db.models import ProtectedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, ProtectedError):
        return Response(
            {"detail": "Dit object wordt nog gebruikt en kan niet worden verwijderd."},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
