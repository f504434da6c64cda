"""The benchmark harness: a generated city and the hot paths measured on it.

`make bench SCALE=small|city|metro` → `python -m kcc.benchmark --scale …`:
a separate database per scale in the same Postgres, filled once by
`manage.py generate_city`, gunicorn on a free loopback port, every scenario
measured through HTTP, results in docs/benchmarks.md and docs/benchmarks.json.
"""
