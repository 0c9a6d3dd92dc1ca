from django.apps import AppConfig
from django.core.signals import request_finished


def _forget_request_id(**kwargs):
    from actionplan.core import logs

    logs.request_id.set("-")


class CoreConfig(AppConfig):
    name = "actionplan.core"
    label = "core"
    verbose_name = "shared web pieces"

    def ready(self):
        # Lines logged between requests belong to none.
        request_finished.connect(_forget_request_id, dispatch_uid="actionplan.request_id")
