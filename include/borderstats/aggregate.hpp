// borderstats/aggregate.hpp: the aggregation core. Group-by sums of records
// into one monthly_series per group.
//
// Two paths, one meaning:
//
//   group_by(records, key, month, value [, filter])
//       any record type, any key you can project from a record (one
//       dimension, a tuple of several, or `no_key` for a single total); the
//       result is a std::map from key to monthly_series, ordered by key.
//
//   dense_group_sums<T>
//       the fast path when groups are small integer codes (interned
//       dimension strings): additions go into one flat array indexed by
//       (group, month); per-thread partial sums merge with `merge`.
//
// Sums are exact and checked (`overflow_error`, never a wrap). Several records
// for the same (group, month) are summed: CBP files split a month by
// demographic, citizenship and more, and a total is their sum.
//
// Missing versus zero: a (group, month) with no record is a gap in the result,
// not a zero, because a file that has no row for a month has not said that
// the figure was zero. Agencies that omit zero rows (CBP does) make "no row"
// mean zero in practice, but only for a cell: a month in which the data have
// no record at all (for any group) is not a month of zeros, it is a month the
// data do not cover (a cut download, an edited file). So the rules, named:
//
//   absent_rows::gap               (default) no record, no figure
//   absent_rows::zero              zero for a (group, month) the data omit, in
//                                  a month the data cover (some record, of any
//                                  group and before the filter, has that
//                                  month); a month inside the span with no
//                                  record at all stays a gap, so its fiscal
//                                  year is incomplete
//   absent_rows::zero_every_month  zero in every month from the first to the
//                                  last month of the data, even a month with
//                                  no record at all: only for data known to
//                                  leave out whole months whose counts were 0
//
// Every group's series spans the months of the data (of all records, before
// the filter) under both zero rules, so a group with no row in the first
// month of a file reads 0 there rather than starting later.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <type_traits>
#include <utility>
#include <vector>

#include "calendar.hpp"
#include "checked.hpp"
#include "dense_group_sums.hpp"
#include "error.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

/// The key of a group-by with no grouping: one total.
struct no_key {
    friend constexpr bool operator<(no_key, no_key) noexcept { return false; }
    friend constexpr bool operator==(no_key, no_key) noexcept { return true; }
};

/// A filter that keeps every record.
struct keep_all {
    template <typename Record>
    constexpr bool operator()(const Record&) const noexcept {
        return true;
    }
};

namespace detail {
/// The months some record has (before any filter): what `absent_rows::zero`
/// may fill. Sorted files repeat a month for many rows, so the last month is
/// kept to skip the set.
class months_seen {
public:
    void note(year_month m) {
        if (last_ && *last_ == m) return;
        last_ = m;
        months_.insert(m.index());
    }
    bool empty() const noexcept { return months_.empty(); }
    month_range span() const {
        return months_.empty() ? month_range{}
                               : month_range::inclusive(year_month::from_index(*months_.begin()),
                                                        year_month::from_index(*months_.rbegin()));
    }
    const std::set<std::int32_t>& indexes() const noexcept { return months_; }

private:
    std::optional<year_month> last_;
    std::set<std::int32_t> months_;
};

template <typename Map>
void fill_absent_with_zero(Map& groups, const months_seen& seen, absent_rows rule) {
    if (seen.empty()) return;
    const month_range span = seen.span();
    for (auto& [key, series] : groups) {
        (void)key;
        series.cover(span);
        if (rule == absent_rows::zero_every_month) {
            for (const year_month m : span)  // a range, so that year_month::max() ends it without a step past it
                if (!series.has_value(m)) series.set(m, {});
        } else {
            for (const std::int32_t i : seen.indexes())
                if (!series.has_value(year_month::from_index(i))) series.set(year_month::from_index(i), {});
        }
    }
}
}  // namespace detail

/// Sums `value(r)` by `key(r)` and `month(r)` over the records `r` that pass
/// `filter`. `month(r)` must give a year_month; `value(r)` a number converted
/// to `T` (checked for integers). Each projection is called through
/// std::invoke, so a member pointer works: `group_by(rows, &row::region,
/// &row::month, &row::count)`.
template <typename T = std::int64_t, typename Records, typename KeyFn, typename MonthFn, typename ValueFn,
          typename Filter = keep_all>
auto group_by(const Records& records, KeyFn key, MonthFn month, ValueFn value, Filter filter = {},
              absent_rows absent = absent_rows::gap) {
    using record_type = std::decay_t<decltype(*std::begin(records))>;
    using key_type = std::decay_t<std::invoke_result_t<KeyFn&, const record_type&>>;
    std::map<key_type, monthly_series<T>> groups;
    detail::months_seen seen;
    for (const auto& r : records) {
        const year_month m = std::invoke(month, r);
        if (absent != absent_rows::gap) seen.note(m);
        if (!std::invoke(filter, r)) continue;
        groups[std::invoke(key, r)].add(m, checked_cast<T>(std::invoke(value, r)));
    }
    if (absent != absent_rows::gap) detail::fill_absent_with_zero(groups, seen, absent);
    return groups;
}

/// One series: the sum by month over the records that pass `filter`.
template <typename T = std::int64_t, typename Records, typename MonthFn, typename ValueFn, typename Filter = keep_all>
monthly_series<T> total_by_month(const Records& records, MonthFn month, ValueFn value, Filter filter = {},
                                 absent_rows absent = absent_rows::gap) {
    auto groups = group_by<T>(records, [](const auto&) { return no_key{}; }, month, value, filter, absent);
    return groups.empty() ? monthly_series<T>{} : std::move(groups.begin()->second);
}

/// A group and its total over a period, as `top_groups` ranks them: a
/// `period_total` (series.hpp) of the months with a figure, and the group's key.
template <typename Key, typename Sum>
struct ranked_group : period_total<month_range, Sum> {
    Key key{};
};

/// The `n` groups with the highest total over `period` (a half-open
/// month_range), highest first; ties keep the groups' key order. A group
/// with no figure in the period is left out (it is not a zero); one with
/// some months missing ranks by what it reported and says so
/// (`complete()` is false): check it before calling it the top.
template <typename Key, typename T>
std::vector<ranked_group<Key, sum_t<T>>> top_groups(const std::map<Key, monthly_series<T>>& groups, std::size_t n,
                                                   month_range period) {
    std::vector<ranked_group<Key, sum_t<T>>> out;
    if (period.empty()) return out;
    for (const auto& [key, series] : groups) {
        const auto r = series.sum_reported(period.front(), period.back());
        if (r.months_reported == 0) continue;
        out.push_back({{period, r.total, r.months_reported, period.size()}, key});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ranked_group<Key, sum_t<T>>& a, const ranked_group<Key, sum_t<T>>& b) { return a.total > b.total; });
    if (out.size() > n) out.erase(out.begin() + static_cast<std::ptrdiff_t>(n), out.end());
    return out;
}
/// As above over a fiscal year or quarter: `top_groups(ports, 5, fy{2019})`.
template <typename Key, typename T, typename Period, typename = decltype(std::declval<const Period&>().months_range())>
std::vector<ranked_group<Key, sum_t<T>>> top_groups(const std::map<Key, monthly_series<T>>& groups, std::size_t n,
                                                   const Period& period) {
    return top_groups(groups, n, period.months_range());
}

}  // namespace v1
}  // namespace borderstats
