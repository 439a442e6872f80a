"""EdgeNotifyClient on its own, against tiny local HTTP servers (no dev server)."""

import http.server
import threading
from contextlib import contextmanager

import pytest

from edge_notify import EdgeNotifyClient, EdgeNotifyError


@contextmanager
def serve(handle):
    """An HTTP server on a free loopback port whose every GET/POST is answered by handle(request)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            handle(self)

        do_POST = do_PUT = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield "http://127.0.0.1:%d" % server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("method,status", [("GET", 302), ("GET", 301), ("POST", 307), ("PUT", 308)])
def test_a_redirect_is_refused_and_the_service_key_stays_home(method, status):
    landed = []

    def elsewhere(request):
        landed.append(dict(request.headers))
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.end_headers()
        request.wfile.write(b"{}")

    with serve(elsewhere) as other:
        target = other + "/stolen"

        def redirect(request):
            request.send_response(status)
            request.send_header("Location", target)
            request.send_header("Content-Length", "0")
            request.end_headers()

        with serve(redirect) as edge:
            client = EdgeNotifyClient(url=edge, service_key="the-service-key", retries=0)
            with pytest.raises(EdgeNotifyError) as refused:
                client.request(method, "/api/v1/server/users", body={} if method != "GET" else None)

    assert landed == []
    assert refused.value.status == status
    assert target in refused.value.detail and target in str(refused.value)
    assert "the-service-key" not in str(refused.value)
