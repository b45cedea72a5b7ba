// borderstats/series.hpp: monthly_series<T>, counts over a run of months.
//
// A `monthly_series<T>` holds one value of an arithmetic type `T` for each
// month of a contiguous range, stored densely (a month is an index), and it
// knows which months have *no figure*. A missing month is not a zero:
//
//   - `at(m)` is the figure or an empty optional (outside the range, or a
//     gap); `s[m]` is the figure and throws `missing_data_error` for either,
//     so the shortest spelling never reads a gap as zero;
//   - `sum(from, to)` is an empty optional when any month in [from, to] is
//     missing (`require_sum` throws `missing_data_error` naming it instead, and
//     `sum_reported` adds what there is and says how many months are missing);
//   - fiscal-year totals, fiscal-year-to-date and rolling sums follow the same
//     rule; roll-ups to fiscal years and quarters keep the partial total and say
//     how many months it covers.
//
// `slice(from, to)` cuts a series of its own; `max()`/`argmax()` and
// `min()`/`argmin()` skip gaps; `calendar_year_total(2018)` is January to
// December. The calendar of the fiscal-year functions is `us_federal` unless
// named (`fiscal_year_to_date<uk>(m)`).
//
// Integer sums are exact: they accumulate in `sum_t<T>` (64 bits) with checked
// additions that throw `overflow_error` rather than wrap.
//
// All month ranges taken by the member functions are inclusive at both ends,
// as people say them ("March to May"); `month_range` is half-open. Two months
// in the wrong order (`sum(may, march)`) are a mistake, not an empty range:
// `sum`, `require_sum` and `sum_reported` throw `error` naming both (before
// 0.1.0, the first release, they gave 0). An empty range that should sum to 0 is a `month_range`:
// `sum(month_range::inclusive(from, to))` is 0 when `to` < `from`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "calendar.hpp"
#include "checked.hpp"
#include "error.hpp"
#include "fiscal.hpp"

namespace borderstats {
inline namespace v1 {

/// A total over a period (a fiscal year, a quarter) that may cover only part
/// of it: `months_reported` of `months_in_period` had a figure.
template <typename Period, typename Sum>
struct period_total {
    Period period;
    Sum total{};
    int months_reported = 0;
    int months_in_period = 0;

    constexpr bool complete() const noexcept { return months_reported == months_in_period; }
    /// The total when every month of the period had a figure.
    constexpr std::optional<Sum> complete_total() const noexcept {
        return complete() ? std::optional<Sum>{total} : std::nullopt;
    }
};

/// The sum of the months that had a figure in a range, and how many did not.
template <typename Sum>
struct reported_sum {
    Sum total{};
    int months_reported = 0;
    int months_missing = 0;
    constexpr bool complete() const noexcept { return months_missing == 0; }
};

/// A figure and its month (what `max()` and `min()` give).
template <typename T>
struct dated_value {
    year_month month;
    T value{};
    friend constexpr bool operator==(const dated_value& a, const dated_value& b) noexcept {
        return a.month == b.month && a.value == b.value;
    }
    friend constexpr bool operator!=(const dated_value& a, const dated_value& b) noexcept { return !(a == b); }
};

template <typename T>
class monthly_series {
    static_assert(is_count_type_v<T>, "monthly_series<T> needs an arithmetic count type such as std::int64_t");

public:
    using value_type = T;
    using sum_type = sum_t<T>;

    /// One month of the series: the month and its value, empty for a gap.
    struct entry {
        year_month month;
        std::optional<T> value;
    };

    // ------------------------------------------------------ CONSTRUCTION

    /// An empty series: no months.
    monthly_series() = default;

    /// Every month of `range`, all missing.
    explicit monthly_series(month_range range)
        : first_(range.empty() ? year_month{} : range.front()),
          values_(static_cast<std::size_t>(range.size())),
          present_(static_cast<std::size_t>(range.size()), 0) {}

    /// Consecutive values from `first` on, all present.
    monthly_series(year_month first, std::initializer_list<T> values)
        : first_(first), values_(values), present_(values.size(), 1) {
        check_fits();
    }
    monthly_series(year_month first, std::vector<T> values)
        : first_(first), values_(std::move(values)), present_(values_.size(), 1) {
        check_fits();
    }
    /// Consecutive values from `first` on; an empty optional is a gap.
    monthly_series(year_month first, const std::vector<std::optional<T>>& values)
        : first_(first), values_(values.size()), present_(values.size(), 0) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (values[i]) {
                values_[i] = *values[i];
                present_[i] = 1;
            }
        }
        check_fits();
    }

