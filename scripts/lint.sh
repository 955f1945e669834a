#!/bin/bash
# lint.sh - checks the STYLE.md rules marked "must" (run by `make lint`).
#
# Fails on: banned libc calls; a .c file whose last #include is not banned.h;
# PQexec( / PQescape* outside src/db.c; SQL text assembled with buf_add*;
# a template not starting with the HTML AUTOESCAPE pragma or using :none;
# defining a name in a linked library's namespace (json_ curl_ PQ FCGX_ ...);
# a shell script bash cannot parse. Warns on source files over 600 lines.
# Comments and string literals are blanked before the C checks, so prose that
# mentions strcpy( does not trip them. Prints `lint: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

py=$(command -v python3) || { echo "lint: python3 missing (scripts/deps.sh)"; exit 2; }

"$py" - "$@" <<'EOF'
import os, re, subprocess, sys

CODE_DIRS = ["src", "cgi-bin", "tools"]
EXTS = (".c", ".h", ".cc")
BANNED = ["strcpy", "strcat", "strncpy", "sprintf", "vsprintf", "strtok",
          "atoi", "gets", "gmtime", "localtime"]
LIB_PREFIX = r"(?:json_|curl_|PQ|FCGX_|FCGI_|crypto_|sodium_|EVP_|HMAC|magic_|csv_|zip_|XML_)"
MAX_LINES = 600
PRAGMA = '{{%AUTOESCAPE context="HTML"}}'

def files(dirs, exts):
    out = []
    for d in dirs:
        for root, subdirs, names in os.walk(d):
            subdirs[:] = sorted(s for s in subdirs if s not in ("node_modules", ".git"))
            for n in sorted(names):
                if n.endswith(exts):
                    out.append(os.path.join(root, n))
    return out

def strip_c(text, keep_strings=False):
    """Blank comments (and string/char literals unless keep_strings),
    keeping every newline so line numbers survive."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            lit = text[i:j]
            out.append(lit if keep_strings else c + " " * max(len(lit) - 2, 0) + (c if len(lit) > 1 else ""))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)

def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()

checks = []	# (name, [failure lines])
warnings = []

code_files = files(CODE_DIRS, EXTS)
blank = {}	# path -> text without comments and strings
nocomment = {}	# path -> text without comments
orig = {}	# path -> lines as written, for messages
for p in code_files:
    t = read(p)
    orig[p] = t.split("\n")
    blank[p] = strip_c(t)
    nocomment[p] = strip_c(t, keep_strings=True)

def grep(texts, pattern, skip=()):
    rx = re.compile(pattern)
    hits = []
    for p, t in texts.items():
        if p in skip:
            continue
        for ln, line in enumerate(t.split("\n"), 1):
            if rx.search(line):
                hits.append((p, ln, "%s:%d: %s" % (p, ln, orig[p][ln - 1].strip())))
    return [h[2] for h in sorted(set(hits))]

# 1. Banned libc calls.
checks.append(("no banned libc calls (" + " ".join(BANNED) + ")",
    grep(blank, r"\b(?:%s)\s*\(" % "|".join(BANNED), skip={"src/banned.h"})))

# 2. banned.h is the last #include of every .c file.
bad = []
for p in code_files:
    if not p.endswith(".c"):
        continue
    incs = [(ln, l.strip()) for ln, l in enumerate(nocomment[p].split("\n"), 1)
            if re.match(r"\s*#\s*include\b", l)]
    if not incs or not re.search(r'["<](?:[^">]*/)?banned\.h[">]', incs[-1][1]):
        last = "%d: %s" % incs[-1] if incs else "no #include at all"
        bad.append("%s:%s (last #include must be \"banned.h\")" % (p, last))
checks.append(('every .c file includes "banned.h" last', bad))

# 3. SQL only through db.c with parameters.
checks.append(("no PQexec( or PQescape* outside src/db.c",
    grep(blank, r"\bPQexec\s*\(|\bPQescape\w*", skip={"src/db.c"})))
checks.append(("no SQL assembled with buf_add*",
    grep(nocomment, r'\bbuf_add\w*\s*\(.*"\s*(?:SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|WITH)\s',
         skip={"src/db.c"})))

# 4. Templates escape.
bad = []
for p in files(["templates"], (".tpl",)):
    lines = read(p).split("\n")
    if lines[0].rstrip("\r \t") != PRAGMA:
        bad.append("%s:1: first line must be %s" % (p, PRAGMA))
    for ln, l in enumerate(lines, 1):
        if re.search(r"\{\{[^}]*:none\b", l):	# a modifier, not CSS
            bad.append("%s:%d: uses :none: %s" % (p, ln, l.strip()))
checks.append(("templates start with the HTML AUTOESCAPE pragma, no :none", bad))

# 5. Our names stay out of the libraries' namespaces.
hits = grep(blank, r"^%s\w*\s*\(" % LIB_PREFIX)				# K&R definition
hits += grep(blank, r"^(?!return\b|else\b)[A-Za-z_][\w \t\*]*[\s\*]%s\w*\s*\(" % LIB_PREFIX)
hits += grep(blank, r"^\s*#\s*define\s+%s\w*" % LIB_PREFIX)
hits += grep(blank, r"^\s*(?:typedef\s+)?(?:struct|enum|union)\s+%s\w*\s*\{" % LIB_PREFIX)
checks.append(("no definitions named like a library's (json_ curl_ PQ FCGX_ crypto_ sodium_ EVP_ HMAC magic_ csv_ zip_ XML_)",
    hits))

# 6. Shell scripts parse.
bad = []
for p in files(["scripts", "tests", ".ci", "bench"], (".sh",)) + \
        [f for f in (".ci/run", "tests/integration/run.sh") if os.path.exists(f)]:
    r = subprocess.run(["bash", "-n", p], capture_output=True, text=True)
    if r.returncode != 0:
        bad.append("%s: %s" % (p, r.stderr.strip()))
checks.append(("shell scripts parse (bash -n)", sorted(set(bad))))

# Warnings: long files.
for p in code_files:
    n = read(p).count("\n")
    if n > MAX_LINES:
        warnings.append("%s has %d lines (STYLE.md: split by concern under ~%d)" % (p, n, MAX_LINES))

passed = failed = 0
for name, fails in checks:
    if fails:
        failed += 1
        print("FAIL %s" % name)
        for f in fails[:50]:
            print("     %s" % f)
        if len(fails) > 50:
            print("     ... and %d more" % (len(fails) - 50))
    else:
        passed += 1
        print("ok   %s" % name)
for w in warnings:
    print("warn %s" % w)
print("lint: %d passed, %d failed%s" % (passed, failed,
      ", %d warnings" % len(warnings) if warnings else ""))
sys.exit(1 if failed else 0)
EOF
