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
#include "error.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

/// What a (group, month) with no record means in a group-by result.
enum class absent_rows {
    gap,              ///< no figure (the default: nothing is assumed)
    zero,             ///< zero in a month the data cover; a month with no record at all is a gap
    zero_every_month  ///< zero in every month of the data's span, even one with no record at all
};

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

/// Dense sums indexed by (group code, month): the fast path of the group-by.
/// Groups are 0..group_count()-1 (e.g. dictionary codes); the month span and
/// the number of groups grow as records arrive. Memory is groups x months of
/// the span x (sizeof(T) + 1) bytes: the CBP and BTS readers and
/// io::sum_encounters refuse files spanning more than io::max_month_span
/// (1,200) months, so a file cannot make it ask for groups x 120,000 cells.
template <typename T = std::int64_t>
class dense_group_sums {
    static_assert(is_count_type_v<T>, "dense_group_sums<T> needs an arithmetic count type");

public:
    dense_group_sums() = default;
    /// Reserves room for `groups` groups over `span` months (both may grow).
    dense_group_sums(std::size_t groups, month_range span) { reserve(groups, span); }

    std::size_t group_count() const noexcept { return groups_; }
    /// The months seen so far (or reserved).
    month_range months_range() const noexcept {
        return width_ == 0 ? month_range{} : month_range::inclusive(first_, first_ + months{static_cast<std::int32_t>(width_) - 1});
    }
    [[deprecated("use months_range(), the name every type gives the months it covers (borderstats 0.2)")]]
    month_range months_span() const noexcept { return months_range(); }

    /// Adds `value` to (group, m). Checked for integers.
    void add(std::size_t group, year_month m, T value) {
        const std::size_t cell = cell_for(group, m);
        sums_[cell] = checked_add<T>(sums_[cell], value);
        present_[cell] = 1;
        covered_[static_cast<std::size_t>(m.index() - first_.index())] = 1;
    }

    /// Whether some group had a record in month `m`: a month the data cover,
    /// where `absent_rows::zero` reads an absent cell as 0.
    bool covers(year_month m) const noexcept {
        const std::int64_t i = std::int64_t{m.index()} - first_.index();
        return width_ != 0 && i >= 0 && i < static_cast<std::int64_t>(width_) && covered_[static_cast<std::size_t>(i)] != 0;
    }

    /// Adds every cell of `other` into this one (per-thread partial sums).
    void merge(const dense_group_sums& other) {
        if (other.width_ == 0) return;
        for (std::size_t g = 0; g < other.groups_; ++g) {
            for (std::size_t i = 0; i < other.width_; ++i) {
                const std::size_t src = g * other.width_ + i;
                if (!other.present_[src]) continue;
                add(g, other.first_ + months{static_cast<std::int32_t>(i)}, other.sums_[src]);
            }
        }
    }

    /// The series of one group over the whole span: gaps where no record was
    /// added, or zeros as `absent` says (see the file comment).
    monthly_series<T> series(std::size_t group, absent_rows absent = absent_rows::gap) const {
        monthly_series<T> out{months_range()};
        for (std::size_t i = 0; i < width_; ++i) {
            const std::size_t cell = group * width_ + i;
            const year_month m = first_ + months{static_cast<std::int32_t>(i)};
            if (group < groups_ && present_[cell])
                out.set(m, sums_[cell]);
            else if (zero_at(i, absent))
                out.set(m, T{});
        }
        return out;
    }

    /// The sum over all groups, by month.
    monthly_series<T> total(absent_rows absent = absent_rows::gap) const {
        monthly_series<T> out{months_range()};
        for (std::size_t i = 0; i < width_; ++i) {
            bool any = false;
            T sum{};
            for (std::size_t g = 0; g < groups_; ++g) {
                const std::size_t cell = g * width_ + i;
                if (!present_[cell]) continue;
                sum = checked_add<T>(sum, sums_[cell]);
                any = true;
            }
            if (any || zero_at(i, absent)) out.set(first_ + months{static_cast<std::int32_t>(i)}, sum);
        }
        return out;
    }

    void reserve(std::size_t groups, month_range span) {
        if (!span.empty()) {
            cell_for(0, span.front());
            cell_for(0, span.back());
        }
        if (groups > groups_) grow_groups(groups);
    }

private:
    // Whether an absent cell at month offset `i` reads as zero under `absent`.
    bool zero_at(std::size_t i, absent_rows absent) const noexcept {
        return absent == absent_rows::zero_every_month || (absent == absent_rows::zero && covered_[i] != 0);
    }
    std::size_t cell_for(std::size_t group, year_month m) {
        if (width_ == 0) {
            first_ = m;
            width_ = 1;
            if (groups_ == 0) groups_ = 1;
            sums_.assign(groups_ * width_, T{});
            present_.assign(groups_ * width_, 0);
            covered_.assign(width_, 0);
        } else if (m < first_ || m.index() - first_.index() >= static_cast<std::int32_t>(width_)) {
            grow_months(m);
        }
        if (group >= groups_) grow_groups(group + 1);
        return group * width_ + static_cast<std::size_t>(m.index() - first_.index());
    }
    void grow_months(year_month m) {
        const year_month new_first = m < first_ ? m : first_;
        const year_month old_last = first_ + months{static_cast<std::int32_t>(width_) - 1};
        const year_month new_last = m > old_last ? m : old_last;
        const auto new_width = static_cast<std::size_t>(std::int64_t{new_last.index()} - new_first.index() + 1);
        const auto shift = static_cast<std::size_t>(first_.index() - new_first.index());
        std::vector<T> sums(groups_ * new_width, T{});
        std::vector<unsigned char> present(groups_ * new_width, 0);
        for (std::size_t g = 0; g < groups_; ++g)
            for (std::size_t i = 0; i < width_; ++i) {
                sums[g * new_width + shift + i] = sums_[g * width_ + i];
                present[g * new_width + shift + i] = present_[g * width_ + i];
            }
        std::vector<unsigned char> covered(new_width, 0);
        for (std::size_t i = 0; i < width_; ++i) covered[shift + i] = covered_[i];
        sums_.swap(sums);
        present_.swap(present);
        covered_.swap(covered);
        first_ = new_first;
        width_ = new_width;
    }
    void grow_groups(std::size_t groups) {
        // Rows are contiguous per group, so new groups append at the end.
        groups_ = groups;
        sums_.resize(groups_ * width_, T{});
        present_.resize(groups_ * width_, 0);
    }

    year_month first_{};
    std::size_t width_ = 0;   // months per group
    std::size_t groups_ = 0;  // rows
    std::vector<T> sums_;
    std::vector<unsigned char> present_;
    std::vector<unsigned char> covered_;  // by month: some group had a record
};

}  // namespace v1
}  // namespace borderstats
