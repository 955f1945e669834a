#!/usr/bin/env python3
"""fake_harvest.py - a fake Greenhouse Harvest API (v1 and v3) for tests.

Serves the shapes of tests/fixtures/greenhouse/harvest/ on 127.0.0.1:

  POST /token                       v3 OAuth client credentials (Basic auth,
                                    grant_type=client_credentials&sub=...)
  GET  /v1/{candidates,jobs,job_posts,scheduled_interviews}
                                    page/per_page, Link rel="next"/"last",
                                    updated_after=ISO filter
  GET  /v3/{...same...}             cursor paging (cursor must be alone),
                                    updated_at[gte]=ISO filter, ids=1,2
  GET  /v1/candidates/{id}          one candidate (404 when unknown)
  PATCH /v{1,3}/candidates/{id}     edit (v1 needs On-Behalf-Of)
  POST /v{1,3}/prospects            add a prospect; answers with its new id

v1 needs Basic auth (any key, empty password); v3 needs a Bearer token that
/token issued. Every request is recorded (one JSON line in DIR/requests.jsonl)
and can be read back. Control endpoints (no auth):

  GET  /_fake/requests              the recorded requests, a JSON array
  POST /_fake/reset                 forget requests, tokens and config
  POST /_fake/config {...}          page_size (overrides per_page),
                                    candidates/jobs/job_posts (how many records:
                                    the fixture's plus synthetic clones),
                                    fail_429_at [n,...] (answer 429 to the n-th
                                    list/get request, 1-based, after a reset),
                                    retry_after (seconds, default 1),
                                    fail_500_at [n,...], token_ttl (seconds),
                                    rate_remaining (X-RateLimit-Remaining)
  GET  /_fake/health                "ok"

Usage: fake_harvest.py --port P --dir D [--fixtures DIR] [--429-every N]
"""
import argparse
import base64
import copy
import json
import os
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FIXTURES = os.path.join(HERE, "..", "fixtures", "greenhouse", "harvest")
RESOURCES = {
    "candidates": "get_candidates.json",
    "jobs": "get_jobs.json",
    "job_posts": "get_job_posts.json",
    "scheduled_interviews": "get_scheduled_interviews.json",
}
SYNTH_BASE = 900000000


class State:
    def __init__(self, fixtures, every429):
        self.lock = threading.Lock()
        self.fixtures = fixtures
        self.every429 = every429
        self.reset()

    def reset(self):
        self.requests = []
        self.tokens = {}
        self.counter = 0
        self.config = {"page_size": None, "retry_after": 1, "fail_429_at": [],
                       "fail_500_at": [], "token_ttl": 3600,
                       "rate_remaining": None}
        self.data = {r: self.load(f) for r, f in RESOURCES.items()}
        self.patched = {}
        self.next_prospect = 70000001

    def load(self, name):
        with open(os.path.join(self.fixtures, name), encoding="utf-8") as f:
            return json.load(f)

    def resize(self, res, n):
        base = self.load(RESOURCES[res])
        out = base[:n]
        i = 0
        while len(out) < n:
            rec = copy.deepcopy(base[i % len(base)])
            k = len(out)
            rec["id"] = SYNTH_BASE + k
            rec["updated_at"] = "2024-01-%02dT10:00:00Z" % (1 + k % 28)
            if res == "candidates":
                rec["first_name"] = "Synth%d" % k
                rec["last_name"] = "Backfill"
                rec["email_addresses"] = [{"value": "synth%d@example.com" % k,
                                           "type": "personal"}]
                rec["phone_numbers"] = [{"value": "(212) 555-%04d" % (1000 + k),
                                         "type": "mobile"}]
                for j, a in enumerate(rec.get("applications", [])):
                    a["id"] = SYNTH_BASE + 100000 + k * 10 + j
                    a["candidate_id"] = rec["id"]
            elif res == "job_posts":
                rec["job_id"] = SYNTH_BASE + k
            out.append(rec)
            i += 1
        self.data[res] = out


STATE = None


