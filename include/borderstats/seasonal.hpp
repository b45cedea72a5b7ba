// borderstats/seasonal.hpp: a change against its season, and the series with
// the season taken out.
//
// Border encounters rise every spring, so "+34% from April to May" says little
// until it is set beside the April-to-May change of every earlier year:
//
//   auto n = bs::seasonal_norm(s, bs::year_month{2019, 5}, bs::change_span::month_over_month);
//   n->median();  n->lowest();  n->highest();  n->percentile();   // among the earlier Aprils-to-Mays
//
// THE NORM. For month m and a month-over-month change, the earlier changes are
// those from the month before m's calendar month to m's calendar month in every
// earlier year of the series (for May 2019: April to May 2018, 2017, ...); for
// a year-over-year change, from each earlier year's same month to the month a
// year later (May 2017 to May 2018, ...). An earlier year whose change is
// undefined (a gap on either side, or a change from zero) is left out and
// listed in `years_left_out`: a gap is never read as a zero. The norm is empty
// when the change of m itself is undefined or when no earlier year has one.
//
// THE RULES, exactly. Changes are percent changes (change.hpp). With N earlier
// changes sorted:
//   - median: the middle one for an odd N, the mean of the two middle ones for
//     an even N;
//   - range: the lowest and the highest, with the months they end at;
//   - percentile of this year's change x: 100 * (L + E/2) / N, where L earlier
//     changes are strictly below x and E are equal to it (the "mean" percentile
//     rank). 100 means above every earlier year, 0 below every one, 50 at the
//     median of a set with no ties. `higher_count()` is the number of earlier
//     changes strictly above x ("the highest of 20" when it is 0).
//
// THE DECOMPOSITION. `decompose(s, decomposition_model::additive)` is classical
// decomposition exactly as R's `decompose()` defines it (stats package):
//   - trend: the centred 2x12 moving average (moving_average.hpp), no figure
//     for the six months at each end;
//   - detrended: observed - trend (additive) or observed / trend
//     (multiplicative);
//   - seasonal figure: for each calendar month, the mean of its detrended
//     values; then centred: minus the mean of the twelve (additive), or divided
//     by the mean of the twelve (multiplicative), so that the figures sum to 0
//     or average 1;
//   - seasonal: the figure of each month's calendar month; remainder:
//     observed - seasonal - trend, or observed / seasonal / trend;
//   - adjusted (seasonally adjusted): observed - seasonal, or observed /
//     seasonal.
// It refuses (throws `error`) a series of fewer than 24 reported months, a
// calendar month without a single detrended value, and, for the multiplicative
// model, a value at or below zero (its seasonal factors are ratios). Gaps are
// honoured as R honours NA: a trend window with a gap has no trend, and the
// figure of a calendar month averages the values it has.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "calendar.hpp"
#include "change.hpp"
#include "error.hpp"
#include "moving_average.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

// ----------------------------------------------------------- SEASONAL NORMS

/// The span of a change: from the month before, or from the same month a year
/// earlier.
enum class change_span : unsigned char { month_over_month, year_over_year };

/// A percent change and the month it ends at.
struct dated_change {
    year_month month;
    double percent = 0;
};

/// Where the change ending at `month` stands among the same calendar-month
/// changes of every earlier year (see the header comment for the rules).
struct seasonal_norm_result {
    change_span span = change_span::month_over_month;
    dated_change current;
    /// One per earlier year with a defined change, oldest first.
    std::vector<dated_change> earlier;
    /// The end months of earlier changes left out (a gap, or from zero).
    std::vector<year_month> years_left_out;

