#!/usr/bin/python3
"""borderstats peer task with pandas.  Usage: peer_pandas.py FILE [THREADS]

THREADS is accepted and ignored (pandas' CSV reader and groupby are
single-threaded).  Prints the output defined in README.md ("Output format").
Run with Debian's /usr/bin/python3 (python3-pandas).
"""
import sys

import pandas as pd

MONTHS = ["OCT", "NOV", "DEC", "JAN", "FEB", "MAR",
          "APR", "MAY", "JUN", "JUL", "AUG", "SEP"]
MONTH_INDEX = {m: i for i, m in enumerate(MONTHS)}
SOUTHWEST = "Southwest Land Border"
FY, MONTH, REGION, CIT, COUNT = ("Fiscal Year", "Month (abbv)",
                                 "Land Border Region", "Citizenship",
                                 "Encounter Count")


def fiscal_year(text):
    """Leading ASCII digits of the field: '2025 (FYTD)' -> 2025."""
    n = 0
    while n < len(text) and "0" <= text[n] <= "9":
        n += 1
    if n == 0:
        raise ValueError(f"bad fiscal year {text!r}")
    return int(text[:n])


def pct_tenths(cur, prev):
    """round(1000*(cur-prev)/prev), half away from zero, exact integers."""
    num = 1000 * (cur - prev)
    q = (2 * abs(num) + prev) // (2 * prev)
    return -q if num < 0 else q


def fmt_tenths(t):
    sign = "-" if t < 0 else ""
    t = abs(t)
    return f"{sign}{t // 10}.{t % 10}"


def main():
    path = sys.argv[1]
    cat = "category"
    df = pd.read_csv(path, usecols=[FY, MONTH, REGION, CIT, COUNT],
                     dtype={FY: cat, MONTH: cat, REGION: cat, CIT: cat,
                            COUNT: "int64"},
                     keep_default_na=False, na_filter=False)

    out = []
    # task 1: grouped on the raw strings, then merged by parsed fiscal year
    sw = df[df[REGION] == SOUTHWEST]
    g1 = sw.groupby([FY, MONTH], observed=True, sort=False)[COUNT].sum()
    t1 = {}
    for (fy_text, month), total in g1.items():
        key = (fiscal_year(fy_text), MONTH_INDEX[month])
        t1[key] = t1.get(key, 0) + int(total)
    out.append("# task1 fy|month|calendar|total|pct_change")
    prev = None
    for (fy, mi) in sorted(t1):
        total = t1[(fy, mi)]
        cal = f"{fy - 1 if mi < 3 else fy:04d}-{(mi + 9) % 12 + 1:02d}"
        pct = "" if prev is None or prev == 0 else fmt_tenths(pct_tenths(total, prev))
        out.append(f"{fy}|{MONTHS[mi]}|{cal}|{total}|{pct}")
        prev = total

    # task 2
    g2 = df.groupby([FY, CIT], observed=True, sort=False)[COUNT].sum()
    t2 = {}
    for (fy_text, cit), total in g2.items():
        key = (fiscal_year(fy_text), cit.encode("utf-8"))
        t2[key] = t2.get(key, 0) + int(total)
    out.append("# task2 fy|citizenship|total")
    for (fy, cit) in sorted(t2):
        out.append(f"{fy}|{cit.decode('utf-8')}|{t2[(fy, cit)]}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
