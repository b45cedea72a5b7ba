// borderstats/borderstats.hpp: the umbrella header. It brings in the core:
// civil months, fiscal calendars, monthly series, percent change, analysis
// and formatting. It does not include the file readers (borderstats/io/...),
// the aggregation core (borderstats/aggregate.hpp) or the Boost.Date_Time and
// std::chrono interop headers: include those where you use them, so that a
// program that only does calendar arithmetic does not pay for their compile
// time.
#pragma once

#include "analysis.hpp"
#include "calendar.hpp"
#include "change.hpp"
#include "checked.hpp"
#include "error.hpp"
#include "fiscal.hpp"
#include "format.hpp"
#include "series.hpp"
#include "version.hpp"
