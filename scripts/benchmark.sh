#!/usr/bin/env bash
# Prints the analyzers' and generators' cost: analyzer execution time as a ratio to the compiler's binding time on
# large compilations of generated service code (1x, 4x, 16x), the same ratio from `dotnet build
# -p:ReportAnalyzer=true` on a generated multi-project solution, the analyzers' cost per edit of one document in an
# editor, and the generator's cost per edit.
#
#   scripts/benchmark.sh            everything (a few minutes on 2 cores)
#   scripts/benchmark.sh --quick    1x and 4x only, one repetition (after the same warm-up)
#   scripts/benchmark.sh --scales 4,16 --no-build-run    the in-process measurement at those scales, without the build
#   CONSISTENCY_ROBUSTNESS_SIZE=large dotnet test tests/Robustness.Tests   the release-sized robustness run
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${ROOT}"
dotnet build benchmarks/Analyzers.Benchmarks -c Release -nologo -v:q -clp:NoSummary
dotnet run -c Release --no-build --project benchmarks/Analyzers.Benchmarks -- "$@"
