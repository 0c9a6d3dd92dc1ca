"""Django's JSON Lines serializer, but exact, for backups: a restored row must be the row
that was backed up. Django's JSON encoder cuts datetimes and times to milliseconds; this one
keeps them whole. And many-to-many links are written as the rows of their tables, with their
ids (the backup names those tables to dumpdata), not as lists inside each object, which
loaddata would store as new rows with new ids. Registered as `backup-jsonl` for dumpdata;
loaddata reads the files it writes as plain `jsonl`."""

from __future__ import annotations

import datetime as dt

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "backup-jsonl"


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder

    def handle_m2m_field(self, obj, field):
        pass  # the links are rows of their own table, dumped as such


Deserializer = jsonl.Deserializer
