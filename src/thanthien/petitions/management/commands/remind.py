from django.core.management.base import BaseCommand

from thanthien.petitions.tasks import send_deadline_reminders


class Command(BaseCommand):
    help = "Enqueue today's deadline reminders (run once a day, e.g. from cron at 07:00)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="send them now instead of enqueuing")

    def handle(self, *args, **options):
        if options["now"]:
            self.stdout.write(str(send_deadline_reminders.call()))
        else:
            result = send_deadline_reminders.enqueue()
            self.stdout.write(f"enqueued {result.id}")
