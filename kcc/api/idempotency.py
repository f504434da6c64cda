"""`Idempotency-Key` for POSTs that create: the same key twice creates one object.

The key is stored with the answer in the same transaction as the object. A
second request with the key waits for the first (row lock on the unique key)
and then gets the stored answer; the same key with a different body is refused.
Only successful answers are kept, so a corrected retry after a 400 works.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone
from rest_framework import status
from rest_framework.response import Response

from kcc.models import IdempotencyKey

HEADER = "Idempotency-Key"
_MAX_KEY_LENGTH = 255
_INSERT = (
    "INSERT INTO kcc_idempotencykey (key, user_id, method, path, request_hash, created) "
    "VALUES (%s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (user_id, method, path, key) DO NOTHING RETURNING id"
)
# The answer as the JSON it was sent as, in one fixed statement (an ORM update is
# compiled anew on every create).
_STORE_RESPONSE = (
    "UPDATE kcc_idempotencykey SET response_status = %s, response_body = %s::jsonb WHERE id = %s"
)


def _request_hash(data) -> str:
    canonical = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


class IdempotentCreateMixin:
    """Mix into a DRF view that has `create()`."""

    def create(self, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key:
            return super().create(request, *args, **kwargs)
        if len(key) > _MAX_KEY_LENGTH:
            return Response(
                {HEADER: [f"Een {HEADER} is hoogstens {_MAX_KEY_LENGTH} tekens lang."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        request_hash = _request_hash(request.data)
        with transaction.atomic():
            stored_pk, stored = _claim(request, key, request_hash)
            if stored is not None:
                if stored.request_hash != request_hash:
                    return Response(
                        {HEADER: ["Deze sleutel is al gebruikt voor een ander verzoek."]},
                        status=status.HTTP_422_UNPROCESSABLE_ENTITY,
                    )
                response = Response(stored.response_body, status=stored.response_status)
                response["Idempotent-Replayed"] = "true"
                return response
            response = super().create(request, *args, **kwargs)
            if not status.is_success(response.status_code):
                transaction.set_rollback(True)
                return response
            with connection.cursor() as cursor:
                cursor.execute(
                    _STORE_RESPONSE,
                    [
                        response.status_code,
                        json.dumps(response.data, cls=DjangoJSONEncoder),
                        stored_pk,
                    ],
                )
            return response


def _claim(request, key: str, request_hash: str) -> tuple[int | None, IdempotencyKey | None]:
    """The new key's id, or the stored key of an earlier request, locked.

    One INSERT … ON CONFLICT DO NOTHING: a second request with the key waits on the
    unique index until the first commits (or rolls back and frees the key)."""
    fields = {"user": request.user, "method": request.method, "path": request.path, "key": key}
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                _INSERT,
                [key, request.user.pk, request.method, request.path, request_hash, timezone.now()],
            )
            row = cursor.fetchone()
        if row is not None:
            return row[0], None
        stored = IdempotencyKey.objects.select_for_update().filter(**fields).first()
        if stored is not None:
            return None, stored
        # Removed between the two statements (expired): claim it anew.
