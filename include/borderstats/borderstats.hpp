// borderstats/borderstats.hpp: the umbrella header. It brings in the core:
// civil months, fiscal calendars, monthly series, percent change, analysis
// and formatting. It does not include the file readers (borderstats/io/...),
// the aggregation core (borderstats/aggregate.hpp) or the Boost.Date_Time and
// std::chrono interop headers: include those where you use them, so that a
// program that only does calendar arithmetic does not pay for their compile
// time.
#pragma once

// The core headers do without <cmath> (detail/float.hpp), but the umbrella
// keeps it: programs that round a percent_change with std::lround, as the
// library's own examples of a statement do, have relied on getting it here.
// Measured, the umbrella still compiles in about 1.1x the time of Boost's
// gregorian_types.hpp (benchmarks/README.md, "Compile time").
#include <cmath>

#include "analysis.hpp"
#include "calendar.hpp"
#include "change.hpp"
#include "checked.hpp"
#include "error.hpp"
#include "fiscal.hpp"
#include "output/format.hpp"
#include "series.hpp"
#include "version.hpp"
