#!/usr/bin/env bash
# Fuzz for SECONDS (default 600): `fuzz/run.sh [SECONDS]` the reader and the linter
# (fuzz_lint.py), `fuzz/run.sh SECONDS TARGET` one of fuzz_surfaces.py's targets (config, reports,
# options, fix). Needs atheris: pip install atheris. Each target starts from the example and case
# files; new corpus entries go to fuzz/corpus[-TARGET]/ (not committed), crashing inputs to
# fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
seconds="${1:-600}"
target="${2:-}"
corpus="$root/fuzz/corpus${target:+-$target}"
mkdir -p "$corpus" fuzz/crashes
cp -n examples/*.yaml examples/*.json tests/cases/good/* tests/cases/bad/*[!d] "$corpus"/ 2>/dev/null || true
if [ -n "$target" ]; then
  set -- fuzz/fuzz_surfaces.py "$target"
else
  set -- fuzz/fuzz_lint.py
fi
exec "${PYTHON:-python}" "$@" -max_total_time="$seconds" -rss_limit_mb=2048 \
  -timeout=60 -max_len=4096 -artifact_prefix="$root/fuzz/crashes/${target:+$target-}" \
  -print_final_stats=1 "$corpus"
