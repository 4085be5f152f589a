#!/usr/bin/env python3
"""An independent implementation of tidesim's model without trucks (DESIGN.md section 2, policy
none), for validation: written from the spec, not from the Swift code, with its own random numbers
and its own way of drawing the attempts (Poisson counts per quarter hour, uniform times within).

    python3 Tests/reference/reference_model.py SCENARIO.json REPLICATIONS > reference.json

prints the mean and the standard error of the mean of the system KPIs and of some zone metrics.
Compare with `tidesim run SCENARIO --policy none --replications N --json` (docs/validation.md).
It needs numpy; it is a tool for developers, never a dependency of tidesim or of its tests.
"""
import heapq, json, math, sys
import numpy as np

BUILT_IN = {
    "flat": [1] * 24,
    # tidesim 0.3.0: measured on the Bay Area weekdays of 2014 (docs/real-data.md).
    "commute-am": [0.1, 0.05, 0.05, 0.05, 0.05, 0.3, 3.5, 16.3, 31.3, 18.6, 4.6, 2.3, 2.2, 1.9, 1.5, 1.5, 2.3, 4.7, 4.0, 2.2, 1.1, 0.8, 0.5, 0.3],
    "commute-pm": [0.1, 0.1, 0.05, 0.05, 0.05, 0.4, 1.0, 3.3, 4.8, 3.3, 1.5, 1.7, 2.1, 1.7, 2.2, 5.8, 20.1, 28.1, 15.1, 4.4, 2.2, 1.1, 0.7, 0.4],
    "daytime": [0.3, 0.1, 0.1, 0.05, 0.1, 0.7, 2.3, 4.8, 9.9, 8.3, 4.9, 5.2, 6.5, 5.8, 4.4, 5.1, 7.6, 11.3, 9.3, 5.4, 3.3, 2.2, 1.4, 0.8],
}
R_EARTH = 6371008.8


