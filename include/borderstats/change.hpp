// borderstats/change.hpp: percent change, change<T>, rounding, percentage points.
//
// The percent change from `a` to `b` is (b - a) / a * 100. From zero it is
// undefined, and the result says so: `percent_change(0, 5)` is an empty
// optional, never inf or NaN (pandas' `pct_change` gave inf for years). A gap
// in a series is not a zero either: the series helpers here
// (`month_over_month`, `year_over_year`, `fytd_over_prior_fytd`) return an
// empty optional when either side has no figure.
//
// Rounding for display is half away from zero, as agencies print: +31.85%
// shows as "+31.9%" and +31.5% as "+32%". For integer counts,
// `change<T>::rounded_percent_change` rounds the exact rational value, so no binary
// floating-point error can move a result across a half.
//
// A share is a `percent`; the change between two shares is in
// `percentage_points`, a different type: 12% - 10% is 2 percentage points, not
// a 20% change, and the two do not mix by accident.
//
// Precision: counts are converted to double for the percent (exact below 2^53,
// about 9e15); the difference of two integer counts is computed exactly.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

#include "calendar.hpp"
#include "checked.hpp"
#include "detail/float.hpp"
#include "fiscal.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

// ------------------------------------------------------------ PERCENT CHANGE

/// (to - from) / from * 100; empty when `from` is zero or the result is not a
/// finite number.
template <typename From, typename To,
          typename = std::enable_if_t<std::is_arithmetic_v<From> && std::is_arithmetic_v<To>>>
constexpr std::optional<double> percent_change(From from, To to) noexcept {
    if (from == From{0}) return std::nullopt;
    double diff = 0;
    if constexpr (std::is_integral_v<From> && std::is_integral_v<To> && sizeof(From) <= 8 && sizeof(To) <= 8) {
        // Exact difference in 64 bits where it fits; the division is the only rounding.
        std::int64_t exact = 0;
        if (!detail::sub_overflow(to, from, &exact))
            diff = static_cast<double>(exact);
        else
            diff = static_cast<double>(to) - static_cast<double>(from);
    } else {
        diff = static_cast<double>(to) - static_cast<double>(from);
    }
    const double result = diff / static_cast<double>(from) * 100.0;
    // NaN, or an infinity (a tiny `from` of a floating-point type): no answer.
    if (!(result == result) || result > std::numeric_limits<double>::max() ||
        result < -std::numeric_limits<double>::max())
        return std::nullopt;
    return result;
}

/// As above; empty when either side is empty.
template <typename From, typename To>
constexpr std::optional<double> percent_change(const std::optional<From>& from, const std::optional<To>& to) noexcept {
    if (!from || !to) return std::nullopt;
    return percent_change(*from, *to);
}
/// From a figure that may be a gap (`s.at(m)`) to a number, and back.
template <typename From, typename To, typename = std::enable_if_t<std::is_arithmetic_v<To>>>
constexpr std::optional<double> percent_change(const std::optional<From>& from, To to) noexcept {
    if (!from) return std::nullopt;
    return percent_change(*from, to);
}
template <typename From, typename To, typename = std::enable_if_t<std::is_arithmetic_v<From>>>
constexpr std::optional<double> percent_change(From from, const std::optional<To>& to) noexcept {
    if (!to) return std::nullopt;
    return percent_change(from, *to);
}

// ----------------------------------------------------------------- ROUNDING

