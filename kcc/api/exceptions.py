"""JSON errors for the whole API: a message per field, or `detail` for the request."""

from django.db import DataError
from django.db.models import ProtectedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback


def exception_handler(exc, context):
    if isinstance(exc, ProtectedError):
        return Response(
            {"detail": "Dit object wordt nog gebruikt en kan niet worden verwijderd."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DataError):
        # A value the database cannot hold (a date in year 780 with a -23:51 offset): the
        # client's mistake, not an outage; the transaction is rolled back.
        set_rollback()
        return Response(
            {"detail": "Een waarde in de aanvraag valt buiten het bereik dat KCC kan verwerken."},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return drf_exception_handler(exc, context)