def haversine(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * R_EARTH * math.asin(min(1.0, math.sqrt(h)))


def load(path):
    s = json.load(open(path))
    zones = s["zones"]
    idx = {z["id"]: i for i, z in enumerate(zones)}
    d = s.get("demand", {})
    ride = {"speedKmh": 12, "detour": 1.3, "minMinutes": 2, "cv": 0.3, **d.get("ride", {})}
    profiles = {**BUILT_IN, **d.get("profiles", {})}
    flows = []
    for f in d.get("flows", []):
        w = np.array(profiles[f.get("profile", "flat")], dtype=float)
        w = np.repeat(w / w.sum() / (96 // len(w)), 96 // len(w))           # per quarter hour
        o, t = idx[f["from"]], idx[f["to"]]
        if "minutes" in f:
            mean = f["minutes"] * 60
        else:
            dist = 0 if o == t else haversine((zones[o]["lat"], zones[o]["lon"]), (zones[t]["lat"], zones[t]["lon"]))
            mean = max(dist * ride["detour"] / (ride["speedKmh"] / 3.6), ride["minMinutes"] * 60)
        flows.append((o, t, f["tripsPerDay"] * d.get("scale", 1) * w, mean))
    return s, zones, flows, ride, d.get("walkMeters", 0)


def replicate(s, zones, flows, ride, walk, rng):
    days, warm = s.get("days", 1), s.get("warmupDays", 0)
    end, m0 = days * 86400.0, warm * 86400.0
    n = len(zones)
    cap = [z["capacity"] for z in zones]
    b = [z.get("bikes", 0) for z in zones]
    coord = [(z["lat"], z["lon"]) if "lat" in z else None for z in zones]
    docked = [z.get("overflow", "pile") == "redirect" for z in zones]
    sigma2 = math.log(1 + ride["cv"] ** 2)
    # All attempts of the run: per flow and quarter hour, a Poisson count at uniform times.
    attempts = []
    for (o, t, expected, mean) in flows:
        for day in range(days):
            counts = rng.poisson(expected)
            for q in np.nonzero(counts)[0]:
                times = day * 86400 + (q + rng.random(counts[q])) * 900
                for x in times:
                    dur = mean if ride["cv"] == 0 else rng.lognormal(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))
                    attempts.append((x, o, t, dur))
    attempts.sort()
    returns = []                          # heap of (time, seq, zone)
    seq = 0
    last = [0.0] * n
    ovf = [0.0] * n; over = [0.0] * n; empty = [0.0] * n; area = [0.0] * n
    k = {"tripAttempts": 0, "tripsServed": 0, "tripsLost": 0, "tripsWalked": 0, "failedReturns": 0}
    lost = [0] * n
    ever = [False] * n
    total_over = sum(max(0, b[z] - cap[z]) for z in range(n))
    peak_over = total_over if warm == 0 else 0
    measuring = warm == 0
    if measuring:
        ever = [b[z] > cap[z] for z in range(n)]

    def integrate(z, t):
        lo = max(last[z], m0)
        if t > lo:
            dt = t - lo
            area[z] += b[z] * dt
            if b[z] > cap[z]:
                ovf[z] += (b[z] - cap[z]) * dt; over[z] += dt
            if b[z] == 0:
                empty[z] += dt
        last[z] = t

    def change(z, delta, t):
        nonlocal total_over, peak_over
        integrate(z, t)
        total_over -= max(0, b[z] - cap[z])
        b[z] += delta
        total_over += max(0, b[z] - cap[z])
        if t >= m0:
            ever[z] = ever[z] or b[z] > cap[z]
            peak_over = max(peak_over, total_over)

    def start_measuring():
        nonlocal measuring, peak_over
        measuring = True
        peak_over = total_over
        for z in range(n):
            ever[z] = b[z] > cap[z]

    i = 0
    while True:
        ta = attempts[i][0] if i < len(attempts) else math.inf
        tr = returns[0][0] if returns else math.inf
        t = min(ta, tr)
        if t >= end:
            break
        if not measuring and t >= m0:
            start_measuring()
        if tr <= ta:                     # returns first at equal times
            _, _, z = heapq.heappop(returns)
            if docked[z] and b[z] >= cap[z]:
                if t >= m0:
                    k["failedReturns"] += 1
                best = None
                for y in range(n):
                    if y != z and coord[y] is not None and b[y] < cap[y]:
                        dist = haversine(coord[z], coord[y])
                        if best is None or dist < best[0]:
                            best = (dist, y)
                if best is not None:
                    heapq.heappush(returns, (t + best[0] * ride["detour"] / (ride["speedKmh"] / 3.6), seq, best[1])); seq += 1
                    continue
            change(z, +1, t)
            continue
        _, o, dest, dur = attempts[i]; i += 1
        counted = t >= m0
        if counted:
            k["tripAttempts"] += 1
        src = o if b[o] > 0 else None
        if src is None and walk > 0 and coord[o] is not None:
            near = sorted((haversine(coord[o], coord[y]), y) for y in range(n)
                          if y != o and coord[y] is not None and b[y] > 0)
            near = [y for dist, y in near if dist <= walk]
            if near:
                src = near[0]
                if counted:
                    k["tripsWalked"] += 1
        if src is None:
            if counted:
                k["tripsLost"] += 1; lost[o] += 1
            continue
        if counted:
            k["tripsServed"] += 1
        change(src, -1, t)
        heapq.heappush(returns, (t + dur, seq, dest)); seq += 1
    if not measuring:
        start_measuring()
    for z in range(n):
        integrate(z, end)
    k["overflowBikeHours"] = sum(ovf) / 3600
    k["peakOverflowBikes"] = peak_over
    k["hotspotZones"] = sum(ever)
    zone = {zones[z]["id"]: {"overflowBikeHours": ovf[z] / 3600, "minutesOverCapacity": over[z] / 60,
                             "emptyMinutes": empty[z] / 60, "meanBikes": area[z] / (end - m0), "lostRentals": lost[z]}
            for z in range(n)}
    return k, zone


def main():
    path, reps = sys.argv[1], int(sys.argv[2])
    s, zones, flows, ride, walk = load(path)
    rng = np.random.default_rng(20261127)
    runs = [replicate(s, zones, flows, ride, walk, rng) for _ in range(reps)]
    def summary(values):
        a = np.array(values, dtype=float)
        return {"mean": a.mean(), "se": a.std(ddof=1) / math.sqrt(len(a))}
    out = {"system": {key: summary([r[0][key] for r in runs]) for key in runs[0][0]},
           "zones": {z: {key: summary([r[1][z][key] for r in runs]) for key in runs[0][1][z]} for z in runs[0][1]}}
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
