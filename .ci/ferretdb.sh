#!/usr/bin/env bash
# FerretDB v1.24.2 (SQLite backend) on loopback for the MongoDB store suites.
#   bash .ci/ferretdb.sh install           builds .tools/bin/ferretdb from the Go tools module in tools/ferretdb
#   eval "$(bash .ci/ferretdb.sh start)"   starts it in a fresh temp dir and prints MONGODB_URI=mongodb://127.0.0.1:<port>/
#   bash .ci/ferretdb.sh stop              stops it and removes its temp dir
# FERRETDB_PORT picks the port (default 27018, or the next free one). Only MONGODB_URI=... goes to stdout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="$root/.tools/bin/ferretdb"
state_file="$root/.tools/ferretdb.state"

log() { printf '%s\n' "$*" >&2; }

install_ferretdb() {
  if [ -x "$binary" ] && "$binary" --version 2>/dev/null | grep -q '^version: v1.24.2$'; then
    log "ferretdb v1.24.2 already at $binary"
    return
  fi
  # FerretDB's version package embeds build/version/version.txt, which its release process generates and the module
  # zip lacks; its binary refuses to start without it. Build from a vendored copy of the pinned module so that file
  # can be written beside the sources (the module cache itself is read-only and -overlay may not touch it).
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  cp "$root/tools/ferretdb/go.mod" "$root/tools/ferretdb/go.sum" "$work/"
  (
    cd "$work"
    go mod vendor
    echo v1.24.2 >vendor/github.com/FerretDB/FerretDB/build/version/version.txt
    echo ci >vendor/github.com/FerretDB/FerretDB/build/version/package.txt
    mkdir -p "$(dirname "$binary")"
    go build -mod=vendor -trimpath -o "$binary" github.com/FerretDB/FerretDB/cmd/ferretdb
  )
  "$binary" --version >&2
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_ferretdb() {
  [ -x "$binary" ] || { log "ferretdb is not installed; run: bash .ci/ferretdb.sh install"; exit 1; }
  if [ -f "$state_file" ]; then stop_ferretdb; fi
  local port="${FERRETDB_PORT:-27018}"
  while ! port_is_free "$port"; do port=$((port + 1)); done
  local dir
  dir="$(mktemp -d -t ferretdb.XXXXXX)"
  mkdir -p "$dir/data"
  # Telemetry off by flag and environment; no debug/metrics listener; no tracing endpoint.
  FERRETDB_TELEMETRY=disable DO_NOT_TRACK=1 nohup "$binary" \
    --handler=sqlite --sqlite-url="file:$dir/data/" --state-dir="$dir" \
    --listen-addr="127.0.0.1:$port" --debug-addr=- --telemetry=disable \
    --log-level=WARN --log-format=text >"$dir/ferretdb.log" 2>&1 &
  local pid=$!
  printf 'pid=%s\nport=%s\ndir=%s\n' "$pid" "$port" "$dir" >"$state_file"
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "ferretdb exited at start; its log ($dir/ferretdb.log):"
      cat "$dir/ferretdb.log" >&2
      rm -f "$state_file"
      exit 1
    fi
    if ! port_is_free "$port"; then
      log "ferretdb (pid $pid) accepts connections on 127.0.0.1:$port; log at $dir/ferretdb.log"
      echo "MONGODB_URI=mongodb://127.0.0.1:$port/"
      return
    fi
    sleep 0.1
  done
  log "ferretdb did not accept connections on 127.0.0.1:$port within 10 s; its log:"
  cat "$dir/ferretdb.log" >&2
  stop_ferretdb
  exit 1
}

stop_ferretdb() {
  [ -f "$state_file" ] || { log "ferretdb is not running (no $state_file)"; return; }
  local pid dir
  pid="$(sed -n 's/^pid=//p' "$state_file")"
  dir="$(sed -n 's/^dir=//p' "$state_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  case "$dir" in /tmp/ferretdb.* | "${TMPDIR:-/tmp}"/ferretdb.*) rm -rf "$dir" ;; esac
  rm -f "$state_file"
  log "ferretdb stopped"
}

case "${1:-}" in
  install) install_ferretdb ;;
  start) start_ferretdb ;;
  stop) stop_ferretdb ;;
  *) log "usage: bash .ci/ferretdb.sh install|start|stop"; exit 2 ;;
esac
