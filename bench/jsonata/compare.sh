#!/bin/sh
# jsonata-js 2.0.6 in node against stepwise-jsonata (criterion), over the same cases of
# JSONata's suite: ns per case for evaluation (parsed once) and for parsing, and the ratio.
#   bench/jsonata/compare.sh            (ROUNDS=20 node rounds, SECONDS_PER_BENCH=5)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$here"
[ -d node_modules/jsonata ] || npm install --no-audit --no-fund >/dev/null
js=$(node bench.js "${ROUNDS:-20}")
cd "$repo"
cargo bench -q -p stepwise-jsonata --bench suite -- \
  --warm-up-time 1 --measurement-time "${SECONDS_PER_BENCH:-5}" >/dev/null 2>&1 || { echo "cargo bench failed" >&2; exit 1; }
node -e '
const fs = require("fs");
const js = JSON.parse(process.argv[1]);
const mean = (name) => JSON.parse(fs.readFileSync(`target/criterion/${name}_suite/new/estimates.json`)).mean.point_estimate;
const rust = { evaluate: mean("evaluate") / js.cases, parse: mean("parse") / js.cases };
const row = (what, j, r) => console.log(`${what.padEnd(9)} ${String(Math.round(j)).padStart(12)} ${String(Math.round(r)).padStart(14)} ${(j / r).toFixed(1).padStart(8)}x`);
console.log(`${js.cases} cases of the JSONata suite, ns per case`);
console.log("          jsonata-js   stepwise-jsonata   faster");
row("evaluate", js.evaluate_ns_per_case, rust.evaluate);
row("parse", js.parse_ns_per_case, rust.parse);
' "$js"
