from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "actionplan.operations"
    label = "operations"
    verbose_name = "operations"
