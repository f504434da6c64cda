"""`Idempotency-Key` for POSTs that create: the same key twice creates one object.

The key is stored with the answer in the same transaction as the object. A
second request with the key waits for the first (row lock on the unique key)
and then gets the stored answer; the same key with a different body is refused.
Only successful answers are kept, so a corrected retry after a 400 works.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from rest_framework import status
from rest_framework.response import Response

from kcc.models import IdempotencyKey

HEADER = "Idempotency-Key"
_MAX_KEY_LENGTH = 255


def _request_hash(data) -> str:
    canonical = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _as_json(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


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
            stored, created = IdempotencyKey.objects.select_for_update().get_or_create(
                user=request.user,
                method=request.method,
                path=request.path,
                key=key,
                defaults={"request_hash": request_hash},
            )
            if not created:
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
            stored.response_status = response.status_code
            stored.response_body = _as_json(response.data)
            stored.save(update_fields=["response_status", "response_body"])
            return response
