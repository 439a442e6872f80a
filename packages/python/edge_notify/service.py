"""NotificationService with the original's arguments and methods, sending to edge-notify."""

import urllib.parse
import uuid

from .client import EdgeNotifyClient
from .instances import changed_data, serialize_instance
from .middleware import get_current_user

# POST /api/v1/notifications takes at most this many recipients per call.
MAX_RECIPIENTS = 100_000


class NotificationService:
    """
    `NotificationService(requested_user, message, instance, method, user_list, serializer)` as in
    django-notifications-websocket. `requested_user` defaults to the user of the current request
    (with `edge_notify.CurrentUserMiddleware`); `user_list` may be a queryset, a list of users or
    ids, or one user. Failures raise: ValueError for missing arguments, EdgeNotifyError (with the
    server's field errors) for a refused call, ConnectionError when edge-notify stays unreachable.
    """

    def __init__(
        self,
        requested_user=None,
        message=None,
        instance=None,
        method=None,
        user_list=None,
        serializer=None,
        custom_info=None,
        client=None,
    ):
        self.requested_user = requested_user or get_current_user()
        self.message = message
        self.instance = instance
        self.method = method.upper() if method else "UNDEFINED"
        self.user_list = user_list
        self.serializer = serializer
        self.custom_info = custom_info
        self._client = client

    @property
    def client(self):
        if self._client is None:
            self._client = EdgeNotifyClient()
        return self._client

    def create_notification(self):
        """One notification per recipient, in as many calls as 100,000 recipients need."""
        recipients = _user_ids(self.user_list)
        if self.instance is None or not self.message or not recipients:
            raise ValueError("Missing required arguments: 'instance', 'message', and 'user_list' must be provided.")
        body = {
            "message": self.message,
            "model": type(self.instance).__name__,
            "instance": serialize_instance(self.instance, self.serializer),
            "method": self.method,
            # Computed here, against the row as stored before the save, as the original did.
            "changed_data": changed_data(self.instance) if self.method in ("PATCH", "PUT") else {},
            "created_by": getattr(self.requested_user, "pk", None),
        }
        if self.custom_info is not None:
            body["custom_info"] = self.custom_info
        # One key per call: a retry after a lost answer gets the first answer, not a second write.
        key = uuid.uuid4().hex
        result = {"success": "Notification created successfully", "created": 0, "uids": [], "jobs": []}
        for index in range(0, len(recipients), MAX_RECIPIENTS):
            chunk = recipients[index : index + MAX_RECIPIENTS]
            answer = self.client.request(
                "POST",
                "/api/v1/notifications",
                dict(body, user_ids=chunk),
                idempotency_key="%s-%d" % (key, index // MAX_RECIPIENTS),
            )
            if "job_id" in answer:
                result["jobs"].append(answer["job_id"])
            else:
                result["created"] += answer["created"]
                result["uids"].extend(answer["uids"])
        return result

    def get_requested_user_notifications(self, **query):
        """The requested user's feed: counts and a page of ACTIVE notifications (page, page_size, is_read, cursor)."""
        if not self.requested_user:
            raise ValueError("User is missing.")
        user_id = urllib.parse.quote(str(getattr(self.requested_user, "pk", self.requested_user)), safe="")
        return self.client.request("GET", "/api/v1/users/%s/notifications" % user_id, query=query)

    def get_model_notifications(self, model, **query):
        """Every notification of a model (a class, an instance or its name), any user and status, paginated."""
        if isinstance(model, str):
            # The original title-cased the name; kept for lower-case names only, so CamelCase ones match.
            name = model.title() if model == model.lower() else model
        else:
            name = model.__name__ if isinstance(model, type) else type(model).__name__
        return self.client.request("GET", "/api/v1/notifications", query=dict(query, model=name))


def _user_ids(user_list):
    if user_list is None:
        return []
    if hasattr(user_list, "values_list"):
        ids = list(user_list.values_list("pk", flat=True))
    elif hasattr(user_list, "pk"):
        ids = [user_list.pk]
    else:
        ids = [getattr(user, "pk", user) for user in user_list]
    return list(dict.fromkeys(ids))
