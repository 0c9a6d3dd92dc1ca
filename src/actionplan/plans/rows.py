"""Writing a plan's rows in bulk while keeping their history (django-simple-history).

An import writes thousands of rows; one by one, with a history record each, that takes
minutes. `HistoryWriter` writes them in bulk and their history records in one insert,
marked "import" and with the importing user, as simple-history would one by one; and
`sync` writes only the rows that differ, so importing the same document again adds no
history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, models
from django.utils import timezone

BATCH = 500
_REASON = "import"
# Field types whose values the database drivers take as Python gives them.
_PLAIN = {
    "CharField",
    "TextField",
    "SlugField",
    "BooleanField",
    "IntegerField",
    "BigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
}


class HistoryWriter:
    """Bulk writes, each with its history records, on behalf of `user` (None: no one)."""

    def __init__(self, user) -> None:
        self.user = user

    def stamp(self, obj: models.Model) -> models.Model:
        """Mark a row saved or deleted one by one, for its history record."""
        # simple-history reads these two attributes, which no model declares.
        obj._change_reason = _REASON  # type: ignore[attr-defined]
        if self.user is not None:
            obj._history_user = self.user  # type: ignore[attr-defined]
        return obj

    def record_history(self, model: type[models.Model], rows: list, kind: str) -> None:
        """What simple-history's bulk_history_create does ("+" created, "~" changed), as one
        executemany: the ORM's per-row SQL compilation doubled the time of a first import.
        Dates and JSON are prepared by their fields, as the ORM would; text, numbers, flags
        and ids go to the driver as they are, which is all the ORM would do with them."""
        if not rows:
            return
        history = model.history.model  # type: ignore[attr-defined]  # added by simple-history
        fields = [f for f in history._meta.concrete_fields if not f.primary_key]
        given = {
            "history_date": timezone.now(),
            "history_type": kind,
            "history_user_id": self.user.pk if self.user is not None else None,
            "history_change_reason": _REASON,
        }
        prepared = [f.get_internal_type() not in _PLAIN and not f.is_relation for f in fields]
        values = [
            [
                f.get_db_prep_save(value, connection) if prepare else value
                for f, prepare, value in zip(
                    fields,
                    prepared,
                    (
                        given[f.attname] if f.attname in given else getattr(row, f.attname)
                        for f in fields
                    ),
                    strict=True,
                )
            ]
            for row in rows
        ]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}) VALUES ({marks})",
                values,
            )

    def create(self, model: type[models.Model], rows: list) -> None:
        model._default_manager.bulk_create(rows, batch_size=BATCH)
        self.record_history(model, rows, "+")

    def update(self, model: type[models.Model], rows: list, fields: list[str]) -> None:
        model._default_manager.bulk_update(rows, fields, batch_size=BATCH)
        self.record_history(model, rows, "~")

    def delete(self, rows: Iterable[models.Model]) -> None:
        # One by one, so that each history record says who deleted it and why.
        for row in rows:
            self.stamp(row).delete()

    def sync(
        self,
        model: type[models.Model],
        owner: str,
        wanted: dict[int, list[dict]],
        stored: Iterable[models.Model],
        identity: tuple[str, ...],
    ) -> None:
        """Make the rows of each owner (an action, a recommendation) match `wanted`, writing
        only the differences. A stored row is matched to a wanted one by identity first (a
        milestone by its text), then by position; so an unchanged list costs no write, and
        a row keeps what the service added to it (a milestone's done_on). Rows of owners
        not in `wanted` are deleted."""
        old_rows: dict[int, list[models.Model]] = defaultdict(list)
        for old in stored:
            old_rows[getattr(old, owner)].append(old)
        new: list[models.Model] = []
        changed: list[models.Model] = []
        gone: list[models.Model] = []
        names: set[str] = set()
        for owner_id, items in wanted.items():
            spare = old_rows.pop(owner_id, [])
            matched: list[models.Model | None] = []
            for item in items:
                key = tuple(item[f] for f in identity)
                found = next(
                    (r for r in spare if tuple(getattr(r, f) for f in identity) == key), None
                )
                if found is not None:
                    spare.remove(found)
                matched.append(found)
            for item, match in zip(items, matched, strict=True):
                row = match or (spare.pop(0) if spare else None)
                if row is None:
                    new.append(model(**{owner: owner_id}, **item))
                    continue
                diff = [name for name, value in item.items() if getattr(row, name) != value]
                for name in diff:
                    setattr(row, name, item[name])
                if diff:
                    names.update(diff)
                    changed.append(row)
            gone += spare
        for rows in old_rows.values():
            gone += rows
        self.delete(gone)
        if changed:
            self.update(model, changed, sorted(names))
        self.create(model, new)
