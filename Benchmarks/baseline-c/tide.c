/*
 * A plain C implementation of tidesim's model for policy `none` on piling zones, written the
 * ordinary way, as the baseline issue 10 measures the engine against: a binary heap of ride
 * arrivals, the flow of each attempt found by binary search over the slot's cumulative rates,
 * inversion for the exponential gaps and Box-Muller for the normal, xoshiro256** for the random
 * numbers, exact integrals of every zone's state. Not part of tidesim: a measuring stick.
 *
 *   tidesim-bench --dump city.json --to city.txt      # the compiled city, as text
 *   gcc -O2 -o tide Benchmarks/baseline-c/tide.c -lm
 *   ./tide city.txt REPLICATIONS
 *
 * Prints, per replication, the attempts, served and lost trips, overflow bike-hours, hotspot
 * zones and the simulated day's seconds (loading excluded), then the mean ns per attempt.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t s[4];
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t next(void) {
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 45);
    return result;
}
static uint64_t splitmix(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static double unit(void) { return (double)(next() >> 11) * 0x1.0p-53; }
static double open_unit(void) { return (double)((next() >> 11) + 1) * 0x1.0p-53; }
static double normal(void) { return sqrt(-2 * log(open_unit())) * cos(2 * M_PI * unit()); }

typedef struct { double time; int zone; } Ride;
static Ride *heap; static int heap_n;
static void push(double t, int z) {
    int i = heap_n++;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (heap[p].time <= t) break;
        heap[i] = heap[p]; i = p;
    }
    heap[i].time = t; heap[i].zone = z;
}
static Ride pop(void) {
    Ride top = heap[0], last = heap[--heap_n];
    int i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= heap_n) break;
        if (c + 1 < heap_n && heap[c + 1].time < heap[c].time) c++;
        if (heap[c].time >= last.time) break;
        heap[i] = heap[c]; i = c;
    }
    heap[i] = last;
    return top;
}

static int Z, P, F;
static int *cap, *bikes0, *bikes, *origin, *dest, *profile;
static double *prof, *trips, *mu, *sigma, *cum;
static double *last, *overflow, *over_min, *empty_min, *mean_b, *peak;

static void change(int z, int delta, double t) {
    double dt = t - last[z];
    int b = bikes[z];
    if (b > cap[z]) { overflow[z] += (b - cap[z]) * dt; over_min[z] += dt; }
    if (b == 0) empty_min[z] += dt;
    mean_b[z] += b * dt;
    last[z] = t;
    bikes[z] = b + delta;
    if (cap[z] > 0 && (double)bikes[z] / cap[z] > peak[z]) peak[z] = (double)bikes[z] / cap[z];
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: tide CITY.txt REPLICATIONS\n"); return 64; }
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 66; }
    double cv;
    if (fscanf(f, "zones %d\n", &Z) != 1) return 65;
    cap = malloc(Z * sizeof(int)); bikes0 = malloc(Z * sizeof(int)); bikes = malloc(Z * sizeof(int));
    for (int z = 0; z < Z; z++) if (fscanf(f, "%d %d\n", &cap[z], &bikes0[z]) != 2) return 65;
    if (fscanf(f, "profiles %d\n", &P) != 1) return 65;
    prof = malloc(P * 96 * sizeof(double));
    for (int i = 0; i < P * 96; i++) if (fscanf(f, "%lf", &prof[i]) != 1) return 65;
    if (fscanf(f, " flows %d %lf\n", &F, &cv) != 2) return 65;
    origin = malloc(F * sizeof(int)); dest = malloc(F * sizeof(int)); profile = malloc(F * sizeof(int));
    trips = malloc(F * sizeof(double)); mu = malloc(F * sizeof(double)); sigma = malloc(F * sizeof(double));
    cum = malloc(F * sizeof(double));
    double s2 = log(1 + cv * cv);
    for (int i = 0; i < F; i++) {
        double mean;
        if (fscanf(f, "%d %d %lf %d %lf\n", &origin[i], &dest[i], &trips[i], &profile[i], &mean) != 5) return 65;
        sigma[i] = sqrt(s2); mu[i] = log(mean) - s2 / 2;
    }
    fclose(f);
    last = malloc(Z * sizeof(double)); overflow = malloc(Z * sizeof(double)); over_min = malloc(Z * sizeof(double));
    empty_min = malloc(Z * sizeof(double)); mean_b = malloc(Z * sizeof(double)); peak = malloc(Z * sizeof(double));
    heap = malloc(4 * 1024 * 1024 * sizeof(Ride));
    int reps = atoi(argv[2]);
    double total_ns = 0; long total_attempts = 0;
    for (int r = 1; r <= reps; r++) {
        uint64_t seed = 1000 + r;
        for (int k = 0; k < 4; k++) s[k] = splitmix(&seed);
        memcpy(bikes, bikes0, Z * sizeof(int));
        for (int z = 0; z < Z; z++) { last[z] = overflow[z] = over_min[z] = empty_min[z] = mean_b[z] = 0;
                                      peak[z] = cap[z] > 0 ? (double)bikes[z] / cap[z] : 0; }
        heap_n = 0;
        long attempts = 0, served = 0, lost = 0;
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        double t = 0;
        for (int slot = 0; slot < 96; slot++) {
            double slot_end = (slot + 1) * 900.0, total = 0;
            for (int i = 0; i < F; i++) { total += trips[i] * prof[profile[i] * 96 + slot] / 900.0; cum[i] = total; }
            while (total > 0) {
                double next_t = t - log(open_unit()) / total;
                if (next_t >= slot_end) break;
                t = next_t;
                while (heap_n > 0 && heap[0].time <= t) { Ride ride = pop(); change(ride.zone, +1, ride.time); }
                double u = unit() * total;
                int lo = 0, hi = F - 1;
                while (lo < hi) { int m = (lo + hi) / 2; if (cum[m] > u) hi = m; else lo = m + 1; }
                double d = exp(mu[lo] + sigma[lo] * normal());
                attempts++;
                int o = origin[lo];
                if (bikes[o] > 0) { served++; change(o, -1, t); push(t + d, dest[lo]); } else lost++;
            }
            t = slot_end;
        }
        while (heap_n > 0 && heap[0].time < 86400) { Ride ride = pop(); change(ride.zone, +1, ride.time); }
        for (int z = 0; z < Z; z++) change(z, 0, 86400);
        clock_gettime(CLOCK_MONOTONIC, &b);
        double sec = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9;
        double ob = 0; int hot = 0;
        for (int z = 0; z < Z; z++) { ob += overflow[z] / 3600; if (over_min[z] > 0 || bikes0[z] > cap[z]) hot++; }
        printf("replication %d: attempts %ld served %ld lost %ld overflowBikeHours %.1f hotspotZones %d seconds %.4f\n",
               r, attempts, served, lost, ob, hot, sec);
        total_ns += sec * 1e9; total_attempts += attempts;
    }
    printf("mean ns per attempt %.1f\n", total_ns / total_attempts);
    return 0;
}