    std::size_t count() const noexcept { return earlier.size(); }
    /// The median of the earlier changes. Precondition: count() > 0 (always
    /// true of a result `seasonal_norm` returns).
    double median() const {
        std::vector<double> v = sorted();
        const std::size_t n = v.size();
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
    /// The lowest earlier change (the earliest of equal ones).
    dated_change lowest() const {
        return *std::min_element(earlier.begin(), earlier.end(),
                                 [](const dated_change& a, const dated_change& b) { return a.percent < b.percent; });
    }
    /// The highest earlier change (the earliest of equal ones).
    dated_change highest() const {
        return *std::max_element(earlier.begin(), earlier.end(),
                                 [](const dated_change& a, const dated_change& b) { return a.percent < b.percent; });
    }
    /// 100 * (L + E/2) / N: L earlier changes below this one, E equal, N in all.
    double percentile() const {
        std::size_t below = 0;
        std::size_t equal = 0;
        for (const dated_change& c : earlier) {
            below += c.percent < current.percent ? 1 : 0;
            equal += c.percent == current.percent ? 1 : 0;
        }
        return 100.0 * (static_cast<double>(below) + static_cast<double>(equal) / 2) / static_cast<double>(count());
    }
    /// The number of earlier changes strictly above this one.
    std::size_t higher_count() const {
        std::size_t n = 0;
        for (const dated_change& c : earlier) n += c.percent > current.percent ? 1 : 0;
        return n;
    }

private:
    std::vector<double> sorted() const {
        std::vector<double> v;
        v.reserve(earlier.size());
        for (const dated_change& c : earlier) v.push_back(c.percent);
        std::sort(v.begin(), v.end());
        return v;
    }
};

namespace detail {
template <typename T>
std::optional<double> change_ending_at(const monthly_series<T>& s, year_month m, change_span span) {
    if (!s.in_range(m)) return std::nullopt;
    const months back = span == change_span::month_over_month ? months{1} : months{12};
    if (m.index() - s.first_month().index() < back.count()) return std::nullopt;
    return percent_change(s.at(m - back), s.at(m));
}
}  // namespace detail

/// The change of `s` ending at `m` against the same change in every earlier
/// year of `s`; empty when the change at `m` is undefined or no earlier year
/// has one.
template <typename T>
std::optional<seasonal_norm_result> seasonal_norm(const monthly_series<T>& s, year_month m, change_span span) {
    const auto now = detail::change_ending_at(s, m, span);
    if (!now) return std::nullopt;
    seasonal_norm_result r;
    r.span = span;
    r.current = {m, *now};
    // The earliest year whose change starts inside the series.
    const std::int32_t reach = span == change_span::month_over_month ? 1 : 12;
    const std::int32_t steps_back = (m.index() - reach - s.first_month().index()) / 12;
    for (std::int32_t k = steps_back; k >= 1; --k) {
        const year_month earlier = m - months{12 * k};
        if (const auto c = detail::change_ending_at(s, earlier, span))
            r.earlier.push_back({earlier, *c});
        else
            r.years_left_out.push_back(earlier);
    }
    if (r.earlier.empty()) return std::nullopt;
    return r;
}

// ----------------------------------------------------------- DECOMPOSITION

enum class decomposition_model : unsigned char { additive, multiplicative };

/// Classical decomposition of a monthly series (see the header comment).
struct decomposition {
    decomposition_model model = decomposition_model::additive;
    monthly_series<double> observed;
    monthly_series<double> trend;
    monthly_series<double> seasonal;
    monthly_series<double> remainder;
    /// The seasonally adjusted series: observed - seasonal, or observed / seasonal.
    monthly_series<double> adjusted;
    /// The seasonal figure of each calendar month: figure[0] is January.
    std::array<double, 12> figure{};
};

namespace detail {
inline void check_decomposable(const monthly_series<double>& x, decomposition_model model) {
    if (x.count_reported() < 24)
        raise(error("a classical decomposition needs at least 24 months with a figure (two years), not " +
                    std::to_string(x.count_reported())));
    if (model != decomposition_model::multiplicative) return;
    for (const auto& e : x)
        if (e.value && !(*e.value > 0))
            raise(error("a multiplicative decomposition needs figures above zero; " + to_string(e.month) +
                        " has " + std::to_string(*e.value) + " (use the additive model)"));
}

/// The centred seasonal figure by calendar month, from the detrended values.
inline std::array<double, 12> seasonal_figure(const monthly_series<double>& detrended, decomposition_model model) {
    std::array<double, 12> sum{};
    std::array<int, 12> n{};
    for (const auto& e : detrended) {
        if (!e.value) continue;
        sum[static_cast<std::size_t>(e.month.month() - 1)] += *e.value;
        ++n[static_cast<std::size_t>(e.month.month() - 1)];
    }
    std::array<double, 12> figure{};
    double mean = 0;
    for (std::size_t i = 0; i < 12; ++i) {
        if (n[i] == 0)
            raise(error("a classical decomposition needs a detrended value for every calendar month; " +
                        std::string(month_name(static_cast<int>(i) + 1)) + " has none"));
        figure[i] = sum[i] / n[i];
        mean += figure[i] / 12;
    }
    for (double& f : figure) f = model == decomposition_model::additive ? f - mean : f / mean;
    return figure;
}
}  // namespace detail

/// Classical decomposition of `s` with a 12-month season, as R's `decompose`.
template <typename T>
decomposition decompose(const monthly_series<T>& s, decomposition_model model) {
    decomposition d;
    d.model = model;
    d.observed = monthly_series<double>{s.months_range()};
    for (const auto& e : s)
        if (e.value) d.observed.set(e.month, static_cast<double>(*e.value));
    detail::check_decomposable(d.observed, model);
    const bool add = model == decomposition_model::additive;

    d.trend = centred_average(d.observed, 12);
    monthly_series<double> detrended{s.months_range()};
    for (const auto& e : d.observed)
        if (const auto t = d.trend.at(e.month); e.value && t) detrended.set(e.month, add ? *e.value - *t : *e.value / *t);
    d.figure = detail::seasonal_figure(detrended, model);

    d.seasonal = d.remainder = d.adjusted = monthly_series<double>{s.months_range()};
    for (const auto& e : d.observed) {
        const double f = d.figure[static_cast<std::size_t>(e.month.month() - 1)];
        d.seasonal.set(e.month, f);
        if (!e.value) continue;
        d.adjusted.set(e.month, add ? *e.value - f : *e.value / f);
        if (const auto t = d.trend.at(e.month)) d.remainder.set(e.month, add ? *e.value - f - *t : *e.value / f / *t);
    }
    return d;
}

/// The seasonally adjusted series of `s` (`decompose(s, model).adjusted`).
template <typename T>
monthly_series<double> seasonally_adjusted(const monthly_series<T>& s, decomposition_model model) {
    return decompose(s, model).adjusted;
}

}  // namespace v1
}  // namespace borderstats
