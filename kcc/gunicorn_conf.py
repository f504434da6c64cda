"""gunicorn's settings, one place for production (Dockerfile, docker-compose.yml) and
the benchmark harness: `gunicorn -c python:kcc.gunicorn_conf kcc.wsgi:application`.

Threads let a process serve another request while one waits on Postgres or Redis
(and hold the telefonie event streams, one thread each); the processes use the cores.
"""

workers = 4
worker_class = "gthread"
threads = 8
