"""HTTP to edge-notify's server routes with the standard library: JSON, the service key, retries."""

import json
import os
import random
import time
import urllib.error
import urllib.parse
import urllib.request

from .encoding import dumps

# Worth another try: the request may not have been handled (or is still being handled, 409).
RETRY_STATUSES = {409, 429, 500, 502, 503, 504}


def setting(name, default=None):
    """A Django setting when Django is configured and sets it, else the environment variable."""
    try:
        from django.conf import settings

        if settings.configured and getattr(settings, name, None):
            return getattr(settings, name)
    except ImportError:
        pass
    return os.environ.get(name, default)


class EdgeNotifyError(Exception):
    """edge-notify refused a call. `errors` holds DRF-style field errors, `detail` a single message."""

    def __init__(self, status, body):
        self.status = status
        self.body = body
        self.detail = body.get("detail") if isinstance(body, dict) else None
        self.errors = body if isinstance(body, dict) and self.detail is None else {}
        super().__init__("edge-notify answered %s: %s" % (status, json.dumps(body)[:500]))


class EdgeNotifyClient:
    """
    Calls edge-notify with the service key (EDGE_NOTIFY_URL, EDGE_NOTIFY_SERVICE_KEY from Django's
    settings or the environment). Network errors, 409, 429 and 5xx are retried with backoff, but
    only for calls that are safe to repeat: reads, PUTs, and POSTs that carry an Idempotency-Key.
    """

    def __init__(self, url=None, service_key=None, timeout=10.0, retries=3, backoff=0.5, urlopen=None):
        self.url = (url or setting("EDGE_NOTIFY_URL") or "").rstrip("/")
        self.service_key = service_key or setting("EDGE_NOTIFY_SERVICE_KEY")
        if not self.url or not self.service_key:
            raise ValueError("Set EDGE_NOTIFY_URL and EDGE_NOTIFY_SERVICE_KEY (Django settings or environment).")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._urlopen = urlopen or urllib.request.build_opener(_RefuseRedirects).open

    def request(self, method, path, body=None, query=None, idempotency_key=None):
        """The decoded JSON answer of a 2xx; EdgeNotifyError for any other answer."""
        url = self.url + path
        if query:
            url += "?" + urllib.parse.urlencode({k: _query_value(v) for k, v in query.items() if v is not None})
        headers = {"Authorization": "Bearer %s" % self.service_key, "Accept": "application/json"}
        data = None
        if body is not None:
            data = dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        repeatable = method in ("GET", "PUT") or bool(idempotency_key)
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._send(urllib.request.Request(url, data=data, headers=headers, method=method))
            except _Retry as retry:
                if not repeatable or attempt > self.retries:
                    raise retry.error from None
                time.sleep(retry.after if retry.after is not None else self._delay(attempt))

    def _send(self, request):
        try:
            with self._urlopen(request, timeout=self.timeout) as response:
                return _decode(response.read())
        except urllib.error.HTTPError as error:
            body = _decode(error.read())
            failure = EdgeNotifyError(error.code, body)
            if error.code in RETRY_STATUSES:
                raise _Retry(failure, _retry_after(error.headers.get("Retry-After"))) from None
            raise failure from None
        except (urllib.error.URLError, OSError) as error:
            raise _Retry(ConnectionError("edge-notify unreachable: %s" % getattr(error, "reason", error)), None) from None

    def _delay(self, attempt):
        # Exponential with jitter, so many workers retrying at once do not arrive together.
        return self.backoff * (2 ** (attempt - 1)) * (0.5 + random.random())


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """
    urllib's default handler follows redirects with the Authorization header, to any host: the
    service key would go wherever a Location points. edge-notify's server routes never redirect, so a
    redirect means EDGE_NOTIFY_URL is wrong (http vs https, a proxy, a moved host): say so instead.
    """

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        fp.close()
        raise EdgeNotifyError(
            code,
            {
                "detail": "redirect to %s refused: the service key is only sent to EDGE_NOTIFY_URL (%s); "
                "set EDGE_NOTIFY_URL to the address that answers without a redirect" % (newurl, req.full_url)
            },
        )


class _Retry(Exception):
    def __init__(self, error, after):
        super().__init__(str(error))
        self.error = error
        self.after = after


def _decode(raw):
    if not raw:
        return {}
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        return {"detail": raw.decode("utf-8", "replace")[:500]}


def _retry_after(value):
    try:
        return min(float(value), 30.0)
    except (TypeError, ValueError):
        return None


def _query_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
