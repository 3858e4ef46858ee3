#!/usr/bin/env bash
# Rebuilds fuzz/corpus/<target>/ (committed) from the seeds fuzz/seed.py gathers, minimised
# with afl-cmin to the smallest set of inputs that covers the same edges (hit counts aside:
# -e keeps the corpus a few MB). Needs the targets
# built (make fuzz builds them). Usage: fuzz/corpus.sh [TARGET...]; SHARED_DIR (default
# /work/shared) says where the conformance cases and JSONata's suite are.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
rm -rf seeds
python3 seed.py seeds "${SHARED_DIR:-/work/shared}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(asl jsonpath intrinsics jsonata engine)
for t in "${targets[@]}"; do
  # Inputs found by earlier runs (fuzz/out) and the crash regressions join the seeds, so
  # the minimised corpus keeps what the fuzzer learnt.
  for extra in "out/$t/default/queue" "corpus/$t"; do
    # Inputs over 4 KiB would make most of the corpus's size for little coverage.
    [ -d "$extra" ] && find "$extra" -maxdepth 1 -type f -size -4k -exec cp -n {} "seeds/$t/" \;
  done
  rm -rf "corpus/$t.new"
  nice -n "${FUZZ_NICE:-15}" cargo afl cmin -e -t "${FUZZ_TIMEOUT_MS:-2000}" -m none \
    -i "seeds/$t" -o "corpus/$t.new" -- "target/release/$t" > "seeds/$t.cmin.log" 2>&1 \
    || { tail -20 "seeds/$t.cmin.log" >&2; exit 1; }
  # The inputs of fixed findings stay, whatever their coverage: they are regressions.
  find "corpus/$t" -maxdepth 1 -name 'regression-*' -exec cp {} "corpus/$t.new/" \; 2>/dev/null || true
  rm -rf "corpus/$t"
  mv "corpus/$t.new" "corpus/$t"
  echo "$t: $(ls "corpus/$t" | wc -l) inputs, $(du -sh "corpus/$t" | cut -f1)"
done
