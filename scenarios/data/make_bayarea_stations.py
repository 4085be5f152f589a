#!/usr/bin/env python3
"""Builds scenarios/bayarea-2014-stations.json, the 70 stations of Bay Area Bike Share in 2014 with
no demand, from the CC0 open data kept in ../shared/data/bayarea-bikeshare-2014 beside the project:

    python3 scenarios/data/make_bayarea_stations.py ../shared/data/bayarea-bikeshare-2014 > scenarios/bayarea-2014-stations.json

Zone ids are the station ids (`start_terminal` in the trip records), so `tidesim calibrate` and
`tidesim run --replay` join the records by id. Docked zones (a full station refuses returns) with
their dock counts as capacity. The data has no occupancy: the fleet is the number of distinct bikes
that made a trip in 2014, spread over the stations in proportion to their docks (largest remainder).
Vans of 15 bikes and the `rebalance` policy stand for the operator's vans: one fleet per city, as
the operator ran it (its moves never crossed cities), two vans in San Francisco and one in each
other city, each depot at the city's busiest Caltrain or BART station. Python standard library
only; the scenario is what tidesim needs, this script is not.
"""
import csv, gzip, json, sys

root = sys.argv[1]
stations = {}
for row in csv.DictReader(open(f"{root}/stations.csv")):
    stations[row["station_id"]] = row          # the last row of a relocated station wins
bikes_seen = set()
with gzip.open(f"{root}/trips_2014.csv.gz", "rt") as f:
    for row in csv.DictReader(f):
        bikes_seen.add(row["bike_id"])
fleet = len(bikes_seen)
ids = sorted(stations, key=int)
docks = {i: int(stations[i]["dock_count"]) for i in ids}
total = sum(docks.values())
exact = {i: fleet * docks[i] / total for i in ids}
bikes = {i: int(exact[i]) for i in ids}
for i in sorted(ids, key=lambda i: (-(exact[i] - bikes[i]), int(i)))[: fleet - sum(bikes.values())]:
    bikes[i] += 1
zones = [{"id": i, "name": stations[i]["name"], "kind": stations[i]["landmark"],
          "lat": float(stations[i]["lat"]), "lon": float(stations[i]["long"]),
          "capacity": docks[i], "bikes": bikes[i], "overflow": "redirect"} for i in ids]
scenario = {
    "tidesim": 1,
    "name": "Bay Area Bike Share stations, 2014",
    "description": f"The {len(ids)} stations of Bay Area Bike Share in 2014 (CC0 open data), ids as in the trip records, "
                   f"{fleet} bikes (the distinct bikes of 2014) spread by docks. Add demand with tidesim calibrate, "
                   "or replay a day with tidesim run --replay. Built by scenarios/data/make_bayarea_stations.py.",
    "seed": 2014, "days": 1, "sampleMinutes": 15,
    "zones": zones,
    "holdingAreas": [],
    "demand": {"ride": {"speedKmh": 12, "detour": 1.3, "minMinutes": 2, "cv": 0.5}, "flows": []},
    # One fleet per city, working only there; orders within 15 road km (no 60-190 km trip to San Jose).
    "trucks": [{"id": fid, "count": count, "capacity": 15, "speedKmh": 25, "detour": 1.4, "loadSeconds": 20, "depot": depot,
                "shifts": ["06:00-10:00", "15:00-19:00"], "maxOrderKm": 15,
                "serves": [i for i in ids if stations[i]["landmark"] == city]}
               for fid, city, count, depot in [("san-francisco", "San Francisco", 2, "39"), ("san-jose", "San Jose", 1, "2"),
                                               ("redwood-city", "Redwood City", 1, "22"), ("mountain-view", "Mountain View", 1, "28"),
                                               ("palo-alto", "Palo Alto", 1, "34")]],
    "policy": {"name": "rebalance", "high": 0.85, "target": 0.5, "low": 0.15, "everyMinutes": 10},
}
json.dump(scenario, sys.stdout, indent=1, ensure_ascii=False)
print()
