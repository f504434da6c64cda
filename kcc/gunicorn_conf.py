"""gunicorn's settings, one place for production (Dockerfile, docker-compose.yml) and
the benchmark harness: `gunicorn -c python:kcc.gunicorn_conf kcc.wsgi:application`.

Threads let a process serve another request while one waits on Postgres or Redis
(and hold the telefonie event streams, one thread each); the processes use the cores.
"""

workers = 4
worker_class = "gthread"
threads = 8
# An idle keep-alive connection stays open this long (gunicorn's default is 2 s): an
# agent clicks again after seconds of reading, and a connection the server closes
# just as the browser reuses it ends in a reset (seen in the 200-agent load test).
# gthread keeps idle connections in its poller, not in a thread, so this is cheap.
keepalive = 75


def post_worker_init(worker) -> None:
    from kcc.heap import freeze_loaded_objects

    freeze_loaded_objects()
