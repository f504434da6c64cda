#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A configuration mistake gets one clear line, not a traceback.
        print(f"KCC kan niet starten: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
