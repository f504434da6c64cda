# Production image of KCC: gunicorn for the web, the same image for Celery.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    KCC_ENV=production

RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 kcc

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# collectstatic needs settings but no services: dummy URLs, never used.
RUN SECRET_KEY=build DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput

USER kcc
EXPOSE 8000
CMD ["gunicorn", "kcc.wsgi:application", "--config", "python:kcc.gunicorn_conf", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
