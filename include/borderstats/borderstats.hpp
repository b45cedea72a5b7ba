// borderstats/borderstats.hpp: the umbrella header, and the library's one
// vocabulary.
//
// ONE RULE FOR WHAT CAN FAIL
//   Bad input is a failure; a month with no figure is not, it is a gap.
//   - `try_X` never throws. It returns an empty optional (or
//     `csv_status::error`) and, where it reads outside text, says why in a
//     `parse_failure` (source, line, column, field, message): the one failure
//     type, always the last parameter (`try_load_cbp(text, source, failure)`,
//     `table.try_code(d, value, failure)`, `reader.try_next(record, failure)`).
//     `X`, the plain name, throws that failure as a `parse_error`
//     (`lookup_error` for a value or a column a file does not have).
//   - A parser of one piece of text has the one shape
//     `try_parse_X(text, why = nullptr)`: `*why` gets the message a
//     `parse_failure` would carry (a static string: a failure allocates
//     nothing), and `parse_X(text)` throws it as a `parse_error` at line 0.
//     The readers add the source, line, column and field.
//         try_parse_year_month("2019-13", &why)     // empty; why: "expected a month such as ..."
//         year_month::try_from_parts(2019, 13)      // empty
//         table.code(measure, "Pedestrian")         // throws: did you mean 'Pedestrians'?
//         table.try_code(measure, "Pedestrian", why) // empty, `why` says the same
//   - A figure that may be a gap has one name, `at`: `s.at(m)` is the figure
//     or an empty optional, and so are the sums and totals built on it
//     (`sum`, `fiscal_year_total`, `calendar_year_total`, `fiscal_year_to_date`).
//     Their `require_` forms throw `missing_data_error` naming the month. The
//     shortest reader, `s[m]`, is checked too: a gap or a month outside the
//     series throws; nothing reads a gap as zero.
//   - Arithmetic never wraps: a sum that does not fit throws `overflow_error`.
//
// ONE NAME PER IDEA
//   - The months a value covers: `months_range()` (series, fiscal years and
//     quarters, tables, dense sums), a half-open `month_range`. Two months
//     given as arguments, `sum(from, to)`, `slice(from, to)`, are both
//     included, as people say "March to May"; a `month_range` argument means
//     the months it contains.
//   - `percent` is a share (12.5%); a change is `percent_change`, the free
//     function and `change<T>::percent_change()` alike, and the difference of
//     two shares is in `percentage_points`.
//   - `number()` is the number a period is named by: 2019 for FY2019, 3 for
//     its third quarter; `fiscal_quarter::year()` is its fiscal year.
//   - A calendar defaults to `us_federal` wherever one is taken.
// Names replaced by these keep working for one release as [[deprecated]]
// aliases (the list is in README.md, "Renamed names").
//
// WHAT IT INCLUDES
// The umbrella brings in the core:
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
