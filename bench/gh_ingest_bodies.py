#!/usr/bin/env python3
"""gh_ingest_bodies.py - signed candidate_stage_change bodies for gh_ingest.

Usage: GH_SECRET=KEY gh_ingest_bodies.py FIXTURE CANDIDATES STAGES SEED OUT

Writes "<hex HMAC-SHA256>\\t<body>" lines. Every candidate's first stage
(which creates the person and the application) goes to SEED; their later
stages go to OUT in stage-major order, so that OUT is what Greenhouse
mostly sends: a known candidate moving to a new stage at a later time.
Bodies are compact with <, > escaped as \\u003c, \\u003e, as Greenhouse
sends (and signs) them.
"""
import copy
import hashlib
import hmac
import json
import os
import sys


def main():
    fixture, ncand, nstages, seed_path, out_path = sys.argv[1:6]
    ncand, nstages = int(ncand), int(nstages)
    base = json.load(open(fixture, encoding="utf-8"))
    key = os.environ["GH_SECRET"].encode()
    with open(seed_path, "w") as seed, open(out_path, "w") as out:
        for s in range(nstages):
            for k in range(ncand):
                d = copy.deepcopy(base)
                a = d["payload"]["application"]
                c = a["candidate"]
                a["id"], c["id"] = 10_000_000 + k, 20_000_000 + k
                a["current_stage"]["id"] = 80_000 + s
                a["current_stage"]["name"] = "Stage %d" % s
                a["last_activity_at"] = "2024-%02d-%02dT%02d:%02d:%02dZ" % (
                    1 + s // 28, 1 + s % 28, k // 3600 % 24, k // 60 % 60,
                    k % 60)
                c["first_name"], c["last_name"] = "Bench%d" % k, "Ingest"
                c["email_addresses"] = [{"value": "bench%d@example.com" % k,
                                         "type": "personal"}]
                c["phone_numbers"] = [{"value": "(212) 5%02d-%04d" % (
                    k // 10000 % 100, k % 10000), "type": "mobile"}]
                body = json.dumps(d, separators=(",", ":"))
                body = body.replace("<", "\\u003c").replace(">", "\\u003e")
                sig = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
                (seed if s == 0 else out).write(sig + "\t" + body + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
