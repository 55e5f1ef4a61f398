from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from thanthien.core.units import load_province


class Command(BaseCommand):
    help = "Load a province's administrative units (before and after 1 July 2025) and the mapping."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            required=True,
            action="append",
            help="Province code, e.g. 38 for Thanh Hóa. May be repeated.",
        )

    def handle(self, *args, **options):
        for code in options["province"]:
            try:
                result = load_province(code)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            self.stdout.write(
                f"{result.province.name}: {result.created} created, {result.updated} updated, "
                f"{result.successions} successions added"
            )
