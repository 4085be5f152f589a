#!/usr/bin/env python3
"""Builds scenarios/sf-bayarea-2014.json from the Bay Area Bike Share 2014 open data (CC0), kept in
../shared/data/bayarea-bikeshare-2014 beside the project.

    python3 scenarios/data/make_sf_bayarea.py ../shared/data/bayarea-bikeshare-2014 > scenarios/sf-bayarea-2014.json

Zones are the San Francisco stations (docked: a full station refuses returns), with their dock
counts as capacity. Flows are every station pair's average trips per weekday in 2014 (Monday to
Friday) between San Francisco stations, with the pair's mean ride time (rides over two hours
left out). Each flow gets one of three profiles measured from the data: pairs with most of their
trips 06:00-10:00 use 'am', most 15:00-19:00 'pm', the rest 'other'; each profile is the hourly
distribution of its pairs' trips. The data has no occupancy, so every station starts half full.
Also prints to stderr the operator's bike moves per weekday between San Francisco stations, found
by chaining each bike's trips (a trip that starts where the bike's previous trip did not end).
Python standard library only.
"""
import csv, datetime, gzip, json, sys
from collections import defaultdict

root = sys.argv[1]
stations = {}
for row in csv.DictReader(open(f"{root}/stations.csv")):
    if row["landmark"] == "San Francisco":
        stations[row["station_id"]] = row          # the last row of a relocated station wins
    else:
        stations.pop(row["station_id"], None)

weekdays = set()
pair_trips = defaultdict(int)
pair_hours = defaultdict(lambda: [0] * 24)
pair_seconds = defaultdict(list)
last_end = {}
moves = 0
with gzip.open(f"{root}/trips_2014.csv.gz", "rt") as f:
    for row in csv.DictReader(f):
        start = datetime.datetime.strptime(row["start_date"], "%Y-%m-%d %H:%M:%S")
        a, b, bike = row["start_terminal"], row["end_terminal"], row["bike_id"]
        if start.weekday() < 5:
            weekdays.add(start.date())
            if bike in last_end and last_end[bike] != a and last_end[bike] in stations and a in stations:
                moves += 1
        last_end[bike] = b
        if start.weekday() >= 5 or a not in stations or b not in stations:
            continue
        pair_trips[(a, b)] += 1
        pair_hours[(a, b)][start.hour] += 1
        if int(row["duration"]) <= 7200:
            pair_seconds[(a, b)].append(int(row["duration"]))

days = len(weekdays)
classes = {"am": [0] * 24, "pm": [0] * 24, "other": [0] * 24}
kind = {}
for p, hours in pair_hours.items():
    total = sum(hours)
    k = "am" if sum(hours[6:10]) / total >= 0.5 else "pm" if sum(hours[15:19]) / total >= 0.5 else "other"
    kind[p] = k
    classes[k] = [x + y for x, y in zip(classes[k], hours)]

zones = []
for sid, s in sorted(stations.items(), key=lambda kv: int(kv[0])):
    docks = int(s["dock_count"])
    kindname = "rail" if "Caltrain" in s["name"] or "Transbay" in s["name"] else "station"
    zones.append({"id": f"s{sid}", "name": s["name"], "kind": kindname, "lat": float(s["lat"]), "lon": float(s["long"]),
                  "capacity": docks, "bikes": docks // 2, "overflow": "redirect"})
flows = []
for (a, b), n in sorted(pair_trips.items(), key=lambda kv: (int(kv[0][0]), int(kv[0][1]))):
    secs = pair_seconds[(a, b)]
    if not secs:
        continue
    flows.append({"from": f"s{a}", "to": f"s{b}", "tripsPerDay": round(n / days, 3), "profile": kind[(a, b)],
                  "minutes": round(sum(secs) / len(secs) / 60, 2)})

scenario = {
    "tidesim": 1,
    "name": "San Francisco, Bay Area Bike Share weekday 2014 (from open data)",
    "description": "Docked stations of Bay Area Bike Share in San Francisco, with the average weekday demand of 2014 between them. Built by scenarios/data/make_sf_bayarea.py from the CC0 data set; stations start half full (the data has no occupancy).",
    "seed": 2014, "days": 2, "warmupDays": 1, "sampleMinutes": 15,
    "zones": zones,
    "holdingAreas": [],
    "demand": {"walkMeters": 300, "ride": {"cv": 0.6},
               "profiles": {k: v for k, v in classes.items()},
               "flows": flows},
    "trucks": {"count": 2, "capacity": 15, "speedKmh": 15, "detour": 1.4, "loadSeconds": 20, "depot": zones[0]["id"],
               "shifts": ["06:00-10:00", "15:00-19:00"]},
    "policy": {"name": "rebalance", "high": 0.85, "target": 0.5, "low": 0.15, "everyMinutes": 10},
}
json.dump(scenario, sys.stdout, indent=1)
print()
print(f"{len(zones)} stations, {len(flows)} flows, {sum(f['tripsPerDay'] for f in flows):.1f} trips per weekday, "
      f"{days} weekdays, operator moves between SF stations per weekday: {moves / days:.1f}", file=sys.stderr)
