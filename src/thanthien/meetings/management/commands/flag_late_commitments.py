from django.core.management.base import BaseCommand

from thanthien.meetings.tasks import flag_late_commitments


class Command(BaseCommand):
    help = "Enqueue the flagging of late commitments to their bodies and superiors (run daily)."

    def handle(self, *args, **options):
        result = flag_late_commitments.enqueue()
        self.stdout.write(f"enqueued {result.id}")
