#!/usr/bin/env bash
# Runs the fixed order service (samples/OrderService.After) end to end: places orders through the outbox endpoint and
# the listen-to-yourself endpoint, kills the outbox relay mid-way, restarts it, lets the idempotent payment handler
# consume every event (duplicates included) and prints a report; exits non-zero if an event was lost or an effect
# applied twice.
#
#   scripts/sample.sh                    on the embedded in-memory engine (no prerequisites)
#   scripts/sample.sh --dynamodb-local   on DynamoDB Local (started through scripts/dynamodb-local.sh, which installs
#                                        it on first use); CONSISTENCY_DYNAMODB_ENDPOINT selects a running engine instead
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${ROOT}"
command -v dotnet >/dev/null 2>&1 || { echo "sample.sh: the .NET SDK 10 is required (https://dot.net)" >&2; exit 1; }

PROJECT="samples/OrderService.Scenario/OrderService.Scenario.csproj"
ARGS=()
case "${1:-}" in
  "") ;;
  --dynamodb-local)
    if [ -z "${CONSISTENCY_DYNAMODB_ENDPOINT:-}" ]; then
      CONSISTENCY_DYNAMODB_ENDPOINT="$(scripts/dynamodb-local.sh start)"
      export CONSISTENCY_DYNAMODB_ENDPOINT
    fi
    ARGS=(--dynamodb-local "${CONSISTENCY_DYNAMODB_ENDPOINT}")
    ;;
  *) echo "usage: $0 [--dynamodb-local]" >&2; exit 2 ;;
esac

LOG="$(mktemp)"
trap 'rm -f "${LOG}"' EXIT
if ! dotnet build "${PROJECT}" -c Release --disable-build-servers -nologo -clp:NoSummary >"${LOG}" 2>&1; then
  cat "${LOG}"
  echo "sample.sh: the sample did not build" >&2
  exit 1
fi
dotnet run --project "${PROJECT}" -c Release --no-build -- "${ARGS[@]}"
