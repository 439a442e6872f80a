"""edge-notify's `npm run dev` (scripts/dev.mjs) on free loopback ports with its own state, as the JS e2e tests start it."""

import base64
import hashlib
import hmac
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DevServer:
    def __init__(self, process, base, state, secrets):
        self.process, self.base, self.state, self.secrets = process, base, state, secrets

    @classmethod
    def start(cls, timeout=120):
        with open(os.path.join(ROOT, "src", "dev", "defaults.json")) as f:
            secrets = json.load(f)
        state = tempfile.mkdtemp(prefix="edge-notify-py-")
        env_file = os.path.join(state, "secrets.env")
        # Secrets through a file readable by its owner, never the command line.
        fd = os.open(env_file, os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(fd, "w") as f:
            f.writelines('%s="%s"\n' % item for item in secrets.items())
        port, inspector = free_port(), free_port()
        node = os.environ.get("EDGE_NOTIFY_NODE") or shutil.which("node") or "node"
        args = [node, "scripts/dev.mjs", "--port", str(port), "--inspector-port", str(inspector)]
        args += ["--persist-to", state, "--env-file", env_file]
        process = subprocess.Popen(
            args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        output, ready = [], threading.Event()

        def read():
            for line in iter(process.stdout.readline, b""):
                output.append(line.decode("utf-8", "replace"))
                if "Ready on" in output[-1]:
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        server = cls(process, "http://127.0.0.1:%d" % port, state, secrets)
        deadline = time.time() + timeout
        while not ready.wait(0.5):
            if process.poll() is not None or time.time() > deadline:
                server.stop()
                raise RuntimeError("npm run dev did not start:\n" + "".join(output))
        return server

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        shutil.rmtree(self.state, ignore_errors=True)

    def token(self, user_id, minutes=10):
        """An access token shaped like djangorestframework-simplejwt's (HS256)."""
        now = int(time.time())
        claims = {"token_type": "access", "exp": now + 60 * minutes, "iat": now, "jti": uuid.uuid4().hex, "user_id": user_id}
        part = lambda value: base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()  # noqa: E731
        signing_input = "%s.%s" % (part({"alg": "HS256", "typ": "JWT"}), part(claims))
        digest = hmac.new(self.secrets["JWT_SECRET"].encode(), signing_input.encode(), hashlib.sha256).digest()
        return "%s.%s" % (signing_input, base64.urlsafe_b64encode(digest).rstrip(b"=").decode())

    def get(self, path, user_id):
        """GET as the user (their JWT), the way a frontend calls the API."""
        request = urllib.request.Request(self.base + path, headers={"Authorization": "Bearer " + self.token(user_id)})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())
