#!/usr/bin/env bash
# Runs every test brink has: unit and integration tests (release profile, so the
# binary the integration tests spawn is the one users run), the knowledge-base
# check, and the dashboard's browser test. Prints one closing line:
#   "tests: N passed, M failed"
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

log=$(mktemp)
status=0

echo "== cargo test --release --workspace"
cargo test --release --workspace --locked --no-fail-fast 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

passed=$(grep -E '^test result:' "$log" | sed -E 's/.* ([0-9]+) passed.*/\1/' | paste -sd+ - | bc)
failed=$(grep -E '^test result:' "$log" | sed -E 's/.* ([0-9]+) failed.*/\1/' | paste -sd+ - | bc)
passed=${passed:-0}
failed=${failed:-0}

echo "== brink kb check"
if ./target/release/brink kb check; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

if [ -x tests/browser/run.sh ] && [ "${BRINK_SKIP_BROWSER:-0}" != 1 ]; then
  echo "== browser test"
  if bash tests/browser/run.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
fi

if [ -d ../shared/seeds ]; then
  echo "== development set (../shared/seeds)"
  out=$(mktemp)
  ./target/release/brink extract --format jsonl ../shared/seeds > "$out" && \
    python3 ../shared/eval/score.py ../shared/gold/seeds "$out" | tail -1
  rm -f "$out"
fi

rm -f "$log"
echo "tests: $passed passed, $failed failed"
exit $status
