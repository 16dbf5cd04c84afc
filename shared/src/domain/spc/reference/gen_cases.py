"""Regenerates shared/src/domain/spc/reference/ptdOracleCases.json.

Expected results for random series from a line-by-line Python transcription of NHSRplotthedots
(MIT, (c) NHS-R Community): R/ptd_spc_standard.R (mean, moving ranges, screening, limits, close
lines) and R/ptd_calculate_point_type.R (ptd_special_cause_type, ptd_point_type), with R's mean()
emulated as R computes it (long-double sum, divide, one correcting pass; numpy.longdouble).
The transcription reproduces the package's own integration snapshot (A&E attendances) bit for bit.

Cases where the package would give no limits or limits of zero width are left out (the product
deliberately differs there; see limits.ts), and so are cases with a figure within 1e-12 (relative)
of the mean or a line but not equal to it in doubles (the product treats those as equal; see
compareFigures). Run: python3 gen_cases.py > ptdOracleCases.json
"""
import json, math, random, sys
from ptd import spc

def near(a, b):
    return a != b and abs(a - b) <= 1e-12 * max(abs(a), abs(b))

random.seed(20261207)
cases = []; skipped = 0
while len(cases) < 240:
    n = random.randint(2, 40); kind = random.random()
    if kind < 0.25: y = [random.randint(0, 6) for _ in range(n)]            # ties, points on the mean
    elif kind < 0.45: y = [random.randint(-50, 50) for _ in range(n)]
    elif kind < 0.65:                                                        # drifts: trends and runs
        s = random.randint(0, 20); y = []
        for _ in range(n): s += random.choice([-1, 0, 1, 1, 2]); y.append(s)
    elif kind < 0.8:                                                         # a shift and a spike
        y = [random.randint(40, 60) for _ in range(n)]
        for i in range(random.randint(0, n - 1), n): y[i] += random.choice([0, 8, 15])
        y[random.randrange(n)] += random.choice([0, 40, -40])
    else:                                                                    # percentages to 1 d.p.
        y = [round(random.uniform(60, 95), 1) for _ in range(n)]
    screen = random.random() < 0.7
    r = spc(y, screen)
    if math.isnan(r['lpl']) or r['upl'] - r['lpl'] == 0: continue
    lines = [r['mean'], r['lpl'], r['upl']]
    if any(near(v, l) for v in y for l in lines): skipped += 1; continue
    cases.append({'values': y, 'screenOutliers': screen, 'mean': r['mean'], 'lowerLimit': r['lpl'],
                  'upperLimit': r['upl'], 'specialCause': ' '.join(r['types'])})
print(json.dumps({'source': 'NHSRplotthedots (MIT) transcribed to Python; see gen_cases.py', 'cases': cases}))
print('left out as near-ties:', skipped, file=sys.stderr)