    // --------------------------------------------------------- ACCESSORS

    /// The months the series spans (gaps included).
    month_range months_range() const noexcept {
        return empty() ? month_range{} : month_range::inclusive(first_, first_ + months{static_cast<std::int32_t>(values_.size()) - 1});
    }
    [[deprecated("use months_range(), the name every type gives the months it covers (borderstats 0.2)")]]
    month_range range() const noexcept { return months_range(); }
    bool empty() const noexcept { return values_.empty(); }
    /// Number of months spanned, gaps included.
    std::size_t size() const noexcept { return values_.size(); }
    /// Precondition: not empty.
    year_month first_month() const noexcept { return first_; }
    /// Precondition: not empty.
    year_month last_month() const { return first_ + months{static_cast<std::int32_t>(values_.size()) - 1}; }
    /// Number of months that have a figure.
    std::size_t count_reported() const noexcept {
        std::size_t n = 0;
        for (unsigned char p : present_) n += p;
        return n;
    }

    bool in_range(year_month m) const noexcept { return offset(m).has_value(); }
    bool has_value(year_month m) const noexcept {
        const auto i = offset(m);
        return i && present_[*i] != 0;
    }
    /// The value of `m`; empty outside the range and for a gap.
    std::optional<T> at(year_month m) const noexcept {
        const auto i = offset(m);
        if (!i || present_[*i] == 0) return std::nullopt;
        return values_[*i];
    }
    /// The figure of `m`; throws `missing_data_error` naming the month for a
    /// gap or a month outside the series (never a zero read from a gap). `at`
    /// is the form for a month that may have no figure.
    T operator[](year_month m) const {
        const auto i = offset(m);
        if (!i || present_[*i] == 0)
            detail::raise(missing_data_error("no figure for " + to_string(m) +
                                             (i ? " (a gap in the series)" : " (outside the series)")));
        return values_[*i];
    }
    T value_or(year_month m, T fallback) const noexcept { return at(m).value_or(fallback); }

    // ------------------------------------------------------ MODIFICATION

    /// Sets the value of `m`, widening the range when `m` is outside it (the
    /// months added in between are gaps).
    void set(year_month m, T value) {
        const std::size_t i = widen_to(m);
        values_[i] = value;
        present_[i] = 1;
    }
    /// Adds `value` to the figure of `m` (a gap counts as no figure yet: the
    /// result is `value`), widening the range as `set` does. Integer additions
    /// are checked.
    void add(year_month m, T value) {
        const std::size_t i = widen_to(m);
        values_[i] = present_[i] ? checked_add<T>(values_[i], value) : value;
        present_[i] = 1;
    }
    /// Makes `m` a gap (no figure). Does nothing outside the range.
    void erase(year_month m) noexcept {
        if (const auto i = offset(m)) {
            values_[*i] = T{};
            present_[*i] = 0;
        }
    }
    /// Widens the range to cover `range` too; new months are gaps.
    void cover(month_range range) {
        if (range.empty()) return;
        widen_to(range.front());
        widen_to(range.back());
    }

    // -------------------------------------------------------------- SUMS

    /// The sum over [from, to], both included; empty when a month in it has no
    /// figure or lies outside the series. Throws `error` when `to` < `from`
    /// (an empty range that sums to 0 is the month_range overload's).
    std::optional<sum_type> sum(year_month from, year_month to) const {
        const reported_sum<sum_type> r = sum_reported(from, to);
        if (!r.complete()) return std::nullopt;
        return r.total;
    }
    std::optional<sum_type> sum(month_range range) const {
        return range.empty() ? std::optional<sum_type>{sum_type{}} : sum(range.front(), range.back());
    }
    /// The sum over [from, to]; throws `missing_data_error` naming the first
    /// month without a figure.
    sum_type require_sum(year_month from, year_month to) const {
        // month_range's iterator, not ++m: `to` may be year_month::max().
        for (year_month m : month_range::inclusive(from, to))
            if (!has_value(m))
                detail::raise(missing_data_error("no figure for " + to_string(m) + " in the sum from " +
                                                 to_string(from) + " to " + to_string(to)));
        return *sum(from, to);
    }
    /// The sum of the months in [from, to] that have a figure, with the count
    /// of those that do not (months outside the series count as missing).
    /// Throws `error` when `to` < `from`.
    reported_sum<sum_type> sum_reported(year_month from, year_month to) const {
        reported_sum<sum_type> r;
        if (to < from)
            detail::raise(error("a sum from " + to_string(from) + " to " + to_string(to) +
                                ": the months are in the wrong order (the first is after the last)"));
        for (year_month m : month_range::inclusive(from, to)) {
            if (const auto v = at(m)) {
                r.total = checked_add<sum_type>(r.total, static_cast<sum_type>(*v));
                ++r.months_reported;
            } else {
                ++r.months_missing;
            }
        }
        return r;
    }

