// borderstats/analysis.hpp: streaks over a threshold, records, rankings.
//
// The figures statements are built from:
//   "the third straight month with at least 100,000"
//       streak_at_least(s, may19, 100'000) == 3: the run of consecutive months
//       ending at a month whose values are at or above a threshold. A month
//       with no figure breaks the run (it is not known to be above).
//   "the highest since March 2007"
//       highest_since(s, m): the latest earlier month with a value at or above
//       the value of `m`. A month with no figure ends the search, as it ends a
//       streak: it might have been higher, so nothing before it is claimed.
//       Empty when the search ends without one: at the first month of the
//       series (a record: `is_record_high`), at a gap (unknown), or when `m`
//       itself has no figure.
//   "the fourth-highest month on record"
//       rank_of(s, m): 1 for the highest; ties share the better rank
//       ("competition" ranking: 1, 2, 2, 4). It ranks `m` among the months
//       with a figure, so with gaps in the series it is the best rank `m` can
//       have: rank_range_of(s, m) says how many months were missing and the
//       worst rank (every gap above `m`). "The highest month" holds only when
//       both are 1. Empty when `m` itself has no figure.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "calendar.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

/// A run of consecutive months, both ends included.
struct streak {
    year_month first;
    year_month last;
    int length = 0;
    friend constexpr bool operator==(const streak& a, const streak& b) noexcept {
        return a.first == b.first && a.last == b.last && a.length == b.length;
    }
};

/// The number of consecutive months ending at `m` whose value is at or above
/// `threshold`; 0 when `m` has no figure or is below it.
template <typename T>
int streak_at_least(const monthly_series<T>& s, year_month m, typename monthly_series<T>::value_type threshold) {
    int length = 0;
    if (s.empty()) return 0;
    for (year_month cur = m; cur >= s.first_month(); --cur) {
        const auto v = s.at(cur);
        if (!v || *v < threshold) break;
        ++length;
        if (cur == s.first_month()) break;
    }
    return length;
}

/// Every maximal run of months at or above `threshold`, in order.
template <typename T>
std::vector<streak> streaks_at_least(const monthly_series<T>& s, typename monthly_series<T>::value_type threshold) {
    std::vector<streak> out;
    std::optional<streak> open;
    for (const auto& e : s) {
        if (e.value && *e.value >= threshold) {
            if (open) {
                open->last = e.month;
                ++open->length;
            } else {
                open = streak{e.month, e.month, 1};
            }
        } else if (open) {
            out.push_back(*open);
            open.reset();
        }
    }
    if (open) out.push_back(*open);
    return out;
}

/// The longest run at or above `threshold` (the earliest of equally long ones);
/// empty when no month reaches it.
template <typename T>
std::optional<streak> longest_streak_at_least(const monthly_series<T>& s, typename monthly_series<T>::value_type threshold) {
    std::optional<streak> best;
    for (const streak& r : streaks_at_least(s, threshold))
        if (!best || r.length > best->length) best = r;
    return best;
}

namespace detail {
/// How a search back from a month ended.
enum class search_end { found, series_start, gap };

/// Walks back from the month before `m` (which has a figure) while months
/// have figures, to the first whose value `hit(value)` accepts.
template <typename T, typename Hit>
std::pair<search_end, year_month> search_back(const monthly_series<T>& s, year_month m, Hit hit) {
    for (year_month cur = m; cur > s.first_month();) {
        --cur;
        const auto w = s.at(cur);
        if (!w) return {search_end::gap, cur};
        if (hit(*w)) return {search_end::found, cur};
    }
    return {search_end::series_start, m};
}

template <typename T, typename Hit>
std::optional<year_month> found_back(const monthly_series<T>& s, year_month m, Hit hit) {
    const auto [end, month] = search_back(s, m, hit);
    return end == search_end::found ? std::optional<year_month>(month) : std::nullopt;
}
}  // namespace detail

/// The latest month before `m` with a value at or above that of `m`, looking
/// back no further than the first gap (see the file comment).
template <typename T>
std::optional<year_month> highest_since(const monthly_series<T>& s, year_month m) {
    const auto v = s.at(m);
    if (!v) return std::nullopt;
    return detail::found_back(s, m, [&](const T& w) { return w >= *v; });
}

/// The latest month before `m` with a value at or below that of `m`, looking
/// back no further than the first gap.
template <typename T>
std::optional<year_month> lowest_since(const monthly_series<T>& s, year_month m) {
    const auto v = s.at(m);
    if (!v) return std::nullopt;
    return detail::found_back(s, m, [&](const T& w) { return w <= *v; });
}

/// True when `m` has a figure and every earlier month of the series has one
/// below it; false when a month before it has no figure (it might have been
/// higher).
template <typename T>
bool is_record_high(const monthly_series<T>& s, year_month m) {
    const auto v = s.at(m);
    return v && detail::search_back(s, m, [&](const T& w) { return w >= *v; }).first == detail::search_end::series_start;
}

enum class rank_order { highest_first, lowest_first };

/// A month, its value and its rank.
template <typename T>
struct ranked_month {
    year_month month;
    T value{};
    int rank = 0;
};

/// The months with a figure, best first; ties share the better rank and are
/// listed in chronological order.
template <typename T>
std::vector<ranked_month<T>> rank_months(const monthly_series<T>& s, rank_order order = rank_order::highest_first) {
    std::vector<ranked_month<T>> out;
    out.reserve(s.count_reported());
    for (const auto& e : s)
        if (e.value) out.push_back({e.month, *e.value, 0});
    const bool high = order == rank_order::highest_first;
    std::stable_sort(out.begin(), out.end(), [high](const ranked_month<T>& a, const ranked_month<T>& b) {
        return high ? a.value > b.value : a.value < b.value;
    });
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].rank = (i > 0 && out[i].value == out[i - 1].value) ? out[i - 1].rank : static_cast<int>(i + 1);
    return out;
}

/// Where a month ranks in a series that may have gaps: `best` is its rank
/// among the `ranked` months with a figure (what rank_of gives), `worst` the
/// rank it would have if each of the `missing` months of the series' range
/// were above it (below it, lowest first). The true rank lies in [best, worst].
struct rank_range {
    int best = 0;
    int worst = 0;
    int ranked = 0;
    int missing = 0;
    /// True when no month of the series is missing: the rank is known.
    constexpr bool exact() const noexcept { return missing == 0; }
};

/// The rank of `m` among the months with a figure and how many months had
/// none (see rank_range); empty when `m` has no figure.
template <typename T>
std::optional<rank_range> rank_range_of(const monthly_series<T>& s, year_month m,
                                        rank_order order = rank_order::highest_first) {
    const auto v = s.at(m);
    if (!v) return std::nullopt;
    rank_range r;
    int better = 0;
    for (const auto& e : s) {
        if (!e.value) {
            ++r.missing;
            continue;
        }
        ++r.ranked;
        if (order == rank_order::highest_first ? *e.value > *v : *e.value < *v) ++better;
    }
    r.best = better + 1;
    r.worst = r.best + r.missing;
    return r;
}

/// The rank of `m` among the months with a figure (1 = highest by default);
/// empty when `m` has no figure. A gap is not ranked: with gaps this is the
/// best rank `m` can have, and a caller that prints it says how many months
/// were missing (rank_range_of).
template <typename T>
std::optional<int> rank_of(const monthly_series<T>& s, year_month m, rank_order order = rank_order::highest_first) {
    const auto r = rank_range_of(s, m, order);
    return r ? std::optional<int>(r->best) : std::nullopt;
}

}  // namespace v1
}  // namespace borderstats
