"""A tiny HTTP helper for the class-mode tests (http.client: sends the path exactly as written)."""
from __future__ import annotations

import http.client
import json
import socket


class Client:
    """One keep-alive connection to the class server at (host, port)."""

    def __init__(self, address, code, device="device-tests-0001"):
        self.host, self.port = address
        self.code, self.device = code, device
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=10)

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.conn.close()  # the server closed a refused request's connection: reconnect once
                if attempt:
                    raise
        if resp.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return resp.status, dict(resp.getheaders()), raw

    def json(self, method, path, body=None, headers=None):
        status, headers_, raw = self.request(method, path, body, headers)
        return status, json.loads(raw) if raw else None

    def round(self, code=None, device=None):
        return self.json("GET", f"/api/round?c={code or self.code}&d={device or self.device}")

    def answer(self, round_id, payload, code=None, device=None):
        return self.json("POST", f"/api/answer?c={code or self.code}&d={device or self.device}",
                         {"round": round_id, "payload": payload})

    def close(self):
        self.conn.close()


def raw_exchange(address, data: bytes, read_timeout=5.0, *, until_closed: bool = False) -> bytes:
    """Send ``data`` on a fresh socket and read what comes back until the server closes or goes quiet
    (or, unless ``until_closed``, until a 4xx reply's head has arrived)."""
    s = socket.create_connection(address, timeout=read_timeout)
    try:
        s.sendall(data)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not chunk:
                break
            out += chunk
            if not until_closed and b"\r\n\r\n" in out and out.startswith(b"HTTP/1.1 4"):
                break
        return out
    finally:
        s.close()
