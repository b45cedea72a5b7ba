// borderstats/output/chart.hpp: forwarding header, kept for one release.
// The output headers (numbers, tables, CSV/JSON writers, charts) live in
// borderstats/output/ now; include borderstats/output/chart.hpp instead.
#pragma once
#include "output/chart.hpp"
