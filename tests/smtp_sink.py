"""A tiny SMTP server for the tests: accepts every mail on localhost and keeps it (no TLS, no auth)."""
from __future__ import annotations

import socketserver
import threading
from email import message_from_bytes, policy


class _Handler(socketserver.StreamRequestHandler):
    def _say(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        sink: SmtpSink = self.server.sink
        self._say("220 sink ready")
        envelope, data = [], None
        while True:
            line = self.rfile.readline()
            if not line:
                return
            if data is not None:
                if line in (b".\r\n", b".\n"):
                    sink.received.append((envelope, message_from_bytes(b"".join(data), policy=policy.default)))
                    envelope, data = [], None
                    self._say("250 queued")
                else:
                    data.append(line[1:] if line.startswith(b"..") else line)
                continue
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                self._say("250-sink")
                self._say("250 8BITMIME")
            elif verb == "RCPT" and any(bad in line.decode(errors="replace") for bad in sink.refuse):
                self._say("550 no such user")
            elif verb in ("HELO", "MAIL", "RCPT", "RSET", "NOOP"):
                if verb == "RCPT":
                    envelope.append(line.decode(errors="replace").split("<", 1)[1].split(">", 1)[0])
                self._say("250 ok")
            elif verb == "DATA":
                data = []
                self._say("354 go on")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("502 not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    """Start with ``with SmtpSink() as sink:``; ``sink.port``; ``sink.received`` holds (recipients, message)."""

    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        self.received: list = []
        self.refuse = refuse
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.sink = self
        self.port = self._server.server_address[1]

    def __enter__(self) -> "SmtpSink":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
