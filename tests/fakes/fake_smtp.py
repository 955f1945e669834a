#!/usr/bin/env python3
"""fake_smtp.py - an SMTP sink for tests, with an HTTP control address.

SMTP on 127.0.0.1:--port: EHLO/HELO, MAIL FROM, RCPT TO, DATA (dot-unstuffed),
RSET, NOOP, VRFY, QUIT; no TLS and no AUTH (STARTTLS answers 502). Each message
is kept parsed:
  {from, to: [...], subject, text, html, headers: {...}, raw, at}
and appended to DIR/messages.jsonl.

HTTP on 127.0.0.1:--http-port:
  GET  /_fake/health      "ok"
  GET  /_fake/messages    the messages, a JSON array, oldest first
  GET  /_fake/requests    the same (the name every fake answers)
  POST /_fake/reset       forget them
  POST /_fake/config      JSON {"reject_rcpt": ["a@b.test", ...]}: 550 for those

Python's smtpd is gone in 3.12, so this speaks the protocol itself.
Usage: fake_smtp.py --port P --http-port H --dir D
"""
import argparse
import email
import email.policy
import json
import os
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_MESSAGE = 10 * 1024 * 1024


class State:
    def __init__(self, directory):
        self.lock = threading.Lock()
        self.dir = directory
        self.reset()

    def reset(self):
        self.messages = []
        self.config = {"reject_rcpt": []}

    def add(self, mail_from, rcpts, raw):
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        text = html = None
        for part in msg.walk():
            if part.is_multipart():
                continue
            ctype = part.get_content_type()
            if ctype == "text/plain" and text is None:
                text = part.get_content()
            elif ctype == "text/html" and html is None:
                html = part.get_content()
        rec = {"from": mail_from, "to": rcpts, "subject": msg.get("Subject"),
               "text": text, "html": html,
               "headers": {k: str(v) for k, v in msg.items()},
               "raw": raw.decode("utf-8", "replace"), "at": time.time()}
        with self.lock:
            self.messages.append(rec)
            with open(os.path.join(self.dir, "messages.jsonl"), "a") as f:
                f.write(json.dumps(rec) + "\n")


class SMTPHandler(socketserver.StreamRequestHandler):
    state = None
    timeout = 60

    def say(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.say("220 fake_smtp ESMTP ready")
        mail_from, rcpts = None, []
        while True:
            line = self.rfile.readline(4096)
            if not line:
                return
            cmd = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = cmd[:4].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-fake_smtp\r\n250-8BITMIME\r\n"
                                 b"250-SIZE 10485760\r\n250 SMTPUTF8\r\n")
                self.wfile.flush()
            elif verb == "HELO":
                self.say("250 fake_smtp")
            elif cmd.upper().startswith("MAIL FROM:"):
                mail_from, rcpts = addr(cmd[10:]), []
                self.say("250 OK")
            elif cmd.upper().startswith("RCPT TO:"):
                if mail_from is None:
                    self.say("503 MAIL first")
                    continue
                to = addr(cmd[8:])
                with self.state.lock:
                    bad = to in self.state.config.get("reject_rcpt", [])
                if bad:
                    self.say("550 no such user")
                else:
                    rcpts.append(to)
                    self.say("250 OK")
            elif verb == "DATA":
                if not rcpts:
                    self.say("503 RCPT first")
                    continue
                self.say("354 End data with <CR><LF>.<CR><LF>")
                raw = self.data()
                if raw is None:
                    return
                self.state.add(mail_from, rcpts, raw)
                self.say("250 OK queued")
                mail_from, rcpts = None, []
            elif verb == "RSET":
                mail_from, rcpts = None, []
                self.say("250 OK")
            elif verb in ("NOOP", "VRFY"):
                self.say("250 OK")
            elif verb == "QUIT":
                self.say("221 Bye")
                return
            else:
                self.say("502 Command not implemented")

    def data(self):
        lines, size = [], 0
        while True:
            line = self.rfile.readline(MAX_MESSAGE)
            if not line:
                return None
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            if line.startswith(b"."):
                line = line[1:]
            size += len(line)
            if size > MAX_MESSAGE:
                return None
            lines.append(line)


def addr(s):
    s = s.strip()
    if s.startswith("<"):
        s = s[1:s.find(">")] if ">" in s else s[1:]
    return s.split()[0] if s else ""


class Control(BaseHTTPRequestHandler):
    state = None

    def log_message(self, fmt, *args):
        sys.stderr.write("fake_smtp: " + (fmt % args) + "\n")

    def reply(self, code, obj, ctype="application/json"):
        body = (obj if isinstance(obj, str) else json.dumps(obj)).encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/_fake/health":
            return self.reply(200, "ok", "text/plain")
        if self.path in ("/_fake/messages", "/_fake/requests"):
            with self.state.lock:
                return self.reply(200, self.state.messages)
        self.reply(404, {"error": "not found"})

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n > 0 else b""
        if self.path == "/_fake/reset":
            with self.state.lock:
                self.state.reset()
            return self.reply(200, {"ok": True})
        if self.path == "/_fake/config":
            with self.state.lock:
                self.state.config.update(json.loads(raw or b"{}"))
            return self.reply(200, self.state.config)
        self.reply(404, {"error": "not found"})


class SMTPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--http-port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    with open(os.path.join(a.dir, "pid"), "w") as f:
        f.write(str(os.getpid()))
    state = State(a.dir)
    SMTPHandler.state = Control.state = state
    smtp = SMTPServer(("127.0.0.1", a.port), SMTPHandler)
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    ctl = ThreadingHTTPServer(("127.0.0.1", a.http_port), Control)
    ctl.daemon_threads = True
    ctl.serve_forever()


if __name__ == "__main__":
    main()
