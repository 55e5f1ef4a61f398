from django.core.management.base import BaseCommand

from thanthien.disclosure.services import reindex_all


class Command(BaseCommand):
    help = "Rebuild the disclosure search index (after restoring a backup, for instance)."

    def handle(self, *args, **options):
        count = reindex_all()
        self.stdout.write(f"{count} entries indexed")
