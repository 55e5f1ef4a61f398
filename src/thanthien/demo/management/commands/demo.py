import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from thanthien.core.management.commands.serve import run_gunicorn
from thanthien.demo import load

from .loaddemo import format_logins


class Command(BaseCommand):
    help = "Create or reuse the demo database, load the demo data and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="prepare the data and stop")

    def handle(self, *args, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Loading demo data (the first time takes a minute or two)…")
        logins = load(report=lambda story, result: self.stdout.write(f"  {story}: {result}"))
        self.stdout.write(format_logins(logins))
        if options["no_serve"]:
            return
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        # Background tasks (notifications, reminders) run in a worker beside the web server.
        worker = subprocess.Popen(  # noqa: S603 - our own command, no shell
            [
                sys.executable,
                "-m",
                "thanthien",
                "db_worker",
                "--no-startup-delay",
                "--interval",
                "2",
            ],
            env=os.environ.copy(),
        )
        self.stdout.write(f"\nOpen http://{options['host']}:{options['port']}/ — stop with Ctrl+C.")
        try:
            run_gunicorn(options["host"], options["port"], workers=2, threads=4)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
