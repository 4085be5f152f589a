#!/usr/bin/env python3
"""Hold-out check of `tidesim calibrate` on Bay Area Bike Share 2014 (docs/validation.md).

    zcat ../shared/data/bayarea-bikeshare-2014/trips_2014.csv.gz > /tmp/trips.csv
    tidesim calibrate /tmp/trips.csv --zones scenarios/bayarea-2014-stations.json --out /tmp/h1.json \
        --from 2014-01-01 --to 2014-06-30
    python3 docs/validation/bayarea_holdout.py /tmp/h1.json /tmp/trips.csv

Compares the calibrated weekday (January-June) with the observed average weekday of July-December:
departures and arrivals per station and hour. Error: WAPE = sum |predicted - observed| / sum
observed over station-hours. Naive baseline beside it: each station's January-June departures
(arrivals) per weekday, spread over the hours by the whole system's January-June shape.
Standard library only; a check of tidesim's output, not part of tidesim.
"""
import csv, datetime, json, sys
from collections import defaultdict

scenario_path, trips_path = sys.argv[1], sys.argv[2]
sc = json.load(open(scenario_path))
profiles = {k: [w / sum(v) for w in v] for k, v in sc["demand"]["profiles"].items()}
flows = sc["demand"]["flows"]
zones = {z["id"]: z for z in sc["zones"]}

pred_dep = defaultdict(float); pred_arr = defaultdict(float)
for f in flows:
    shares = profiles[f["profile"]]
    shift = (f.get("minutes") or 10) / 60          # arrivals: the profile moved by the ride time
    for h, s in enumerate(shares):
        pred_dep[(f["from"], h)] += f["tripsPerDay"] * s
        lo = int(h + shift); frac = h + shift - lo    # spread over the two hours it falls in
        pred_arr[(f["to"], lo % 24)] += f["tripsPerDay"] * s * (1 - frac)
        pred_arr[(f["to"], (lo + 1) % 24)] += f["tripsPerDay"] * s * frac

def day_hour(t):
    d = datetime.datetime.strptime(t, "%Y-%m-%d %H:%M:%S")
    return d, d.hour

obs = {"H1": (defaultdict(float), defaultdict(float), set()), "H2": (defaultdict(float), defaultdict(float), set())}
for r in csv.DictReader(open(trips_path)):
    s, h = day_hour(r["start_date"])
    if s.weekday() >= 5 or r["start_terminal"] not in zones or r["end_terminal"] not in zones:
        continue
    half = "H1" if s.month <= 6 else "H2"
    dep, arr, days = obs[half]
    days.add(s.date())
    dep[(r["start_terminal"], h)] += 1
    e, eh = day_hour(r["end_date"])
    arr[(r["end_terminal"], eh)] += 1

def weekdays(first, last):
    d, n = first, 0
    while d <= last:
        n += d.weekday() < 5
        d += datetime.timedelta(days=1)
    return n

n1 = weekdays(datetime.date(2014, 1, 1), datetime.date(2014, 6, 30))
n2 = weekdays(datetime.date(2014, 7, 1), datetime.date(2014, 12, 31))
keys = [(z, h) for z in zones for h in range(24)]

def wape(pred, obs):
    return sum(abs(pred.get(k, 0) - obs.get(k, 0)) for k in keys) / sum(obs.get(k, 0) for k in keys)

def rmse(pred, obs):
    return (sum((pred.get(k, 0) - obs.get(k, 0)) ** 2 for k in keys) / len(keys)) ** 0.5

for what, pred, i in (("departures", pred_dep, 0), ("arrivals", pred_arr, 1)):
    h1 = {k: v / n1 for k, v in obs["H1"][i].items()}
    h2 = {k: v / n2 for k, v in obs["H2"][i].items()}
    total_h1 = defaultdict(float); shape = [0.0] * 24
    for (z, h), v in h1.items():
        total_h1[z] += v; shape[h] += v
    shape = [x / sum(shape) for x in shape]
    naive = {(z, h): total_h1[z] * shape[h] for z in zones for h in range(24)}
    print(f"{what}: observed Jul-Dec {sum(h2.values()):.1f}/weekday, calibrated Jan-Jun {sum(pred.values()):.1f}; "
          f"WAPE calibrated {wape(pred, h2):.3f}, naive {wape(naive, h2):.3f}, Jan-Jun itself {wape(h1, h2):.3f}; "
          f"RMSE per station-hour calibrated {rmse(pred, h2):.3f}, naive {rmse(naive, h2):.3f}")
