import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def run_gunicorn(host: str, port: int, workers: int, threads: int) -> None:
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    # The workers are forked from this process: a connection it opened (migrate, the demo data)
    # must not be inherited by all of them; each of their threads opens its own and, with
    # DB_CONN_MAX_AGE, keeps it between requests.
    connections.close_all()

    from thanthien.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread" if threads > 1 else "sync")
            self.cfg.set("timeout", 60)
            self.cfg.set("graceful_timeout", 20)
            self.cfg.set("accesslog", os.environ.get("ACCESS_LOG", "-") or None)
            self.cfg.set("forwarded_allow_ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))

        def load(self):
            return application

    Server().run()


class Command(BaseCommand):
    help = "Serve the platform with gunicorn; static files through whitenoise."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
        parser.add_argument("--migrate", action="store_true", help="apply migrations first")

    def handle(self, *args, **options):
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']}/")
        run_gunicorn(options["host"], options["port"], options["workers"], options["threads"])
