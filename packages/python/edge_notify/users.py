"""Keep edge-notify's user profiles in step with Django's users (names, email, active, the switch)."""

import urllib.parse

from .client import EdgeNotifyClient


def sync_user(user, notifications_enabled=None, client=None):
    """Creates or updates the user's profile; the notification switch only when given."""
    body = {
        "first_name": getattr(user, "first_name", "") or "",
        "last_name": getattr(user, "last_name", "") or "",
        "email": getattr(user, "email", "") or "",
        "is_active": bool(getattr(user, "is_active", True)),
    }
    if notifications_enabled is not None:
        body["notifications_enabled"] = bool(notifications_enabled)
    return (client or EdgeNotifyClient()).request("PUT", _path(user), body)


def set_notifications_enabled(user, enabled, client=None):
    """The original's NotificationSettings.is_enable_notification, for one user."""
    return (client or EdgeNotifyClient()).request("PATCH", _path(user), {"notifications_enabled": bool(enabled)})


def connect_user_sync(user_model=None, client=None):
    """Syncs every saved user from now on (post_save); call it from an AppConfig.ready()."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save

    def on_save(sender, instance, raw=False, **kwargs):
        if not raw:  # loaddata: the rows come from a dump the importer already loaded
            sync_user(instance, client=client)

    post_save.connect(on_save, sender=user_model or get_user_model(), weak=False, dispatch_uid="edge_notify_user_sync")


def _path(user):
    return "/api/v1/users/%s" % urllib.parse.quote(str(getattr(user, "pk", user)), safe="")
