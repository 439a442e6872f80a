"""edge-notify's sender for Django: the original NotificationService's API over edge-notify's server routes."""

from .client import EdgeNotifyClient, EdgeNotifyError
from .middleware import CurrentUserMiddleware, get_current_user
from .service import NotificationService
from .users import connect_user_sync, set_notifications_enabled, sync_user

__all__ = [
    "CurrentUserMiddleware",
    "EdgeNotifyClient",
    "EdgeNotifyError",
    "NotificationService",
    "connect_user_sync",
    "get_current_user",
    "set_notifications_enabled",
    "sync_user",
]
