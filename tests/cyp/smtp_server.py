"""A small SMTP server on 127.0.0.1 for tests: speaks enough of RFC 5321 for Django's SMTP backend
(EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps every message it accepts."""

from __future__ import annotations

import socketserver
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Received:
    sender: str
    recipients: list[str]
    content: str


@dataclass
class Mailbox:
    messages: list[Received] = field(default_factory=list)


def _address(argument: str) -> str:
    return argument.split(":", 1)[1].strip().split()[0].strip("<>")


class _Session(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 127.0.0.1 test SMTP")
        sender, recipients = "", []
        while line := self.rfile.readline(65536):
            command = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-127.0.0.1")
                self.reply("250 8BITMIME")
            elif verb == "HELO" or verb == "NOOP":
                self.reply("250 OK")
            elif verb == "MAIL":
                sender, recipients = _address(command), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(_address(command))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := self.rfile.readline(65536)) not in (b".\r\n", b".\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                self.server.mailbox.messages.append(
                    Received(sender, recipients, b"".join(lines).decode("utf-8", "replace"))
                )
                self.reply("250 OK: queued")
            elif verb == "RSET":
                sender, recipients = "", []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def smtp_server():
    """``with smtp_server() as (port, mailbox):`` a server listening on 127.0.0.1:port."""
    server = _Server(("127.0.0.1", 0), _Session)
    server.mailbox = Mailbox()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server.mailbox
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
