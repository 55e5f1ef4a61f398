"""The ``thanthien`` command: Django's management commands, with the platform's own among them.

thanthien demo [--host H] [--port P]   demo database with the Thạch Thành demo data, served
thanthien serve                        production server (gunicorn + whitenoise)
thanthien loadunits --province 38      administrative units of a province
thanthien migrate | createsuperuser | …  any Django command
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.settings")
    if len(argv) > 1 and argv[1] == "demo" and not os.environ.get("DATABASE_URL"):
        # The demo keeps its own database file, so it never mixes with a real one.
        os.environ.setdefault("SQLITE_NAME", "demo.sqlite3")
        # The demo's ground is the 2023 units; until it moves to today's (issue 13) they take
        # records in the demo. A real installation leaves this off.
        os.environ.setdefault("ABOLISHED_UNITS_TAKE_RECORDS", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
