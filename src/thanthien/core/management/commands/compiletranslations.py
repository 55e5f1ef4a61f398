from django.core.management.base import BaseCommand

from thanthien.translations import compile_translations


class Command(BaseCommand):
    help = "Compile the .po translation files to .mo (pure Python: no gettext tools needed)."

    def handle(self, *args, **options):
        compiled = compile_translations()
        if options["verbosity"]:
            self.stdout.write(f"compiled {compiled} translation file(s)")