namespace detail {
inline constexpr double powers_of_ten[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
/// Places after the point that rounding and formatting take: 0 to 9.
constexpr int clamp_decimals(int decimals) noexcept { return decimals < 0 ? 0 : (decimals > 9 ? 9 : decimals); }
}  // namespace detail

/// Rounds `value` to `decimals` (0..9) places, halves away from zero. A value
/// within a few units in the last place of a half is taken as that half, since
/// the decimal the reader sees (0.285) is often stored just below it
/// (0.28499999...); a value farther from it (31.84999999) is not. That
/// window never exceeds 1/64 of a unit of the last place kept, so where a
/// double has few bits after the point (above 2^44 units) only a value that
/// is that half is one: 562949953421313 stays itself.
inline double round_half_away_from_zero(double value, int decimals = 0) {
    decimals = detail::clamp_decimals(decimals);
    if (!detail::fp_isfinite(value)) return value;
    const double scale = detail::powers_of_ten[decimals];
    double scaled = value * scale;
    const double half = detail::fp_trunc(scaled) + detail::fp_copysign(0.5, scaled);
    // The decimal's own error and that of the multiplication are each at most
    // half an ulp of `scaled`; four ulps leave room and nothing more.
    const double magnitude = detail::fp_fabs(scaled);
    const double window = 4 * std::numeric_limits<double>::epsilon() * (magnitude > 1.0 ? magnitude : 1.0);
    if (detail::fp_fabs(scaled - half) <= (window < 1.0 / 64 ? window : 1.0 / 64))
        scaled = half;
    return detail::fp_round(scaled) / scale;
}

// -------------------------------------------------- PERCENT AND POINTS

class percentage_points;

/// A share or rate, in percent (12.5 means 12.5%).
class percent {
public:
    constexpr percent() noexcept = default;
    constexpr explicit percent(double value) noexcept : value_(value) {}
    constexpr double value() const noexcept { return value_; }
    friend constexpr bool operator==(percent a, percent b) noexcept { return a.value_ == b.value_; }
    friend constexpr bool operator!=(percent a, percent b) noexcept { return a.value_ != b.value_; }
    friend constexpr bool operator<(percent a, percent b) noexcept { return a.value_ < b.value_; }
    friend constexpr bool operator>(percent a, percent b) noexcept { return a.value_ > b.value_; }
    friend constexpr bool operator<=(percent a, percent b) noexcept { return a.value_ <= b.value_; }
    friend constexpr bool operator>=(percent a, percent b) noexcept { return a.value_ >= b.value_; }

private:
    double value_ = 0;
};

/// The arithmetic difference between two percentages.
class percentage_points {
public:
    constexpr percentage_points() noexcept = default;
    constexpr explicit percentage_points(double value) noexcept : value_(value) {}
    constexpr double value() const noexcept { return value_; }
    friend constexpr bool operator==(percentage_points a, percentage_points b) noexcept { return a.value_ == b.value_; }
    friend constexpr bool operator!=(percentage_points a, percentage_points b) noexcept { return a.value_ != b.value_; }
    friend constexpr bool operator<(percentage_points a, percentage_points b) noexcept { return a.value_ < b.value_; }
    friend constexpr bool operator>(percentage_points a, percentage_points b) noexcept { return a.value_ > b.value_; }
    friend constexpr bool operator<=(percentage_points a, percentage_points b) noexcept { return a.value_ <= b.value_; }
    friend constexpr bool operator>=(percentage_points a, percentage_points b) noexcept { return a.value_ >= b.value_; }
    friend constexpr percentage_points operator-(percentage_points a) noexcept { return percentage_points{-a.value_}; }

private:
    double value_ = 0;
};

/// The change from one share to another, in points.
constexpr percentage_points operator-(percent later, percent earlier) noexcept {
    return percentage_points{later.value() - earlier.value()};
}
constexpr percent operator+(percent p, percentage_points d) noexcept { return percent{p.value() + d.value()}; }
constexpr percent operator-(percent p, percentage_points d) noexcept { return percent{p.value() - d.value()}; }

/// `part` as a percent of `whole`; empty when `whole` is zero.
template <typename Part, typename Whole>
constexpr std::optional<percent> share(Part part, Whole whole) noexcept {
    if (whole == Whole{0}) return std::nullopt;
    return percent{static_cast<double>(part) / static_cast<double>(whole) * 100.0};
}

// ------------------------------------------------------------------ CHANGE

/// A change from one figure to another: both ends, the difference and the
/// percent change.
template <typename T>
struct change {
    static_assert(std::is_arithmetic_v<T>, "change<T> needs an arithmetic type");
    /// Signed, so that a fall is negative even for unsigned counts.
    using difference_type = std::conditional_t<std::is_integral_v<T>, std::int64_t, T>;

