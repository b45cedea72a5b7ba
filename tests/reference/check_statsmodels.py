"""Cross-check of decompose_usbp_southwest.csv (made by R) with statsmodels.

Run from the repository root with the Debian python3 (python3-statsmodels):
    /usr/bin/python3 tests/reference/check_statsmodels.py
Prints the largest relative difference between R's figures and
statsmodels.tsa.seasonal.seasonal_decompose (two-sided 2x12 filter) for each
component, and exits 1 when one exceeds 1e-9. Not run by CI: the stored CSV is
the reference; this only shows that two independent implementations agree.
"""
import csv
import sys

import numpy as np
import statsmodels
from statsmodels.tsa.seasonal import seasonal_decompose

rows = list(csv.DictReader(open("tests/reference/decompose_usbp_southwest.csv")))
x = np.array([float(r["value"]) for r in rows])


def column(name):
    return np.array([float(r[name]) if r[name] else np.nan for r in rows])


worst = 0.0
for model, prefix in (("additive", "additive"), ("multiplicative", "multiplicative")):
    d = seasonal_decompose(x, model=model, period=12, two_sided=True)
    for mine, theirs in ((d.trend, column("trend")), (d.seasonal, column(prefix + "_seasonal")),
                         (d.resid, column(prefix + "_random"))):
        both = ~np.isnan(theirs)
        assert np.array_equal(both, ~np.isnan(mine)), "NA in different places"
        rel = np.abs(mine[both] - theirs[both]) / np.maximum(np.abs(theirs[both]), 1.0)
        worst = max(worst, float(rel.max()))
print("statsmodels", statsmodels.__version__, "largest relative difference from R:", worst)
sys.exit(0 if worst <= 1e-9 else 1)
