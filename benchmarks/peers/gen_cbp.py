#!/usr/bin/env python3
"""Write a synthetic CBP nationwide-encounters CSV of N data rows.

Usage: gen_cbp.py ROWS OUT [--seed N]     (OUT '-' = stdout)

Standard library only.  Deterministic: the same ROWS and seed give the same
bytes (random.Random with a fixed seed; only choices()/random() are used).

Format is that of CBP's public "nationwide encounters" state-level file
(examples/data/cbp-nationwide-encounters-fy20-fy23-state.csv):
  Fiscal Year,Month Grouping,Month (abbv),Land Border Region,State,
  Demographic,Citizenship,Title of Authority,Encounter Count
with CRLF line ends, RFC 4180 quoting of citizenships that contain a comma,
fiscal years 2020..2025 where the year under way is written `2025 (FYTD)`
(and covers OCT..AUG only), Title 42 only where it applied (FY2020 MAR ..
FY2023 MAY), and counts 1..5000 with a heavy right skew (median ~10).
Rows come in random order (not sorted like CBP's own file) so that no tool
profits from runs of equal keys.
"""
import argparse
import random
import sys

MONTHS = ["OCT", "NOV", "DEC", "JAN", "FEB", "MAR",
          "APR", "MAY", "JUN", "JUL", "AUG", "SEP"]
# (fiscal year as written, number of months present)
YEARS = [("2020", 12), ("2021", 12), ("2022", 12), ("2023", 12),
         ("2024", 12), ("2025 (FYTD)", 11)]

REGIONS = [
    # region, weight, [(state, weight)]  -- state mixes roughly as in CBP's file
    ("Southwest Land Border", 60,
     [("TX", 38), ("CA", 27), ("AZ", 23), ("NM", 12)]),
    ("Northern Land Border", 15,
     [("NY", 25), ("WA", 14), ("VT", 12), ("ME", 12), ("MI", 11), ("MT", 7),
      ("ND", 7), ("MN", 4), ("AK", 2), ("ID", 2), ("OH", 2), ("PA", 2)]),
    ("Other", 25,
     [("FL", 9), ("TX", 7), ("CA", 7), ("DC", 6), ("IL", 6), ("NY", 6),
      ("GA", 6), ("NJ", 5), ("PR", 5), ("VI", 4), ("WA", 4), ("LA", 4),
      ("MA", 3), ("VA", 3), ("PA", 3), ("MD", 3), ("NC", 3), ("AL", 2),
      ("HI", 2), ("GU", 1), ("MP", 1), ("CO", 1), ("NV", 1)]),
]
DEMOGRAPHICS = [("Single Adults", 64), ("FMUA", 21),
                ("UC / Single Minors", 8), ("Accompanied Minors", 7)]
CITIZENSHIPS = [
    ("OTHER", 10), ("MEXICO", 9), ("INDIA", 6), ("UKRAINE", 6),
    ("CANADA", 5), ("\"CHINA, PEOPLES REPUBLIC OF\"", 5), ("PHILIPPINES", 5),
    ("COLOMBIA", 5), ("RUSSIA", 5), ("GUATEMALA", 5), ("VENEZUELA", 5),
    ("HONDURAS", 4), ("BRAZIL", 4), ("EL SALVADOR", 4), ("ECUADOR", 4),
    ("ROMANIA", 3), ("CUBA", 3), ("NICARAGUA", 3), ("HAITI", 3), ("PERU", 3),
    ("TURKEY", 3), ("MYANMAR (BURMA)", 2), ("\"KOREA, SOUTH\"", 1),
    ("\"CONGO, DEMOCRATIC REPUBLIC OF THE\"", 1),
]
HEADER = ("Fiscal Year,Month Grouping,Month (abbv),Land Border Region,State,"
          "Demographic,Citizenship,Title of Authority,Encounter Count\r\n")
MAX_COUNT = 5000


def title42_applies(fy_index, month_index):
    """Title 42 expulsions ran from March 2020 (FY2020) to May 2023 (FY2023)."""
    fy = 2020 + fy_index
    if fy == 2020:
        return month_index >= MONTHS.index("MAR")
    if fy == 2023:
        return month_index <= MONTHS.index("MAY")
    return fy in (2021, 2022)


def cumulative(weights):
    out, acc = [], 0
    for w in weights:
        acc += w
        out.append(acc)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rows", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=20201001)
    a = ap.parse_args()
    if a.rows < 0:
        ap.error("rows must be >= 0")
    rng = random.Random(a.seed)

    # (year, month) prefixes: "2025 (FYTD),FYTD,OCT,"
    periods = []
    for yi, (fy, nmonths) in enumerate(YEARS):
        for mi in range(nmonths):
            periods.append((f"{fy},FYTD,{MONTHS[mi]},", title42_applies(yi, mi)))
    region_states = []
    for region, rw, states in REGIONS:
        tot = sum(w for _, w in states)
        for st, sw in states:
            region_states.append((f"{region},{st},", rw * sw / tot))
    rs_values = [v for v, _ in region_states]
    rs_cum = cumulative([w for _, w in region_states])
    dem_values = [v + "," for v, _ in DEMOGRAPHICS]
    dem_cum = cumulative([w for _, w in DEMOGRAPHICS])
    cit_values = [v + "," for v, _ in CITIZENSHIPS]
    cit_cum = cumulative([w for _, w in CITIZENSHIPS])
    # counts: P(k) proportional to k^-1.25 on 1..5000 (median ~10, mean ~250)
    cnt_values = [f",{k}\r\n" for k in range(1, MAX_COUNT + 1)]
    cnt_cum = cumulative([k ** -1.25 for k in range(1, MAX_COUNT + 1)])

    out = sys.stdout.buffer if a.out == "-" else open(a.out, "wb")
    out.write(HEADER.encode())
    batch = 200_000
    left = a.rows
    choices = rng.choices
    nper = len(periods)
    while left > 0:
        k = min(batch, left)
        left -= k
        per = [periods[int(x * nper)] for x in [rng.random() for _ in range(k)]]
        rs = choices(rs_values, cum_weights=rs_cum, k=k)
        dem = choices(dem_values, cum_weights=dem_cum, k=k)
        cit = choices(cit_values, cum_weights=cit_cum, k=k)
        t42 = [rng.random() < 0.28 for _ in range(k)]
        cnt = choices(cnt_values, cum_weights=cnt_cum, k=k)
        lines = [
            p + r + d + c + ("Title 42" if (t and ok) else "Title 8") + n
            for (p, ok), r, d, c, t, n in zip(per, rs, dem, cit, t42, cnt)
        ]
        out.write("".join(lines).encode())
    if out is not sys.stdout.buffer:
        out.close()


if __name__ == "__main__":
    main()
