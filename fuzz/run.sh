#!/usr/bin/env bash
# Runs each fuzz target with AFL++ for FUZZ_SECONDS, one after another, then prints per
# target its executions, speed and findings (crashes: panics and stack overflows; hangs:
# inputs running past FUZZ_TIMEOUT_MS). Exits 1 when any target found something.
#
#   fuzz/run.sh [TARGET...]        (default: every target)
#   FUZZ_SECONDS=900 FUZZ_TIMEOUT_MS=2000 FUZZ_NICE=15
#
# Findings are in fuzz/out/<target>/default/{crashes,hangs}/; replay one with
#   fuzz/target/release/<target> < fuzz/out/<target>/default/crashes/id:...
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
seconds="${FUZZ_SECONDS:-900}"
timeout_ms="${FUZZ_TIMEOUT_MS:-2000}"
niceness="${FUZZ_NICE:-15}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(asl jsonpath intrinsics jsonata engine)

# AFL++ checks the machine's settings for the fastest fuzzing (CPU governor, core dumps sent
# to a program, a free core to bind to); on a shared machine or in a container none of them
# can or should be changed, and fuzzing works without them.
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1 AFL_AUTORESUME=1 AFL_SKIP_CRASHES=1
# Caches (parsed paths, the JSONata evaluator kept per thread) make runs differ slightly;
# AFL++ would log every such input.
export AFL_NO_WARN_INSTABILITY=1

dict_of() {
  case "$1" in
    asl | engine) echo dict/asl.dict ;;
    jsonpath) echo dict/jsonpath.dict ;;
    intrinsics) echo dict/intrinsics.dict ;;
    jsonata) echo dict/jsonata.dict ;;
  esac
}

stat_of() { # FILE KEY
  awk -F' *: *' -v k="$2" '$1 == k { print $2 }' "$1"
}

summary=()
found=0
for t in "${targets[@]}"; do
  [ -x "target/release/$t" ] || { echo "fuzz/target/release/$t is missing: run make fuzz" >&2; exit 2; }
  [ -d "corpus/$t" ] || { echo "fuzz/corpus/$t is missing" >&2; exit 2; }
  mkdir -p out
  echo "==> $t: ${seconds}s (log: fuzz/out/$t.log)"
  # -V: stop after this many seconds; -t: a hang is an input running longer (ms);
  # -m none: the engine's runtimes map more than AFL's default memory limit.
  nice -n "$niceness" cargo afl fuzz -V "$seconds" -t "$timeout_ms" -m none \
    -x "$(dict_of "$t")" -i "corpus/$t" -o "out/$t" -- "target/release/$t" \
    > "out/$t.log" 2>&1 || { echo "afl-fuzz failed for $t, see fuzz/out/$t.log" >&2; tail -20 "out/$t.log" >&2; exit 2; }
  stats="out/$t/default/fuzzer_stats"
  execs="$(stat_of "$stats" execs_done)"
  speed="$(stat_of "$stats" execs_per_sec)"
  run="$(stat_of "$stats" run_time)"
  paths="$(stat_of "$stats" corpus_count)"
  crashes="$(stat_of "$stats" saved_crashes)"
  hangs="$(stat_of "$stats" saved_hangs)"
  line="$(printf '%-11s %10s execs %9s/s %6ss corpus %5s crashes %s hangs %s' \
    "$t" "$execs" "$speed" "$run" "$paths" "$crashes" "$hangs")"
  echo "$line"
  summary+=("$line")
  if [ "${crashes:-0}" != 0 ] || [ "${hangs:-0}" != 0 ]; then found=1; fi
done

echo
echo "==> fuzz summary (AFL++, ${seconds}s per target, -t ${timeout_ms} ms)"
printf '%s\n' "${summary[@]}"
if [ "$found" = 1 ]; then
  echo "Findings: see fuzz/out/<target>/default/{crashes,hangs}/" >&2
  exit 1
fi
