#!/usr/bin/env bash
# Debian packages the tests use: raptor2-utils (rapper, to check our Turtle loads in other tools), chromium
# (views tested in a real headless browser), a Java runtime (HermiT checks the ontology), virtuoso-opensource (a real SPARQL server for the remote store).
# Idempotent: installs only what is missing. Needs root (CI and the dev machines run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v rapper >/dev/null 2>&1 || missing+=(raptor2-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)  # HermiT, the OWL 2 reasoner of Protégé
if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || { echo "install-system-deps: run as root to install: ${missing[*]}" >&2; exit 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v virtuoso-t >/dev/null 2>&1 || bash .ci/install-virtuoso.sh
