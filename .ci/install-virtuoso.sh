#!/usr/bin/env bash
# Install Debian's Virtuoso Open Source (virtuoso-t, isql-vt, stock virtuoso.ini) non-interactively,
# for the SPARQL-endpoint tests (tests/virtuoso.py starts its own private, loopback-only instance).
#
# Idempotent: running it again on a machine that has Virtuoso only re-checks that the distro's
# service is stopped and disabled.
#
# The distro's own instance is never left running: a policy-rc.d that refuses every start is in force
# during the install (so the package's postinst cannot start it on 0.0.0.0:8890/1111), RUN=no is set
# in /etc/default/virtuoso-opensource-7, and the init script is disabled.
#
# The dba password of that (unused) instance is preseeded with debconf-set-selections
# (keys virtuoso-opensource-7/dba-password and virtuoso-opensource-7/dba-password-again) to a random
# value that is never printed; the postinst clears it from the debconf database afterwards.
set -euo pipefail

PKG=virtuoso-opensource-7
SERVICE=virtuoso-opensource-7
POLICY=/usr/sbin/policy-rc.d

die() {
    echo "install-virtuoso: error: $*" >&2
    exit 1
}
log() { echo "install-virtuoso: $*"; }

[ "$(id -u)" -eq 0 ] || die "must run as root (apt-get install)"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script supports Debian/Ubuntu only"

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300
          -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

installed() {
    dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q "install ok installed" \
        && command -v virtuoso-t >/dev/null 2>&1
}

disable_service() {
    # Never leave the distro's instance running or enabled.
    if [ -f /etc/default/$SERVICE ]; then
        sed -i 's/^RUN=.*/RUN=no/' /etc/default/$SERVICE
    fi
    if [ -x /etc/init.d/$SERVICE ]; then
        /etc/init.d/$SERVICE stop >/dev/null 2>&1 || true
        update-rc.d $SERVICE disable >/dev/null 2>&1 || true
    fi
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        systemctl stop $SERVICE >/dev/null 2>&1 || true
        systemctl disable $SERVICE >/dev/null 2>&1 || true
    fi
    # The init script's pid file: if a distro instance still runs, fail loudly rather than leave it.
    local pidfile=/var/lib/virtuoso-opensource-7/db/virtuoso.lck
    if [ -f "$pidfile" ]; then
        local pid
        pid=$(sed -n 's/^VIRT_PID=//p' "$pidfile" 2>/dev/null || true)
        if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null; then
            die "the distro's Virtuoso service (pid $pid) is still running; stop it with /etc/init.d/$SERVICE stop"
        fi
    fi
}

if installed; then
    log "$PKG already installed ($(dpkg-query -W -f='${Version}' "$PKG")); making sure its service is disabled"
    disable_service
    log "ok: $(command -v virtuoso-t)"
    exit 0
fi

command -v debconf-set-selections >/dev/null 2>&1 || die "debconf-set-selections not found (package debconf)"

# Random password for the distro instance (never used by the tests, never printed). Fed on stdin so that
# it does not appear in any process's command line.
DBA_PW=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 32)
[ ${#DBA_PW} -eq 32 ] || die "could not generate a password"
printf '%s\n' \
    "$PKG $PKG/dba-password password $DBA_PW" \
    "$PKG $PKG/dba-password-again password $DBA_PW" \
    "$PKG $PKG/register-odbc-dsn boolean false" \
    | debconf-set-selections || die "debconf-set-selections failed"
unset DBA_PW

# Refuse every service start while installing; restore whatever policy was there before.
POLICY_BACKUP=""
restore_policy() {
    if [ -n "$POLICY_BACKUP" ] && [ -f "$POLICY_BACKUP" ]; then
        mv -f "$POLICY_BACKUP" "$POLICY"
    else
        rm -f "$POLICY"
    fi
}
if [ -e "$POLICY" ]; then
    POLICY_BACKUP=$(mktemp "$POLICY.guildgraph-backup.XXXXXX")
    cp -p "$POLICY" "$POLICY_BACKUP"
fi
trap restore_policy EXIT
printf '#!/bin/sh\n# installed temporarily by guildgraph .ci/install-virtuoso.sh\nexit 101\n' > "$POLICY"
chmod 0755 "$POLICY"

log "installing $PKG (apt-get, noninteractive)"
if ! apt-get install "${APT_OPTS[@]}" "$PKG" >/tmp/install-virtuoso.apt.log 2>&1; then
    log "apt-get install failed; retrying after apt-get update"
    apt-get update -q >>/tmp/install-virtuoso.apt.log 2>&1 || true
    if ! apt-get install "${APT_OPTS[@]}" "$PKG" >>/tmp/install-virtuoso.apt.log 2>&1; then
        tail -n 30 /tmp/install-virtuoso.apt.log >&2 || true
        die "apt-get install $PKG failed (full log: /tmp/install-virtuoso.apt.log)"
    fi
fi

# Clear the preseeded passwords in case the postinst did not get that far.
printf '%s\n' "$PKG $PKG/dba-password password " "$PKG $PKG/dba-password-again password " \
    | debconf-set-selections >/dev/null 2>&1 || true

disable_service
installed || die "$PKG installed but virtuoso-t is not on PATH"
for f in /usr/share/virtuoso-opensource-7/virtuoso.ini; do
    [ -f "$f" ] || die "missing $f after install"
done
log "ok: $(command -v virtuoso-t) ($(dpkg-query -W -f='${Version}' "$PKG")); distro service disabled"
