#!/usr/bin/env bash
# Compares the analyzers' cost between two versions in paired rounds on this machine (see PairedComparison in
# benchmarks/Analyzers.Benchmarks): the base revision, the other version, and the base again as an A/A control that
# shows how far two identical builds land apart here.
#
#   scripts/compare.sh BASE_REV                  the working tree against BASE_REV
#   scripts/compare.sh BASE_REV OTHER_REV        OTHER_REV against BASE_REV
#   scripts/compare.sh BASE_REV -- --rules CH0001 --scale 16 --rounds 15    options after -- go to the comparison
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${ROOT}"

if [[ $# -lt 1 || "$1" == "--" ]]; then
  echo "usage: scripts/compare.sh BASE_REV [OTHER_REV] [-- comparison options]" >&2
  exit 2
fi
BASE="$1"; shift
OTHER=""
if [[ $# -gt 0 && "$1" != "--" ]]; then OTHER="$1"; shift; fi
if [[ $# -gt 0 && "$1" == "--" ]]; then shift; fi

WORK="$(mktemp -d)"
cleanup() {
  for tree in "${WORK}"/tree-*; do
    [[ -d "${tree}" ]] && git worktree remove --force "${tree}" >/dev/null 2>&1 || true
  done
  rm -rf "${WORK}"
}
trap cleanup EXIT

# Builds the analyzers of a checkout into a directory of their own.
build_into() {
  local source="$1" target="$2"
  dotnet build "${source}/src/Analyzers/Analyzers" -c Release -nologo -v:q -clp:NoSummary >/dev/null
  mkdir -p "${target}"
  cp "${source}"/src/Analyzers/Analyzers/bin/Release/netstandard2.0/Consistency.*.dll "${target}/"
}

# Builds the analyzers of a revision, in a worktree of its own.
build_revision() {
  local revision="$1" target="$2" tree="${WORK}/tree-$3"
  git worktree add --detach "${tree}" "${revision}" >/dev/null 2>&1
  build_into "${tree}" "${target}"
}

build_revision "${BASE}" "${WORK}/base" base
cp -r "${WORK}/base" "${WORK}/base-again"
if [[ -n "${OTHER}" ]]; then
  build_revision "${OTHER}" "${WORK}/other" other
else
  build_into "${ROOT}" "${WORK}/other"
fi

echo "build 0: ${BASE}; build 1: ${OTHER:-the working tree}; build 2: ${BASE} again (A/A control)"
dotnet build benchmarks/Analyzers.Benchmarks -c Release -nologo -v:q -clp:NoSummary
dotnet run -c Release --no-build --project benchmarks/Analyzers.Benchmarks -- --compare "${WORK}/base" "${WORK}/other" "${WORK}/base-again" "$@"
