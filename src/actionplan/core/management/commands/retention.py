from django.utils import timezone

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = (
        "Delete or anonymise what is past its retention period: case audits' free text and "
        "references, feedback quotes, safeguarding alerts, sent notifications' records "
        "(docs/privacy.md). Run it daily from "
        "cron; a second run changes nothing. The periods are the RETAIN_* settings."
    )

    def handle(self, **options):
        from actionplan.core.retention import enforce

        for name, changed in enforce(timezone.localdate()).items():
            self.stdout.write(f"{name}: {changed} past the retention period, removed")
