from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "actionplan.core"
    label = "core"
    verbose_name = "shared web pieces"
