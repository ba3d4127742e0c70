#!/usr/bin/env bash
# The main job: builds the sample order service (samples/OrderService.Before) with the analyzers and shows the
# consistency diagnostics (CHxxxx) the compiler reports, as a user sees them in `dotnet build` and in the IDE.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${ROOT}"
command -v dotnet >/dev/null 2>&1 || { echo "demo.sh: the .NET SDK 10 is required (https://dot.net)" >&2; exit 1; }

SAMPLE="samples/OrderService.Before/OrderService.Before.csproj"
LOG="$(mktemp)"
trap 'rm -f "${LOG}"' EXIT

echo "Building ${SAMPLE} ..."
if ! dotnet build "${SAMPLE}" -c Release --no-incremental --disable-build-servers -nologo -clp:NoSummary >"${LOG}" 2>&1; then
  cat "${LOG}"
  echo "demo.sh: the sample did not build" >&2
  exit 1
fi

# One line per diagnostic: file(line,col): severity id: message
DIAGNOSTICS="$(grep -E '(warning|error|info) CH[0-9]{4}' "${LOG}" | sed -E "s#^${ROOT}/##; s# \[[^]]*\]\$##" | sort -u || true)"
COUNT="$(printf '%s' "${DIAGNOSTICS}" | grep -c . || true)"

echo
echo "Consistency diagnostics in the sample (${COUNT}):"
echo
if [ -n "${DIAGNOSTICS}" ]; then
  printf '%s\n' "${DIAGNOSTICS}" | sed 's/^/  /'
fi
echo
echo "Each id has a page under docs/rules/. Fix them in the IDE (Ctrl+.) or turn them into build errors with"
echo "  dotnet build -warnaserror:CH0001"