def iso_ge(value, bound):
    """value >= bound for ISO-8601 UTC strings (normalised to seconds)."""
    def norm(s):
        s = (s or "").replace("Z", "")
        return s[:19]
    return norm(value) >= norm(bound)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    # ------------------------------------------------------------ plumbing

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def record(self, raw):
        rec = {"method": self.command, "path": self.path,
               "headers": {k.lower(): v for k, v in self.headers.items()},
               "body": raw.decode("utf-8", "replace"), "at": time.time()}
        with STATE.lock:
            STATE.requests.append(rec)
            with open(os.path.join(ARGS.dir, "requests.jsonl"), "a",
                      encoding="utf-8") as f:
                f.write(json.dumps(rec) + "\n")

    def send(self, status, obj, headers=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        rr = STATE.config.get("rate_remaining")
        if rr is not None:
            self.send_header("X-RateLimit-Limit", "50")
            self.send_header("X-RateLimit-Remaining", str(rr))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def base(self):
        return "http://%s" % self.headers.get("Host", "127.0.0.1:%d" % ARGS.port)

    # ------------------------------------------------------------ auth

    def auth_version(self, version):
        """None when authorised, else the (status, body) to answer."""
        auth = self.headers.get("Authorization", "")
        if version == "v1":
            if not auth.startswith("Basic "):
                return 401, {"message": "Invalid Basic Auth credentials"}
            try:
                user = base64.b64decode(auth[6:]).decode().split(":", 1)[0]
            except Exception:
                return 401, {"message": "Invalid Basic Auth credentials"}
            return None if user else (401, {"message": "No API key"})
        if not auth.startswith("Bearer "):
            return 401, {"error": "missing bearer token"}
        exp = STATE.tokens.get(auth[7:])
        if exp is None or exp < time.time():
            return 401, {"error": "invalid or expired token"}
        return None

    def injected_failure(self):
        with STATE.lock:
            STATE.counter += 1
            n = STATE.counter
        cfg = STATE.config
        if n in cfg["fail_429_at"] or (STATE.every429 and n % STATE.every429 == 0):
            return 429, {"message": "Rate limit exceeded"}, {
                "Retry-After": str(cfg["retry_after"]),
                "X-RateLimit-Reset": str(int(time.time()) + cfg["retry_after"])}
        if n in cfg["fail_500_at"]:
            return 500, {"message": "Internal error"}, {}
        return None

    # ------------------------------------------------------------ routes

    def do_GET(self):
        self.record(b"")
        u = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(u.query, keep_blank_values=True)
        if u.path == "/_fake/requests":
            return self.send(200, STATE.requests)
        if u.path == "/_fake/health":
            return self.send(200, "ok")
        parts = u.path.strip("/").split("/")
        if len(parts) < 2 or parts[0] not in ("v1", "v3"):
            return self.send(404, {"message": "Not found"})
        bad = self.auth_version(parts[0])
        if bad:
            return self.send(*bad)
        fail = self.injected_failure()
        if fail:
            return self.send(fail[0], fail[1], fail[2])
        res = parts[1]
        if res not in STATE.data:
            return self.send(404, {"message": "Not found"})
        if len(parts) == 3 and parts[0] == "v1":
            for rec in STATE.data[res]:
                if str(rec["id"]) == parts[2]:
                    return self.send(200, STATE.patched.get(rec["id"], rec))
            return self.send(404, {"message": "Resource not found"})
        if parts[0] == "v1":
            return self.list_v1(res, q)
        return self.list_v3(res, q)

    def select(self, res, after, ids=None):
        recs = STATE.data[res]
        if after:
            recs = [r for r in recs if iso_ge(r.get("updated_at"), after)]
        if ids:
            recs = [r for r in recs if str(r["id"]) in ids]
        return recs

    def per_page(self, q):
        ps = STATE.config.get("page_size")
        if ps:
            return int(ps)
        return max(1, min(500, int(q.get("per_page", ["100"])[0])))

    def list_v1(self, res, q):
        page = int(q.get("page", ["1"])[0])
        per = self.per_page(q)
        after = q.get("updated_after", [None])[0]
        recs = self.select(res, after)
        last = max(1, (len(recs) + per - 1) // per)
        chunk = recs[(page - 1) * per: page * per]
        links = []
        path = "%s/v1/%s" % (self.base(), res)

        def url(p):
            args = {"page": p, "per_page": per}
            if after:
                args["updated_after"] = after
            return "%s?%s" % (path, urllib.parse.urlencode(args))
        if page < last:
            links.append('<%s>; rel="next"' % url(page + 1))
        if page > 1:
            links.append('<%s>; rel="prev"' % url(page - 1))
        links.append('<%s>; rel="last"' % url(last))
        return self.send(200, chunk, {"Link": ", ".join(links)})

    def list_v3(self, res, q):
        if "cursor" in q:
            if len(q) != 1:
                return self.send(422, {"message": "cursor must be the only parameter"})
            try:
                cur = json.loads(base64.urlsafe_b64decode(q["cursor"][0]))
            except Exception:
                return self.send(422, {"message": "bad cursor"})
        else:
            ids = q.get("ids", [""])[0]
            cur = {"page": 1, "per": self.per_page(q),
                   "after": q.get("updated_at[gte]", [None])[0],
                   "ids": [i for i in ids.split(",") if i]}
        recs = self.select(res, cur["after"], cur["ids"])
        per, page = cur["per"], cur["page"]
        chunk = recs[(page - 1) * per: page * per]
        headers = {}
        if page * per < len(recs):
            nxt = dict(cur, page=page + 1)
            tok = base64.urlsafe_b64encode(json.dumps(nxt).encode()).decode()
            headers["Link"] = '<%s/v3/%s?cursor=%s>; rel="next"' % (
                self.base(), res, tok)
        return self.send(200, chunk, headers)

    def do_POST(self):
        raw = self.body()
        self.record(raw)
        u = urllib.parse.urlsplit(self.path)
        if u.path == "/_fake/reset":
            with STATE.lock:
                STATE.reset()
            open(os.path.join(ARGS.dir, "requests.jsonl"), "w").close()
            return self.send(200, {"ok": True})
        if u.path == "/_fake/config":
            cfg = json.loads(raw or b"{}")
            with STATE.lock:
                for res in ("candidates", "jobs", "job_posts",
                            "scheduled_interviews"):
                    if res in cfg:
                        STATE.resize(res, int(cfg.pop(res)))
                STATE.config.update(cfg)
            return self.send(200, STATE.config)
        if u.path == "/token":
            return self.token(raw)
        if u.path in ("/v1/prospects", "/v3/prospects"):
            return self.prospect(u.path[1:3], raw)
        return self.send(404, {"message": "Not found"})

    def token(self, raw):
        auth = self.headers.get("Authorization", "")
        form = urllib.parse.parse_qs(raw.decode())
        try:
            cid, csec = base64.b64decode(auth[6:]).decode().split(":", 1)
        except Exception:
            cid = csec = ""
        if not auth.startswith("Basic ") or not cid or not csec:
            return self.send(401, {"error": "invalid_client"})
        if form.get("grant_type") != ["client_credentials"] or not form.get("sub"):
            return self.send(400, {"error": "invalid_request"})
        tok = secrets.token_urlsafe(24)
        ttl = int(STATE.config["token_ttl"])
        STATE.tokens[tok] = time.time() + ttl
        return self.send(200, {"access_token": tok, "token_type": "Bearer",
                               "expires_in": ttl})

    def write_ok(self, version):
        bad = self.auth_version(version)
        if bad:
            return bad
        if version == "v1" and not self.headers.get("On-Behalf-Of"):
            return 403, {"message": "On-Behalf-Of header is required"}
        return None

    def prospect(self, version, raw):
        bad = self.write_ok(version)
        if bad:
            return self.send(*bad)
        try:
            req = json.loads(raw)
        except Exception:
            return self.send(400, {"message": "bad JSON"})
        resp = STATE.load("post_prospects.response.json")
        with STATE.lock:
            resp["id"] = STATE.next_prospect
            STATE.next_prospect += 1
        for k in ("first_name", "last_name", "company", "title"):
            if k in req:
                resp[k] = req[k]
        return self.send(201, resp)

    def do_PATCH(self):
        raw = self.body()
        self.record(raw)
        parts = urllib.parse.urlsplit(self.path).path.strip("/").split("/")
        if len(parts) != 3 or parts[1] != "candidates" or parts[0] not in ("v1", "v3"):
            return self.send(404, {"message": "Not found"})
        bad = self.write_ok(parts[0])
        if bad:
            return self.send(*bad)
        fail = self.injected_failure()
        if fail:
            return self.send(fail[0], fail[1], fail[2])
        try:
            req = json.loads(raw)
        except Exception:
            return self.send(400, {"message": "bad JSON"})
        for cf in req.get("custom_fields", []):
            if "name_key" not in cf and "id" not in cf:
                return self.send(422, {"message": "Validation error", "errors": [
                    {"message": "Must have an id or name_key", "field": "custom_fields"}]})
        resp = STATE.load("patch_candidate.response.json")[0]
        resp["id"] = int(parts[2])
        resp.setdefault("keyed_custom_fields", {})
        for cf in req.get("custom_fields", []):
            resp["keyed_custom_fields"][cf.get("name_key", str(cf.get("id")))] = {
                "name": cf.get("name_key"), "type": "single_select",
                "value": cf.get("value")}
        STATE.patched[int(parts[2])] = resp
        return self.send(200, resp)


def main():
    global STATE, ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--fixtures", default=os.environ.get(
        "FAKE_HARVEST_FIXTURES", DEFAULT_FIXTURES))
    ap.add_argument("--429-every", dest="every429", type=int, default=0,
                    help="answer 429 to every N-th API request (0: never)")
    ARGS = ap.parse_args()
    os.makedirs(ARGS.dir, exist_ok=True)
    STATE = State(ARGS.fixtures, ARGS.every429)
    srv = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    with open(os.path.join(ARGS.dir, "pid"), "w") as f:
        f.write(str(os.getpid()))
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


ARGS = None
if __name__ == "__main__":
    sys.exit(main())
