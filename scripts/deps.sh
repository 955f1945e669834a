#!/bin/bash
# deps.sh - installs the Debian packages Loop builds, runs and tests with.
#
# Idempotent and fast when everything is present: one dpkg-query call, no
# apt-get. When something is missing it runs `apt-get update` once and installs
# only what is missing. Then runs scripts/deps-npm.sh (browser-test packages)
# when that script exists.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(
	build-essential g++ clang libclang-rt-14-dev pkg-config
	libfcgi-dev libctemplate-dev libpq-dev libcurl4-openssl-dev libjson-c-dev
	libsodium-dev libssl-dev libmagic-dev libcmocka-dev libcsv-dev
	libfreexl-dev libzip-dev libexpat1-dev
	postgresql postgresql-contrib nginx
	wrk jq curl python3 chromium nodejs procps
)

# Packages dpkg knows as fully installed ("ii"), one name per line.
installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "${pkgs[@]}" \
	2>/dev/null | awk '$1 == "ii" { print $2 }' || true)
missing=()
for p in "${pkgs[@]}"; do
	grep -qxF "$p" <<<"$installed" || missing+=("$p")
done

sudo=()
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 && sudo=(sudo) || {
		[ ${#missing[@]} -eq 0 ] || {
			echo "deps: missing ${missing[*]}; run as root or install sudo" >&2
			exit 1
		}
	}
fi

apt_install() {
	echo "deps: installing $*"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

updated=no
if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: apt-get update"
	"${sudo[@]}" apt-get update -q
	updated=yes
	apt_install "${missing[@]}"
fi

# Debian's npm conflicts with a nodejs that already ships npm (nodesource):
# only install it when there is no npm at all.
if ! command -v npm >/dev/null 2>&1; then
	[ "$updated" = yes ] || "${sudo[@]}" apt-get update -q
	apt_install npm
fi

if [ -f scripts/deps-npm.sh ]; then
	bash scripts/deps-npm.sh
fi
