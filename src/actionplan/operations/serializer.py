"""Django's JSON Lines serializer, but exact: Django's JSON encoder cuts datetimes and times
to milliseconds, and a restored row must be the row that was backed up. Registered as
`backup-jsonl` for dumpdata; loaddata reads the files it writes as plain `jsonl`."""

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


Deserializer = jsonl.Deserializer
