import uuid

import pytest

from kcc.tasks import echo


@pytest.mark.worker
def test_a_real_worker_executes_a_task_through_redis(celery_worker_process):
    token = uuid.uuid4().hex
    result = echo.delay(token)
    assert result.get(timeout=30) == token
