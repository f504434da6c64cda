from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parent.parent


def test_compose_file_parses_and_names_the_production_services():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) >= {"postgres", "redis", "web", "worker", "beat"}
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert "gunicorn" in " ".join(services["web"]["command"])
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    assert set(compose["volumes"]) >= {"postgres-data", "redis-data"}


def test_dockerfile_runs_as_an_unprivileged_user():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "USER kcc" in dockerfile
    assert "requirements.txt" in dockerfile