    /// The total of fiscal year `fy`; empty unless all twelve months have a figure.
    template <typename Calendar>
    std::optional<sum_type> fiscal_year_total(fiscal_year<Calendar> fy) const {
        return sum(fy.first_month(), fy.last_month());
    }
    /// The total of calendar year `year`, January to December; empty unless
    /// all twelve months have a figure.
    std::optional<sum_type> calendar_year_total(int year) const {
        return sum(year_month{year, 1}, year_month{year, 12});
    }
    /// Fiscal year to date: from the first month of the fiscal year containing
    /// `through` up to `through`, included. Empty when a month has no figure.
    /// The calendar is U.S. federal unless named: `fiscal_year_to_date<uk>(m)`.
    template <typename Calendar = us_federal>
    std::optional<sum_type> fiscal_year_to_date(year_month through) const {
        return sum(fiscal_year<Calendar>::containing(through).first_month(), through);
    }
    /// The same month a year earlier.
    std::optional<T> same_month_last_year(year_month m) const { return at(m - years{1}); }
    /// Fiscal year to date a year earlier: the same stretch of months of the
    /// previous fiscal year, for a like-for-like comparison.
    template <typename Calendar = us_federal>
    std::optional<sum_type> same_period_last_year(year_month through) const {
        return fiscal_year_to_date<Calendar>(through - years{1});
    }

    /// The series of sums over the `window` months ending at each month; a
    /// month whose window reaches a gap or the start of the series is a gap.
    monthly_series<sum_type> rolling_sum(int window) const {
        if (window < 1) detail::raise(error("rolling_sum needs a window of at least one month"));
        monthly_series<sum_type> out{months_range()};
        for (year_month m : months_range()) {
            // A window that starts before the series is a gap (and its first
            // month may not even be representable).
            if (m.index() - first_.index() < window - 1) continue;
            if (const auto s = sum(m - months{window - 1}, m)) out.set(m, *s);
        }
        return out;
    }

    /// One total per fiscal year the series touches, in order: the sum of the
    /// months with a figure, and how many of the twelve those are.
    template <typename Calendar = us_federal>
    std::vector<period_total<fiscal_year<Calendar>, sum_type>> by_fiscal_year() const {
        return roll_up<fiscal_year<Calendar>>();
    }
    /// One total per fiscal quarter the series touches, in order.
    template <typename Calendar = us_federal>
    std::vector<period_total<fiscal_quarter<Calendar>, sum_type>> by_fiscal_quarter() const {
        return roll_up<fiscal_quarter<Calendar>>();
    }

    // ------------------------------------------------ SLICES AND EXTREMES

    /// The months [from, to], both included, as a series of their own: the
    /// figures and gaps of this series, and gaps for months outside it. Empty
    /// when `to` < `from`. A table or a change over a slice sees only the
    /// slice: `series_table(s, range)` keeps the first month's MoM and YoY.
    monthly_series slice(year_month from, year_month to) const {
        monthly_series out;
        if (to < from) return out;
        out = monthly_series{month_range::inclusive(from, to)};
        for (year_month m : month_range::inclusive(from, to))
            if (const auto i = offset(m); i && present_[*i]) out.set(m, values_[*i]);
        return out;
    }

    /// The highest figure and its month (the earliest on a tie); empty when
    /// no month has a figure.
    std::optional<dated_value<T>> max() const { return extreme(true); }
    /// The lowest figure and its month (the earliest on a tie).
    std::optional<dated_value<T>> min() const { return extreme(false); }
    /// The month of the highest figure (the earliest on a tie).
    std::optional<year_month> argmax() const {
        const auto m = max();
        return m ? std::optional<year_month>{m->month} : std::nullopt;
    }
    /// The month of the lowest figure (the earliest on a tie).
    std::optional<year_month> argmin() const {
        const auto m = min();
        return m ? std::optional<year_month>{m->month} : std::nullopt;
    }

