#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private D-Bus session,
# so keytar talks to a real keychain in tests. Usage: dbus-run-session -- bash test/with-keyring.sh CMD...
set -euo pipefail
if ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: gnome-keyring-daemon is missing; install gnome-keyring (see README, Linux packages)." >&2
  exit 1
fi
# A throwaway keyring folder: tests never touch the user's own keychain.
keyring_home=$(mktemp -d)
export XDG_DATA_HOME="$keyring_home/data"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$keyring_home/run}"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# A non-empty password creates and unlocks the login keyring without a prompt.
eval "$(printf 'poolwatch-test' | gnome-keyring-daemon --unlock --components=secrets)"
export POOLWATCH_KEYRING_READY=1
status=0
"$@" || status=$?
# The daemon ends with the private D-Bus session; stop it early when it told us its pid.
if [ -n "${GNOME_KEYRING_PID:-}" ]; then kill "$GNOME_KEYRING_PID" 2>/dev/null || true; fi
rm -rf "$keyring_home"
exit "$status"
