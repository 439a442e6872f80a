"""The current request's user, the fallback for NotificationService(requested_user=...)."""

import contextvars

_request = contextvars.ContextVar("edge_notify_request", default=None)


class CurrentUserMiddleware:
    """
    Replaces the original's DRFCurrentUserMiddleware. It keeps the request, not a user: DRF
    authenticates inside the view (and sets `request.user` then), so the user is read when the
    service asks, with no second JWT check; the reference is dropped when the response is done.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def get_current_user():
    request = _request.get()
    user = getattr(request, "user", None)
    return user if user is not None and getattr(user, "is_authenticated", False) else None
