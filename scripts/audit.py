"""Dependency audit (pip-audit, PyPI's vulnerability data) for `make audit`.

Every known vulnerability in a pinned requirement fails the audit unless
docs/pip-audit-ignore.txt lists its id with an explanation. When the
vulnerability service cannot be reached at all (every package skipped), the
audit says so loudly and passes, unless KCC_REQUIRE_AUDIT=1 demands it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
IGNORE_FILE = BASE_DIR / "docs" / "pip-audit-ignore.txt"
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")


def ignored_ids(path: Path = IGNORE_FILE) -> dict[str, str]:
    """`ID  # why` per line; an id without a reason is refused."""
    ignored = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        vuln_id, _, reason = line.partition("#")
        if not reason.strip():
            sys.exit(f"{path.name}:{number}: {vuln_id.strip()} zonder uitleg")
        ignored[vuln_id.strip()] = reason.strip()
    return ignored


def main() -> int:
    ignored = ignored_ids()
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--vulnerability-service",
        "pypi",
        "--no-deps",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
        *[arg for vuln_id in ignored for arg in ("--ignore-vuln", vuln_id)],
        *[arg for name in REQUIREMENTS for arg in ("-r", str(BASE_DIR / name))],
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
        return 2
    dependencies = report["dependencies"]
    skipped = [dep for dep in dependencies if "skip_reason" in dep]
    findings = [(dep, vuln) for dep in dependencies for vuln in dep.get("vulns", [])]
    for dep, vuln in findings:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "geen"
        print(f"KWETSBAAR {dep['name']}=={dep['version']}: {vuln['id']} (opgelost in: {fixes})")
    for vuln_id, reason in ignored.items():
        print(f"genegeerd {vuln_id}: {reason}")
    if findings:
        return 1
    if dependencies and len(skipped) == len(dependencies):
        message = (
            "KWETSBAARHEIDSDIENST ONBEREIKBAAR: pip-audit kon geen enkel pakket controleren "
            f"({skipped[0]['skip_reason']})."
        )
        print(f"{'!' * 78}\n{message}\n{'!' * 78}", file=sys.stderr)
        return 1 if os.environ.get("KCC_REQUIRE_AUDIT") == "1" else 0
    for dep in skipped:
        print(f"niet gecontroleerd: {dep['name']}=={dep['version']}: {dep['skip_reason']}")
    checked = len(dependencies) - len(skipped)
    print(f"{checked} pakketten gecontroleerd, geen bekende kwetsbaarheid.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
