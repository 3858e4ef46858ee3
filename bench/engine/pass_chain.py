#!/usr/bin/env python3
"""Writes the engine benchmark's 1,000-Pass chain (`pass_chain(1000)` in
crates/engine/benches/engine.rs) as a definition file, for timing `stepwise run` on it:

    python3 bench/engine/pass_chain.py > /tmp/pass_chain_1000.asl.json
    stepwise run /tmp/pass_chain_1000.asl.json --input '{"value": 1}' --format json --history /tmp/h.json
"""
import json
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
states = {}
for i in range(n):
    state = {"Type": "Pass", "Parameters": {"step": i, "value.$": "$.value"}, "ResultPath": "$.last"}
    if i + 1 == n:
        state["End"] = True
    else:
        state["Next"] = f"P{i + 1}"
    states[f"P{i}"] = state
json.dump({"StartAt": "P0", "States": states}, sys.stdout, indent=1)
print()
