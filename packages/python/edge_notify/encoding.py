"""JSON for what Django hands over: datetimes, decimals, UUIDs, lazy strings, model instances."""

import datetime
import decimal
import json
import uuid

try:
    from django.core.serializers.json import DjangoJSONEncoder as _Base
except ImportError:  # the client also runs without Django
    _Base = json.JSONEncoder


class Encoder(_Base):
    def default(self, o):
        # A related object (model_to_dict of a foreign key, a many-to-many list) as its primary key.
        if hasattr(o, "_meta") and hasattr(o, "pk"):
            return o.pk
        if isinstance(o, (set, frozenset, tuple)):
            return list(o)
        if _Base is json.JSONEncoder:
            if isinstance(o, (datetime.datetime, datetime.date, datetime.time)):
                return o.isoformat()
            if isinstance(o, (decimal.Decimal, uuid.UUID)):
                return str(o)
        return super().default(o)


def dumps(value):
    return json.dumps(value, cls=Encoder, separators=(",", ":"))


def plain(value):
    """The value as JSON gives it back: what edge-notify stores, so comparisons see the same thing."""
    return json.loads(dumps(value))
