// borderstats/boost_date_time.hpp: interop with Boost.Date_Time's gregorian
// calendar.
//
//   to_year_month(date)           the month a day falls in
//   first_day(ym) / last_day(ym)  boost::gregorian::date
//   to_date_period(ym)            the month as a date_period
//   to_date_period(fiscal_year)   the fiscal year as a date_period
//   roll_up_daily(records, ...)   daily figures summed into a monthly_series
//
// Boost's date_period is half-open: `begin()` is the first day, `last()` the
// last day inside, `end()` the day after. The periods made here follow it.
//
// Only the lightweight `gregorian_types.hpp` is included, not `gregorian.hpp`
// (which brings iostreams and locales): this header costs little to include,
// and the umbrella header does not include it at all.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdint>
#include <optional>
#include <utility>

#include "calendar.hpp"
#include "checked.hpp"
#include "fiscal.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

/// The month `day` falls in. Throws `bad_month` for a special value
/// (not_a_date_time, +/-infinity).
inline year_month to_year_month(const boost::gregorian::date& day) {
    if (day.is_special()) detail::raise(bad_month("a special date value has no month"));
    return year_month{static_cast<int>(day.year()), static_cast<int>(day.month().as_number())};
}

namespace detail {
inline void require_boost_range(year_month ym) {
    // Boost's gregorian calendar covers the years 1400..9999.
    if (ym.year() < 1400 || ym.year() > 9999)
        raise(bad_month("year " + std::to_string(ym.year()) + " is outside Boost.Date_Time's range 1400..9999"));
}
}  // namespace detail

/// The first day of `ym`.
inline boost::gregorian::date first_day(year_month ym) {
    detail::require_boost_range(ym);
    return boost::gregorian::date(static_cast<unsigned short>(ym.year()), static_cast<unsigned short>(ym.month()), 1);
}

/// The last day of `ym` (February 29 in a leap year).
inline boost::gregorian::date last_day(year_month ym) { return first_day(ym).end_of_month(); }

/// The days of `ym`, half-open: [first day, first day of the next month).
inline boost::gregorian::date_period to_date_period(year_month ym) {
    return boost::gregorian::date_period(first_day(ym), last_day(ym) + boost::gregorian::days(1));
}

/// The days of a range of months, half-open.
inline boost::gregorian::date_period to_date_period(month_range range) {
    if (range.empty()) {
        // An empty period; its date is immaterial, and range.front() of an
        // empty range may be a month Boost cannot hold (year 0).
        const boost::gregorian::date d(1970, 1, 1);
        return boost::gregorian::date_period(d, d);
    }
    return boost::gregorian::date_period(first_day(range.front()), last_day(range.back()) + boost::gregorian::days(1));
}

/// The days of a fiscal year: FY2019 (U.S.) is [2018-10-01, 2019-10-01).
template <typename Calendar>
boost::gregorian::date_period to_date_period(fiscal_year<Calendar> fy) {
    return to_date_period(fy.months_range());
}

/// The fiscal year `day` falls in.
template <typename Calendar>
fiscal_year<Calendar> fiscal_year_of(const boost::gregorian::date& day) {
    return fiscal_year<Calendar>::containing(to_year_month(day));
}

/// Sums daily figures into months: `day(r)` gives a boost::gregorian::date,
/// `value(r)` the figure. A month with no day reported is a gap; a month with
/// some days is the sum of the days reported (a partial month is not
/// detected: daily sources rarely say which days are missing).
template <typename T = std::int64_t, typename Records, typename DayFn, typename ValueFn>
monthly_series<T> roll_up_daily(const Records& records, DayFn day, ValueFn value) {
    monthly_series<T> out;
    for (const auto& r : records) out.add(to_year_month(day(r)), checked_cast<T>(value(r)));
    return out;
}

/// Sums (date, value) pairs into months.
template <typename T = std::int64_t, typename Pairs>
monthly_series<T> roll_up_daily(const Pairs& pairs) {
    return roll_up_daily<T>(pairs, [](const auto& p) { return p.first; }, [](const auto& p) { return p.second; });
}

}  // namespace v1
}  // namespace borderstats
