#!/usr/bin/env bash
# The whole suite, as CI runs it: typecheck, lint, build, unit + integration (node:test, real Secret Service),
# the fault suite (a table of faults x pools), then end-to-end (Playwright driving Debian's Chromium against the
# headless server and the simulators).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${POOLWATCH_KEYRING_READY:-}" ]; then
  if ! command -v dbus-run-session >/dev/null; then
    echo "run-all: dbus-run-session is missing; install dbus (see README, Linux packages)." >&2
    exit 1
  fi
  exec dbus-run-session -- bash test/with-keyring.sh bash "$0" "$@"
fi
echo "== typecheck"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== build"; npm run --silent build
echo "== unit and integration"; node test/run-node-tests.mjs unit integration
echo "== faults (every pool simulator x every fault)"; npm run --silent test:faults
echo "== end-to-end"; npx playwright test
