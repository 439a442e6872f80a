"""A model instance as the original put it in a notification: serialized, and what a PUT/PATCH changed."""

import json

from .encoding import plain

# Never copied into notifications: the original stored a User's password hash for every recipient.
SECRET_FIELDS = {"password"}


def serialize_instance(instance, serializer=None):
    """With a serializer class, its `.data`; without, Django's JSON serializer (`{model, pk, fields}`)."""
    if serializer is not None:
        return plain(serializer(instance).data)
    from django.core import serializers

    data = json.loads(serializers.serialize("json", [instance]))[0]
    for name in SECRET_FIELDS:
        data.get("fields", {}).pop(name, None)
    return data


def changed_data(instance):
    """
    The original's get_changed_fields: the unsaved instance against its stored row, per field
    `{"original", "new"}`; a foreign key compares the related rows as dicts, a JSON field key by key.
    Call it before `save()` (after, nothing differs). Values are JSON-safe (the original crashed on
    datetimes and decimals).
    """
    model = type(instance)
    stored = model._default_manager.filter(pk=instance.pk).first() if instance.pk is not None else None
    if stored is None:
        raise ValueError("Provided model instance to get changed fields is not found in the database")
    changed = {}
    for field in model._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        if field.is_relation:
            before, after = _related(stored, field), _related(instance, field)
            if before != after:
                changed[field.name] = {"original": before, "new": after}
            continue
        before = plain(field.value_from_object(stored))
        after = plain(field.value_from_object(instance))
        if _is_json_field(field) and isinstance(before or {}, dict) and isinstance(after or {}, dict):
            keys = _json_diff(before or {}, after or {})
            if keys:
                changed[field.name] = keys
        elif before != after:
            changed[field.name] = {"original": before, "new": after}
    return changed


def _related(instance, field):
    from django.forms.models import model_to_dict

    if getattr(instance, field.attname) is None:
        return None
    related = getattr(instance, field.name)
    data = model_to_dict(related)
    for name in SECRET_FIELDS:
        data.pop(name, None)
    return plain(data)


def _is_json_field(field):
    return field.get_internal_type() == "JSONField"


def _json_diff(before, after):
    diff = {}
    for key in list(before) + [k for k in after if k not in before]:
        if before.get(key) != after.get(key):
            diff[key] = {"original": before.get(key), "new": after.get(key)}
    return diff
