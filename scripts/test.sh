#!/usr/bin/env bash
# npm test: typecheck, lint, the Electron security gate, vitest (unit + integration), the packaged
# CLI and the browser tests, inside a real headless OS keychain session when no session bus exists.
# Writes test-results/summary.txt with the plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -z "${FACILITY_SYNC_KEYRING_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "npm test needs $tool for the real OS keychain. On Debian/Ubuntu: sudo apt-get install -y dbus gnome-keyring libsecret-1-dev" >&2
      exit 1
    fi
  done
  XDG_DATA_HOME="$(mktemp -d)"; XDG_RUNTIME_DIR="$(mktemp -d)"; chmod 700 "$XDG_RUNTIME_DIR"
  export XDG_DATA_HOME XDG_RUNTIME_DIR FACILITY_SYNC_KEYRING_SESSION=1
  exec dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec bash scripts/test.sh "$@"' sh "$@"
fi

mkdir -p test-results
# Results of an earlier run must not count: a runner that does not finish leaves no file.
rm -f test-results/gates.jsonl test-results/vitest.json test-results/package.json test-results/e2e.json
gate() { # name, command...
  local name="$1"; shift
  echo "::: $name"
  if "$@"; then echo "{\"name\":\"$name\",\"ok\":true}" >> test-results/gates.jsonl
  else echo "{\"name\":\"$name\",\"ok\":false}" >> test-results/gates.jsonl; echo "::: FAILED: $name"; fi
}

gate typecheck npm run --silent typecheck
gate lint npm run --silent lint
gate build npm run --silent build
gate security-gate node scripts/security-gate.mjs
gate vitest npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
# The built CLI from an `npm ci --omit=dev` install (builds better-sqlite3: alone, not beside vitest).
gate package npx vitest run --config vitest.package.config.ts --reporter=default --reporter=json --outputFile.json=test-results/package.json
# Benchmarks print figures; in CI they run at a small size and only have to complete.
gate bench-small env BENCH_SIZE=small npm run -s bench
gate e2e npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile.json=test-results/e2e.json
node scripts/summarize-tests.mjs
