"""The backup's serialisation format ("fulljson"): Django's JSON with times to the microsecond.

Django's JSON encoder cuts times to the millisecond, which would reorder history rows recorded within one
millisecond (their order is what the history says happened) and change every timestamp a backup restores.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class FullPrecisionEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = FullPrecisionEncoder


Deserializer = django_json.Deserializer
