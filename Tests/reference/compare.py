#!/usr/bin/env python3
"""Compares tidesim with the reference implementation on a scenario: for every KPI, the difference
of the means in units of its standard error (z). |z| < 4 for every KPI is agreement.

    python3 Tests/reference/compare.py SCENARIO.json REPLICATIONS
"""
import json, math, subprocess, sys

path, reps = sys.argv[1], sys.argv[2]
ref = json.loads(subprocess.run([sys.executable, __file__.replace("compare.py", "reference_model.py"), path, reps],
                                capture_output=True, text=True, check=True).stdout)
doc = json.loads(subprocess.run([".build/release/tidesim", "run", path, "--policy", "none", "--replications", reps, "--json"],
                                capture_output=True, text=True, check=True).stdout)
n = int(reps)
worst = 0.0
rows = []
def check(what, ours, theirs):
    global worst
    se_ours = (ours["sd"] or 0) / math.sqrt(n)
    se = math.hypot(se_ours, theirs["se"])
    diff = ours["mean"] - theirs["mean"]
    z = 0.0 if se == 0 and diff == 0 else (math.inf if se == 0 else diff / se)
    worst = max(worst, abs(z))
    rows.append((what, ours["mean"], theirs["mean"], z))
for key, s in ref["system"].items():
    check(key, doc["system"][key], s)
for zone in doc["zones"]:
    for key, s in ref["zones"][zone["id"]].items():
        check(f'{zone["id"]}.{key}', zone[key], s)
for what, a, b, z in rows:
    print(f"{what:40s} tidesim {a:14.3f}  reference {b:14.3f}  z {z:6.2f}")
print(f"{len(rows)} KPIs, largest |z| = {worst:.2f}: {'agreement' if worst < 4 else 'DISAGREEMENT'}")