    // --------------------------------------------------------- ITERATION

    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = entry;
        using difference_type = std::ptrdiff_t;
        using pointer = const entry*;
        using reference = entry;

        const_iterator() = default;
        entry operator*() const { return entry{series_->first_ + months{static_cast<std::int32_t>(i_)}, series_->at_offset(i_)}; }
        const_iterator& operator++() noexcept {
            ++i_;
            return *this;
        }
        const_iterator operator++(int) noexcept {
            const_iterator old = *this;
            ++i_;
            return old;
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) noexcept { return a.i_ == b.i_; }
        friend bool operator!=(const const_iterator& a, const const_iterator& b) noexcept { return a.i_ != b.i_; }

    private:
        friend class monthly_series;
        const_iterator(const monthly_series* s, std::size_t i) noexcept : series_(s), i_(i) {}
        const monthly_series* series_ = nullptr;
        std::size_t i_ = 0;
    };

    /// Iterates over every month of the range as `entry{month, value}`.
    const_iterator begin() const noexcept { return const_iterator{this, 0}; }
    const_iterator end() const noexcept { return const_iterator{this, values_.size()}; }

    /// The stored values, one per month from `first_month()` (gaps read as T{}).
    const std::vector<T>& raw_values() const noexcept { return values_; }

    friend bool operator==(const monthly_series& a, const monthly_series& b) {
        if (a.size() != b.size()) return false;
        if (a.empty()) return true;
        if (a.first_ != b.first_ || a.present_ != b.present_) return false;
        for (std::size_t i = 0; i < a.values_.size(); ++i)
            if (a.present_[i] && a.values_[i] != b.values_[i]) return false;
        return true;
    }
    friend bool operator!=(const monthly_series& a, const monthly_series& b) { return !(a == b); }

private:
    std::optional<std::size_t> offset(year_month m) const noexcept {
        const std::int64_t d = static_cast<std::int64_t>(m.index()) - first_.index();
        if (d < 0 || d >= static_cast<std::int64_t>(values_.size())) return std::nullopt;
        return static_cast<std::size_t>(d);
    }
    std::optional<T> at_offset(std::size_t i) const noexcept {
        return present_[i] ? std::optional<T>{values_[i]} : std::nullopt;
    }
    void check_fits() const {
        if (!values_.empty()) (void)(first_ + months{static_cast<std::int32_t>(values_.size()) - 1});
    }
    /// Makes `m` part of the range and returns its offset.
    std::size_t widen_to(year_month m) {
        if (values_.empty()) {
            first_ = m;
            values_.assign(1, T{});
            present_.assign(1, 0);
            return 0;
        }
        if (m < first_) {
            const auto extra = static_cast<std::size_t>(first_.index() - m.index());
            values_.insert(values_.begin(), extra, T{});
            present_.insert(present_.begin(), extra, 0);
            first_ = m;
            return 0;
        }
        const auto i = static_cast<std::size_t>(m.index() - first_.index());
        if (i >= values_.size()) {
            values_.resize(i + 1, T{});
            present_.resize(i + 1, 0);
        }
        return i;
    }

    std::optional<dated_value<T>> extreme(bool highest) const {
        std::optional<dated_value<T>> best;
        for (std::size_t i = 0; i < values_.size(); ++i) {
            if (!present_[i]) continue;
            if (!best || (highest ? values_[i] > best->value : values_[i] < best->value))
                best = dated_value<T>{first_ + months{static_cast<std::int32_t>(i)}, values_[i]};
        }
        return best;
    }

    template <typename Period>
    std::vector<period_total<Period, sum_type>> roll_up() const {
        std::vector<period_total<Period, sum_type>> out;
        if (empty()) return out;
        for (Period p = Period::containing(first_); p.first_month() <= last_month(); p = p.next()) {
            const reported_sum<sum_type> r = sum_reported(p.first_month(), p.last_month());
            out.push_back({p, r.total, r.months_reported, p.months_range().size()});
        }
        return out;
    }

    year_month first_{};
    std::vector<T> values_;
    // One byte per month rather than vector<bool>: the aggregation core writes
    // it in tight loops.
    std::vector<unsigned char> present_;
};

}  // namespace v1
}  // namespace borderstats