    T from{};
    T to{};

    /// to - from, exact; throws `overflow_error` when it does not fit 64 bits.
    constexpr difference_type difference() const {
        if constexpr (std::is_integral_v<T>) {
            std::int64_t d = 0;
            if (detail::sub_overflow(to, from, &d))
                detail::raise(overflow_error("difference of two counts does not fit 64 bits"));
            return d;
        } else {
            return to - from;
        }
    }
    /// (to - from) / from * 100; empty when `from` is zero. (A `percent` is a
    /// share; this is a change, hence the name.)
    constexpr std::optional<double> percent_change() const noexcept { return ::borderstats::percent_change(from, to); }
    [[deprecated("use percent_change(): `percent` is the share type (borderstats 0.2)")]]
    constexpr std::optional<double> percent() const noexcept { return percent_change(); }
    [[deprecated("use rounded_percent_change() (borderstats 0.2)")]]
    std::optional<double> rounded_percent(int decimals = 0) const { return rounded_percent_change(decimals); }

    /// The percent change rounded to `decimals` places, halves away from
    /// zero. For integer counts the rounding is done on the exact fraction.
    std::optional<double> rounded_percent_change(int decimals = 0) const {
        decimals = detail::clamp_decimals(decimals);
        if constexpr (std::is_integral_v<T>) {
            if (from == T{0}) return std::nullopt;
#if defined(__SIZEOF_INT128__)
            __extension__ using wide = __int128;
            const wide scale = static_cast<wide>(detail::powers_of_ten[decimals]);
            const wide num = (static_cast<wide>(to) - static_cast<wide>(from)) * 100 * scale;
            const wide den = static_cast<wide>(from);
            const wide abs_num = num < 0 ? -num : num;
            const wide abs_den = den < 0 ? -den : den;
            const wide q = (2 * abs_num + abs_den) / (2 * abs_den);  // |num/den| rounded half up
            const bool negative = (num < 0) != (den < 0);
            const double magnitude = static_cast<double>(q) / detail::powers_of_ten[decimals];
            return negative ? -magnitude : magnitude;
#else
            return round_half_away_from_zero(*percent_change(), decimals);
#endif
        } else {
            const auto p = percent_change();
            if (!p) return std::nullopt;
            return round_half_away_from_zero(*p, decimals);
        }
    }

    friend constexpr bool operator==(const change& a, const change& b) noexcept { return a.from == b.from && a.to == b.to; }
    friend constexpr bool operator!=(const change& a, const change& b) noexcept { return !(a == b); }
};

template <typename T>
constexpr change<T> make_change(T from, T to) noexcept {
    return change<T>{from, to};
}

// --------------------------------------------------------- SERIES HELPERS

/// From the month before `m` to `m`; empty when either has no figure.
template <typename T>
std::optional<change<T>> month_over_month(const monthly_series<T>& s, year_month m) {
    const auto before = s.at(m - months{1});
    const auto now = s.at(m);
    if (!before || !now) return std::nullopt;
    return change<T>{*before, *now};
}

/// From the same month a year earlier to `m`; empty when either has no figure.
template <typename T>
std::optional<change<T>> year_over_year(const monthly_series<T>& s, year_month m) {
    const auto before = s.at(m - years{1});
    const auto now = s.at(m);
    if (!before || !now) return std::nullopt;
    return change<T>{*before, *now};
}

/// Fiscal year to date through `m` against the same months of the previous
/// fiscal year (U.S. federal unless named); empty when any of those months
/// has no figure.
template <typename Calendar = us_federal, typename T>
std::optional<change<sum_t<T>>> fytd_over_prior_fytd(const monthly_series<T>& s, year_month m) {
    const auto now = s.template fiscal_year_to_date<Calendar>(m);
    const auto before = s.template same_period_last_year<Calendar>(m);
    if (!before || !now) return std::nullopt;
    return change<sum_t<T>>{*before, *now};
}

}  // namespace v1
}  // namespace borderstats
