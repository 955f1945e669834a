#!/usr/bin/env python3
"""fake_sms.py - a fake Twilio-compatible SMS provider for tests.

  POST /2010-04-01/Accounts/{sid}/Messages.json
        Basic auth (AccountSid:AuthToken, the sid must match the path),
        form To/From/Body/StatusCallback. Answers 201 with the shape of
        ../shared/fixtures/twilio/message_create_201.json (a new SM sid,
        status "queued"), or 4xx {"code","message","more_info","status"}:
        21211 for a To that is not E.164, the code configured for a number
        (21610: the recipient opted out), 20003 for bad auth.
        With "callbacks" configured, each accepted message gets those status
        callbacks POSTed to its StatusCallback half a second apart, in order,
        form-encoded and signed with X-Twilio-Signature (the send's token).

Control endpoints (no auth):
  GET  /_fake/health      "ok"
  GET  /_fake/messages    accepted messages, a JSON array, oldest first:
                          {sid, account_sid, to, from, body, status_callback,
                          at, callbacks: [{status, code}]}
  GET  /_fake/requests    every Messages.json request, accepted or not
  POST /_fake/reset       forget messages, requests and config
  POST /_fake/config      JSON: {"errors": {"+1555...": 21610, ...},
                          "callbacks": ["sent", "delivered"],
                          "fail_status": 500 (answer every send so)}

Every accepted message is also appended to DIR/messages.jsonl.
Usage: fake_sms.py --port P --dir D
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")
SEND = re.compile(r"^/2010-04-01/Accounts/([A-Za-z0-9]{2,64})/Messages\.json$")
ERRORS = {
    21211: "The 'To' number {to} is not a valid phone number.",
    21610: "The message From/To pair violates a blacklist rule.",
    20003: "Authenticate",
    21608: "The number {to} is unverified.",
    30003: "Unreachable destination handset.",
}


class State:
    def __init__(self, directory):
        self.lock = threading.Lock()
        self.dir = directory
        self.reset()

    def reset(self):
        self.messages = []
        self.requests = []
        self.config = {"errors": {}, "callbacks": [], "fail_status": None}


def sign(url, params, token):
    data = url + "".join(k + v for k, v in sorted(params.items()))
    mac = hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(mac).decode()


def callback(msg, token, statuses):
    """POSTs each status to the message's StatusCallback, signed."""
    for st in statuses:
        time.sleep(0.5)     # the provider's callbacks trail its answer
        params = {"MessageSid": msg["sid"], "SmsSid": msg["sid"],
                  "MessageStatus": st, "SmsStatus": st, "To": msg["to"],
                  "From": msg["from"], "AccountSid": msg["account_sid"],
                  "ApiVersion": "2010-04-01"}
        body = urllib.parse.urlencode(params).encode()
        req = urllib.request.Request(msg["status_callback"], data=body, headers={
            "X-Twilio-Signature": sign(msg["status_callback"], params, token),
            "Content-Type": "application/x-www-form-urlencoded"})
        try:
            code = urllib.request.urlopen(req, timeout=10).status
        except urllib.error.HTTPError as e:
            code = e.code
        except OSError:
            code = 0
        msg["callbacks"].append({"status": st, "code": code})


class Handler(BaseHTTPRequestHandler):
    server_version = "fake_sms/1"
    state = None

    def log_message(self, fmt, *args):
        sys.stderr.write("fake_sms: " + (fmt % args) + "\n")

    def reply(self, code, obj, ctype="application/json"):
        body = (obj if isinstance(obj, str) else json.dumps(obj)).encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def do_GET(self):
        st = self.state
        if self.path == "/_fake/health":
            return self.reply(200, "ok", "text/plain")
        with st.lock:
            if self.path == "/_fake/messages":
                return self.reply(200, st.messages)
            if self.path == "/_fake/requests":
                return self.reply(200, st.requests)
        self.reply(404, {"code": 20404, "message": "not found", "status": 404})

    def do_POST(self):
        st = self.state
        raw = self.body()
        if self.path == "/_fake/reset":
            with st.lock:
                st.reset()
            return self.reply(200, {"ok": True})
        if self.path == "/_fake/config":
            with st.lock:
                st.config.update(json.loads(raw or b"{}"))
            return self.reply(200, st.config)
        m = SEND.match(self.path)
        if not m:
            return self.reply(404, {"code": 20404, "message": "not found",
                                    "status": 404})
        self.send_message(m.group(1), raw)

    def auth(self):
        h = self.headers.get("Authorization") or ""
        if not h.startswith("Basic "):
            return None, None
        try:
            user, _, pw = base64.b64decode(h[6:]).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return None, None
        return user, pw

    def error(self, code, to, http=400):
        self.reply(http, {"code": code,
                          "message": ERRORS.get(code, "error").format(to=to),
                          "more_info": "https://www.twilio.com/docs/errors/%d" % code,
                          "status": http})

    def send_message(self, sid, raw):
        st = self.state
        form = dict(urllib.parse.parse_qsl(raw.decode(), keep_blank_values=True))
        user, token = self.auth()
        to = form.get("To", "")
        with st.lock:
            st.requests.append({"path": self.path, "account": user, "form": form,
                                "at": time.time()})
            cfg = dict(st.config)
        if user != sid or not token:
            return self.error(20003, to, 401)
        if cfg.get("fail_status"):
            return self.reply(int(cfg["fail_status"]), {"message": "failure"})
        if not E164.match(to):
            return self.error(21211, to)
        code = cfg["errors"].get(to)
        if code:
            return self.error(int(code), to)
        msg = {"sid": "SM" + secrets.token_hex(16), "account_sid": sid,
               "to": to, "from": form.get("From", ""),
               "body": form.get("Body", ""),
               "status_callback": form.get("StatusCallback"),
               "at": time.time(), "callbacks": []}
        with st.lock:
            st.messages.append(msg)
            with open(os.path.join(st.dir, "messages.jsonl"), "a") as f:
                f.write(json.dumps(msg) + "\n")
        self.reply(201, {
            "account_sid": sid, "api_version": "2010-04-01",
            "body": msg["body"], "date_created": formatdate(usegmt=True),
            "date_sent": None, "date_updated": formatdate(usegmt=True),
            "direction": "outbound-api", "error_code": None,
            "error_message": None, "from": msg["from"], "num_media": "0",
            "num_segments": "1", "price": None, "price_unit": None,
            "messaging_service_sid": None, "sid": msg["sid"],
            "status": "queued", "subresource_uris": {"media":
                "/2010-04-01/Accounts/%s/Messages/%s/Media.json" % (sid, msg["sid"])},
            "to": to, "uri": "/2010-04-01/Accounts/%s/Messages/%s.json" % (sid, msg["sid"])})
        if cfg["callbacks"] and msg["status_callback"]:
            threading.Thread(target=callback, daemon=True,
                             args=(msg, token, list(cfg["callbacks"]))).start()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    with open(os.path.join(a.dir, "pid"), "w") as f:
        f.write(str(os.getpid()))
    Handler.state = State(a.dir)
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    srv.serve_forever()


if __name__ == "__main__":
    main()
