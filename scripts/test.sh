#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what the tests need (DynamoDB Local and Java,
# through scripts/dynamodb-local.sh), builds the solution with warnings as errors, then runs all test projects.
#
# The tests run inside a private network namespace when the machine allows it: only the loopback interface
# exists there, so DynamoDB Local (which has no option to choose its listening address) is reachable from this
# machine's loopback only, and no test can reach the network.
#
#   scripts/test.sh                 everything
#   scripts/test.sh --filter EXPR   pass a dotnet test filter (e.g. FullyQualifiedName~DualWrite)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${ROOT}"

FILTER=()
if [ "${1:-}" = "--filter" ] && [ -n "${2:-}" ]; then
  FILTER=(--filter "$2")
fi

command -v dotnet >/dev/null 2>&1 || { echo "test.sh: the .NET SDK 10 is required (https://dot.net)" >&2; exit 1; }

echo "== installing test prerequisites"
scripts/dynamodb-local.sh install

echo "== restoring and building (warnings are errors)"
dotnet restore Consistency.Tooling.sln
dotnet build Consistency.Tooling.sln -c Release --no-restore -warnaserror --disable-build-servers -nologo -clp:NoSummary

RESULTS="${ROOT}/artifacts/test-results"
rm -rf "${RESULTS}"
mkdir -p "${RESULTS}"
export RESULTS

run_tests() {
  set -euo pipefail
  ip link set lo up 2>/dev/null || true
  CONSISTENCY_DYNAMODB_ENDPOINT="$(scripts/dynamodb-local.sh start)"
  export CONSISTENCY_DYNAMODB_ENDPOINT
  trap 'scripts/dynamodb-local.sh stop >/dev/null 2>&1 || true' EXIT
  dotnet test Consistency.Tooling.sln -c Release --no-build --disable-build-servers \
    --logger "trx" --results-directory "${RESULTS}" "$@"
}
export -f run_tests

echo "== running tests"
status=0
if [ "${CONSISTENCY_NO_NETNS:-}" != "1" ] && unshare --net true 2>/dev/null; then
  unshare --net bash -c 'run_tests "$@"' run_tests "${FILTER[@]}" || status=$?
else
  echo "test.sh: no private network namespace here; running on the host network" >&2
  bash -c 'run_tests "$@"' run_tests "${FILTER[@]}" || status=$?
fi

# One closing line over all test assemblies, counted from the result files.
python3 - "${RESULTS}" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit "${status}"
