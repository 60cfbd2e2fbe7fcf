#!/usr/bin/env bash
# Fuzz the reader and the linter for SECONDS (default 600), starting from the example and case
# files. Needs atheris: pip install atheris. New corpus entries go to fuzz/corpus/ (not committed),
# crashing inputs to fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
mkdir -p fuzz/corpus fuzz/crashes
cp -n examples/*.yaml examples/*.json tests/cases/good/* tests/cases/bad/*[!d] fuzz/corpus/ 2>/dev/null || true
exec "${PYTHON:-python}" fuzz/fuzz_lint.py -max_total_time="$seconds" -rss_limit_mb=2048 \
  -timeout=10 -max_len=4096 -artifact_prefix=fuzz/crashes/ -print_final_stats=1 fuzz/corpus
