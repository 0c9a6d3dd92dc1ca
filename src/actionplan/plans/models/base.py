"""What the plan's models share: records kept as they were written, and the error of
asking for a plan that is not there."""

from __future__ import annotations

from django.db import models

from actionplan.core.errors import UserError


class PlanLookupError(UserError):
    """No plan, or more than one, answers to what the user typed."""


class AppendOnlyError(Exception):
    """Code tried to change or delete a record that is kept as it was written."""


class AppendOnlyQuerySet(models.QuerySet):
    def _refuse(self, *args, **kwargs):
        raise AppendOnlyError(
            f"{self.model._meta.verbose_name_plural} are never changed or deleted: add a new one"
        )

    update = delete = bulk_update = _refuse


class AppendOnlyModel(models.Model):
    """A record that is only ever added: a correction is a new record."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(
                f"a {self._meta.verbose_name} is never changed: add a new one instead"
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"a {self._meta.verbose_name} is never deleted")
