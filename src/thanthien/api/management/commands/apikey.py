from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from thanthien.api.keys import apikey_create, apikey_revoke


class Command(BaseCommand):
    help = "Create or revoke API keys. A new key is printed once; only its hash is kept."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a key and print it.")
        create.add_argument("--name", required=True, help="Who uses the key, for what.")
        create.add_argument(
            "--user",
            help="User name of the official the key acts as. Without it the key can only "
            "submit Open311 service requests.",
        )
        revoke = sub.add_parser("revoke", help="Revoke the keys that start with a prefix.")
        revoke.add_argument("--prefix", required=True, help="The first 8 characters of the key.")

    def handle(self, *args, **options):
        try:
            if options["action"] == "create":
                key, raw = apikey_create(name=options["name"], username=options["user"])
                # The key alone on stdout, so that scripts can capture it; the rest on stderr.
                self.stdout.write(raw)
                acts_as = key.user.username if key.user else "-"
                note = f"Created key {key.prefix}… '{key.name}' (acts as: {acts_as}). Store it now: it is not shown again."
                self.stderr.write(note, style_func=lambda text: text)
            else:
                count = apikey_revoke(prefix=options["prefix"])
                if count == 0:
                    raise CommandError(f"No active key starts with {options['prefix']!r}.")
                self.stdout.write(f"Revoked {count} key(s).")
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
