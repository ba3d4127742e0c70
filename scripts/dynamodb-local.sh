#!/usr/bin/env bash
# Installs and runs DynamoDB Local for the runtime tests and local development.
#
#   scripts/dynamodb-local.sh start     start an in-memory engine (idempotent) and print its endpoint
#   scripts/dynamodb-local.sh stop      stop the engine this script started
#   scripts/dynamodb-local.sh endpoint  print the endpoint of the running engine (exit 1 if none)
#   scripts/dynamodb-local.sh status    say whether it runs
#   scripts/dynamodb-local.sh install   only download what is needed
#
# The engine comes from the npm package amplify-dynamodb-simulator, which ships DynamoDBLocal.jar, so that only
# the npm registry and Debian packages are needed. Everything is cached under .tools/ (git-ignored).
#
# Network exposure: DynamoDB Local has no flag to choose the listening address; it listens on every interface.
# The engine runs in memory, accepts any credentials and is meant for a developer machine or CI: use a firewall
# if the machine is reachable from elsewhere. The endpoint printed is always 127.0.0.1.
#
# Environment: DYNAMODB_LOCAL_PORT forces a port (default: the first free port from 8000 upwards).
set -euo pipefail

readonly SIMULATOR_VERSION="2.9.30"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly TOOLS="${ROOT}/.tools/dynamodb-local"
readonly DIST="${TOOLS}/amplify-dynamodb-simulator-${SIMULATOR_VERSION}"
readonly JAR_DIR="${DIST}/package/emulator"
readonly PID_FILE="${TOOLS}/dynamodb-local.pid"
readonly PORT_FILE="${TOOLS}/dynamodb-local.port"
readonly LOG_FILE="${TOOLS}/dynamodb-local.log"
readonly LOCK_FILE="${TOOLS}/dynamodb-local.lock"

log() { echo "dynamodb-local: $*" >&2; }

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  ${sudo} apt-get update -qq >&2 && ${sudo} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

ensure_java() {
  if command -v java >/dev/null 2>&1; then
    return
  fi
  log "java not found; installing openjdk-17-jre-headless"
  apt_install openjdk-17-jre-headless
}

ensure_jar() {
  if [ -f "${JAR_DIR}/DynamoDBLocal.jar" ]; then
    return
  fi
  if ! command -v npm >/dev/null 2>&1; then
    log "npm not found; installing npm"
    apt_install npm
  fi
  log "downloading amplify-dynamodb-simulator@${SIMULATOR_VERSION}"
  local staging
  staging="$(mktemp -d "${TOOLS}/download.XXXXXX")"
  (cd "${staging}" && npm pack --silent "amplify-dynamodb-simulator@${SIMULATOR_VERSION}" >/dev/null 2>&1)
  mkdir -p "${staging}/unpacked"
  tar -xzf "${staging}"/amplify-dynamodb-simulator-*.tgz -C "${staging}/unpacked"
  if [ ! -f "${staging}/unpacked/package/emulator/DynamoDBLocal.jar" ]; then
    log "the package does not contain package/emulator/DynamoDBLocal.jar"
    rm -rf "${staging}"
    exit 1
  fi
  rm -rf "${DIST}"
  mv "${staging}/unpacked" "${DIST}"
  rm -rf "${staging}"
}

running_pid() {
  [ -f "${PID_FILE}" ] || return 1
  local pid
  pid="$(cat "${PID_FILE}")"
  [ -n "${pid}" ] && kill -0 "${pid}" 2>/dev/null || return 1
  # Guard against a recycled pid that belongs to something else.
  grep -q "DynamoDBLocal.jar" "/proc/${pid}/cmdline" 2>/dev/null || return 1
  echo "${pid}"
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  if [ -n "${DYNAMODB_LOCAL_PORT:-}" ]; then
    echo "${DYNAMODB_LOCAL_PORT}"
    return
  fi
  local port
  for port in $(seq 8000 8999); do
    if port_is_free "${port}"; then
      echo "${port}"
      return
    fi
  done
  log "no free port between 8000 and 8999"
  exit 1
}

answers() {
  if ! command -v curl >/dev/null 2>&1; then
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    return
  fi
  # Any HTTP answer means the engine is up; an unsigned request gets a 400 with a JSON error body.
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -X POST \
    -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
    --data '{}' "http://127.0.0.1:$1/" 2>/dev/null || true)"
  [ -n "${code}" ] && [ "${code}" != "000" ]
}

start() {
  mkdir -p "${TOOLS}"
  exec 9>"${LOCK_FILE}"
  flock 9
  local pid
  if pid="$(running_pid)"; then
    echo "http://127.0.0.1:$(cat "${PORT_FILE}")"
    return
  fi
  ensure_java
  ensure_jar
  local port
  port="$(pick_port)"
  log "starting on port ${port}"
  # The engine writes dynamodb-local-metadata.json into its working directory: keep it in the cache.
  cd "${TOOLS}"
  # setsid detaches the engine from the caller's process group so that it outlives the shell that started it;
  # 9>&- keeps the start lock out of the engine, or the next start would wait for the engine to exit.
  setsid java -Xmx512m -Djava.library.path="${JAR_DIR}/DynamoDBLocal_lib" -jar "${JAR_DIR}/DynamoDBLocal.jar" \
    -inMemory -port "${port}" -disableTelemetry >"${LOG_FILE}" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "${pid}" >"${PID_FILE}"
  echo "${port}" >"${PORT_FILE}"
  local waited=0
  until answers "${port}"; do
    if ! kill -0 "${pid}" 2>/dev/null; then
      log "the engine exited; log follows"
      cat "${LOG_FILE}" >&2
      rm -f "${PID_FILE}" "${PORT_FILE}"
      exit 1
    fi
    if [ "${waited}" -ge 600 ]; then
      log "the engine did not answer within 60 s"
      kill "${pid}" 2>/dev/null || true
      rm -f "${PID_FILE}" "${PORT_FILE}"
      exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  echo "http://127.0.0.1:${port}"
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    # Forget the engine first: a caller that exits while we wait must not leave stale files behind.
    rm -f "${PID_FILE}" "${PORT_FILE}"
    kill "${pid}"
    local waited=0
    while kill -0 "${pid}" 2>/dev/null && [ "${waited}" -lt 100 ]; do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -0 "${pid}" 2>/dev/null && kill -9 "${pid}" 2>/dev/null || true
    log "stopped (pid ${pid})"
  fi
  rm -f "${PID_FILE}" "${PORT_FILE}"
}

endpoint() {
  if running_pid >/dev/null; then
    echo "http://127.0.0.1:$(cat "${PORT_FILE}")"
  else
    log "not running"
    exit 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  endpoint) endpoint ;;
  status) if running_pid >/dev/null; then echo "running: $(endpoint)"; else echo "stopped"; fi ;;
  install) mkdir -p "${TOOLS}"; ensure_java; ensure_jar; echo "${JAR_DIR}/DynamoDBLocal.jar" ;;
  *) echo "usage: $0 {start|stop|endpoint|status|install}" >&2; exit 2 ;;
esac
