"""A minimal WebSocket client (RFC 6455) over a plain socket: text frames, masking, ping/close."""

import base64
import hashlib
import json
import os
import socket
import struct
import urllib.parse

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class WebSocket:
    def __init__(self, url, headers, timeout=10):
        parts = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout)
        key = base64.b64encode(os.urandom(16))
        lines = ["GET %s HTTP/1.1" % (parts.path or "/"), "Host: %s" % parts.netloc, "Upgrade: websocket"]
        lines += ["Connection: Upgrade", "Sec-WebSocket-Key: %s" % key.decode(), "Sec-WebSocket-Version: 13"]
        lines += ["%s: %s" % item for item in headers.items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.buffer = b""
        head = self._read_until(b"\r\n\r\n").decode("latin-1")
        if not head.startswith("HTTP/1.1 101"):
            raise ConnectionError("upgrade refused: " + head.split("\r\n")[0])
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest()).decode()
        if accept not in head:
            raise ConnectionError("bad Sec-WebSocket-Accept")

    def _read_until(self, marker):
        while marker not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(marker, 1)
        return head

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("connection closed")
        self.buffer += chunk

    def _read(self, n):
        while len(self.buffer) < n:
            self._fill()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send_frame(self, opcode, payload):
        # Client frames are always masked (RFC 6455 5.3).
        mask = os.urandom(4)
        size = len(payload)
        header = bytes([0x80 | opcode])
        if size < 126:
            header += bytes([0x80 | size])
        elif size < 65536:
            header += bytes([0x80 | 126]) + struct.pack("!H", size)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", size)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def send_text(self, text):
        self._send_frame(0x1, text.encode())

    def recv(self):
        """The next text message, decoded as JSON; answers pings on the way."""
        while True:
            first, second = self._read(2)
            opcode, size = first & 0x0F, second & 0x7F
            if size == 126:
                size = struct.unpack("!H", self._read(2))[0]
            elif size == 127:
                size = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(size)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x1:
                return json.loads(payload.decode())
            if opcode == 0x9:
                self._send_frame(0xA, payload)
            elif opcode == 0x8:
                raise ConnectionError("closed by the server: %r" % payload[:2])

    def close(self):
        try:
            self._send_frame(0x8, struct.pack("!H", 1000))
        finally:
            self.sock.close()
