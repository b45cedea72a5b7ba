// borderstats/releases.hpp: release_history<T>, what was published when.
//
// Agencies publish a month's figure, then revise it in later releases: CBP's
// file of September 2025 gives October 2024 as 106,321, the final FY2025 file
// as 106,316. A `release_history<T>` keeps every release (a publication date,
// a label, the file it came from, and a `monthly_series<T>` of its figures)
// and answers "what was known on day D" and "what changed since":
//
//     release_history<std::int64_t> h;
//     h.add(civil_date{2025, 9, 15}, "August 2025", "sbo-aug.csv", august_series);
//     h.add(civil_date{2026, 1, 14}, "final FY2025", "state.csv", final_series);
//     h.as_of(civil_date{2025, 10, 1}).at(year_month{2024, 10});   // 106'321
//     h.latest(year_month{2024, 10})->value;                        // 106'316, with its release
//
// The rules, each one tested:
//   - Later publication wins: `as_of(D)` gives, for each month, the figure of
//     the latest release published on or before D that gives that month;
//     `latest()` is `as_of` the end of time.
//   - Two releases published the same day that both give a month are an
//     error (`release_conflict`, naming both and the month): which figure
//     would win is not knowable. So are a release known only by its month
//     (`2024-01`) and one dated inside that month (`2024-01-20`): either may
//     have come first (`order_unknown`). Such releases of other months are fine.
//   - A month that no release gives is a gap, never zero (as in series.hpp).
//   - A later release whose span covers a month that an earlier release gave,
//     but which gives no figure for it, has *dropped* that month: `dropped()`
//     reports it and `as_of` keeps the earlier figure; it is never read as a
//     gap or as zero. A later release that simply ends earlier, or starts
//     later, drops nothing.
//   - Every figure a query returns says which release it came from
//     (`release_figure::release`, an index into `releases()`, which never
//     reorders), and sums say every release they used.
//
// A release may also carry totals it printed for a span of months (CBP's
// "fiscal year to date" and year totals, `range_total`): `sum` of a span adds
// the months when all have a figure, and takes a total printed for exactly
// that span when they do not, or when it was published after all of them;
// `release_sum::printed_total` says which it did.
//
// Grouped data (a `group_by` by citizenship or state) is a
// `keyed_release_history<Key, T>`: one history per group, releases added for
// all groups at once.
//
// io/vintages.hpp and io/cbp.hpp are two ways to fill one of these: the
// release-vintages file (each row carries its own publication date) and CBP
// encounter files (one file, one release).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "calendar.hpp"
#include "checked.hpp"
#include "civil_date.hpp"
#include "error.hpp"
#include "fiscal.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

/// The day a release came out, or only its month ("2019-02"), in which case
/// `date` is the last day of that month: the first day it surely was out.
struct publication_date {
    civil_date date{};
    bool day_known = true;

    constexpr publication_date() noexcept = default;
    /// A date with its day known converts implicitly: `h.add(civil_date{...}, ...)`.
    constexpr publication_date(civil_date d, bool day_is_known = true) noexcept : date(d), day_known(day_is_known) {}
    /// Published some day of month `m`, counted from its last day.
    static constexpr publication_date some_day_of(year_month m) noexcept { return {civil_date::end_of(m), false}; }

    /// Reads "YYYY-MM-DD" (a day that exists) or "YYYY-MM" (the day unknown);
    /// empty for anything else, with `*why` (when given) set to `message`.
    static constexpr std::string_view message =
        "expected a publication date YYYY-MM-DD, or YYYY-MM when only the month is known";
    static constexpr std::optional<publication_date> try_parse(std::string_view text,
                                                               std::string_view* why = nullptr) noexcept {
        const auto p = of(text);
        if (!p) detail::set_why(why, message);
        return p;
    }

private:
    static constexpr std::optional<publication_date> of(std::string_view text) noexcept {
        if (text.size() != 7 && text.size() != 10) return std::nullopt;
        if (text[4] != '-' || (text.size() == 10 && text[7] != '-')) return std::nullopt;
        const auto y = detail::parse_small_unsigned(text.substr(0, 4), 4);
        const auto m = detail::parse_small_unsigned(text.substr(5, 2), 2);
        if (!y || !m || *m < 1 || *m > 12) return std::nullopt;
        if (text.size() == 7) return some_day_of(year_month{*y, *m});
        const auto d = detail::parse_small_unsigned(text.substr(8, 2), 2);
        if (!d) return std::nullopt;
        if (const auto date = civil_date::try_from_parts(*y, *m, *d)) return publication_date{*date, true};
        return std::nullopt;
    }

public:

    /// "2019-06-05", or "2019-02" when the day is unknown.
    std::string to_string() const {
        std::string s = date.to_string();
        return day_known ? s : s.substr(0, s.size() - 3);
    }
    friend constexpr bool operator==(const publication_date& a, const publication_date& b) noexcept {
        return a.date == b.date && a.day_known == b.day_known;
    }
    friend constexpr bool operator!=(const publication_date& a, const publication_date& b) noexcept {
        return !(a == b);
    }
    /// True when which of `a` and `b` came out first cannot be known: they
    /// fall on the same day, or one gives only its month ("2024-01") and the
    /// other falls in that month (2024-01-20 may be before or after it).
    friend constexpr bool order_unknown(const publication_date& a, const publication_date& b) noexcept {
        if (a.date == b.date) return true;
        return (!a.day_known || !b.day_known) && a.date.year == b.date.year && a.date.month == b.date.month;
    }
};

/// Thrown by `release_history::add` when two releases of the same day give
/// the same month.
class release_conflict : public error {
public:
    using error::error;
};

/// A total a release printed for a span of months (October..May: CBP's
/// fiscal year to date), kept apart from the months themselves.
template <typename T>
struct range_total {
    month_range months;
    sum_t<T> value{};
};

/// One publication: when, what it is called, where it was read from, and its
/// figures.
template <typename T>
struct release {
    publication_date published;
    std::string label;   ///< "August 2025 Southwest file", "May-data release"
    std::string source;  ///< the file it was read from; may be empty
    monthly_series<T> figures;
    /// Months whose figure the release did not print but implies (a total
    /// computed from the parts it printed). Optional; reported as `derived`.
    std::vector<year_month> derived;
    /// Totals printed for spans of months (see the file comment).
    std::vector<range_total<T>> totals;

    /// The source, or the label when there is none: how messages name it.
    const std::string& name() const noexcept { return source.empty() ? label : source; }
    bool is_derived(year_month m) const { return std::find(derived.begin(), derived.end(), m) != derived.end(); }
};

/// A figure with the release it came from.
template <typename T>
struct release_figure {
    year_month month;
    T value{};
    std::size_t release = 0;  ///< index into `release_history::releases()`
    publication_date published;
    bool derived = false;  ///< computed from parts the release printed
};

/// The difference between two figures: signed 64 bits for integer counts.
template <typename T>
using revision_difference_t = std::conditional_t<std::is_integral_v<T>, std::int64_t, T>;

/// One published figure of a month and its change from the one published
/// before it (empty for the first).
template <typename T>
struct revision {
    release_figure<T> figure;
    std::optional<revision_difference_t<T>> change;
};

/// A month whose figure differs between two days.
template <typename T>
struct revised_month {
    year_month month;
    release_figure<T> before;
    release_figure<T> after;
    revision_difference_t<T> difference{};  ///< after - before
};

/// A month a later release no longer gives although its span covers it.
template <typename T>
struct dropped_month {
    year_month month;
    release_figure<T> last_given;  ///< the latest figure before the drop (kept by `as_of`)
    std::size_t dropped_by = 0;    ///< the release without it
};

/// A sum over a span of months and the releases its figures came from.
template <typename T>
struct release_sum {
    month_range months;
    sum_t<T> value{};
    /// Every release used, in publication order, each once.
    std::vector<std::size_t> releases;
    /// A total the release printed for the span, rather than a sum of months.
    bool printed_total = false;
};

namespace detail {
template <typename T>
revision_difference_t<T> figure_difference(T before, T after) {
    using D = revision_difference_t<T>;
    return checked_sub<D>(checked_cast<D>(after), checked_cast<D>(before));
}
template <typename T>
std::string figure_text(T v) {
    return std::to_string(v);
}
}  // namespace detail

template <typename T>
class release_history;

/// The figures of a history as known on one day: a `monthly_series<T>` with,
/// for each month, the release it came from.
template <typename T>
class release_snapshot {
public:
    using sum_type = sum_t<T>;

    /// The day, or empty for `latest()`.
    const std::optional<civil_date>& as_of() const noexcept { return as_of_; }
    /// The figures as a series (a month no release gave by then is a gap).
    const monthly_series<T>& series() const noexcept { return series_; }
    /// True when no figure was known (nothing published by then).
    bool empty() const noexcept { return series_.count_reported() == 0; }
    std::optional<T> at(year_month m) const noexcept { return series_.at(m); }

    /// The figure of `m` with its release; empty for a gap.
    std::optional<release_figure<T>> figure(year_month m) const {
        const auto v = series_.at(m);
        if (!v) return std::nullopt;
        const auto i = static_cast<std::size_t>(m.index() - series_.first_month().index());
        return release_figure<T>{m, *v, from_[i], published_[from_[i]], derived_[i] != 0};
    }

    /// The sum over [from, to], both included: the sum of the months' figures
    /// when every month has one, or the total a release printed for exactly
    /// that span: the printed total when the months are not all known, or when
    /// it was published after every month's figure used (it then revises
    /// them); empty when neither is known.
    std::optional<release_sum<T>> sum(year_month from, year_month to) const {
        const month_range span = month_range::inclusive(from, to);
        std::optional<release_sum<T>> printed;
        for (const auto& [printed_by, total] : totals_)
            if (total.months == span) printed = release_sum<T>{span, total.value, {printed_by}, true};
        const auto s = series_.sum(from, to);
        if (!s) return printed;
        release_sum<T> out{span, *s, {}, false};
        for (year_month m : span) out.releases.push_back(figure(m)->release);
        sort_by_publication(out.releases);
        if (printed && !out.releases.empty() &&
            published_[out.releases.back()].date < published_[printed->releases.front()].date)
            return printed;
        return out;
    }
    /// October (or the calendar's first month) through `through`.
    template <typename Calendar>
    std::optional<release_sum<T>> fiscal_year_to_date(year_month through) const {
        return sum(fiscal_year<Calendar>::containing(through).first_month(), through);
    }
    template <typename Calendar>
    std::optional<release_sum<T>> fiscal_year_total(fiscal_year<Calendar> fy) const {
        return sum(fy.first_month(), fy.last_month());
    }

private:
    friend class release_history<T>;
    void sort_by_publication(std::vector<std::size_t>& releases) const {
        std::sort(releases.begin(), releases.end(), [this](std::size_t a, std::size_t b) {
            return rank_[a] < rank_[b];
        });
        releases.erase(std::unique(releases.begin(), releases.end()), releases.end());
    }

    std::optional<civil_date> as_of_;
    monthly_series<T> series_;
    std::vector<std::size_t> from_;         // per month of series_: the release
    std::vector<unsigned char> derived_;    // per month of series_
    std::vector<publication_date> published_;  // per release
    std::vector<std::size_t> rank_;         // per release: its place in publication order
    std::vector<std::pair<std::size_t, range_total<T>>> totals_;  // latest per span, with its release
};

/// Every release of one series; see the file comment.
template <typename T>
class release_history {
    static_assert(is_count_type_v<T>, "release_history<T> needs an arithmetic count type such as std::int64_t");

public:
    using value_type = T;
    using sum_type = sum_t<T>;
    using difference_type = revision_difference_t<T>;

    // ------------------------------------------------------ CONSTRUCTION

    /// Adds a release; throws `release_conflict` when a release of the same
    /// day, or of a day whose order against it cannot be known
    /// (`order_unknown`), gives one of its months (or the same printed
    /// span). Returns its index in `releases()`.
    std::size_t add(release<T> r) {
        if (auto why = find_conflict(r)) detail::raise(release_conflict(std::move(*why)));
        return insert(std::move(r));
    }
    std::size_t add(publication_date published, std::string label, std::string source, monthly_series<T> figures) {
        return add(release<T>{published, std::move(label), std::move(source), std::move(figures), {}, {}});
    }
    /// The non-throwing form: false, and `*why` set, on a conflict.
    bool try_add(release<T> r, std::string* why = nullptr) {
        if (auto problem = find_conflict(r)) {
            if (why != nullptr) *why = std::move(*problem);
            return false;
        }
        insert(std::move(r));
        return true;
    }
    /// The message `add` would throw for `r`, or empty when it can be added.
    std::optional<std::string> find_conflict(const release<T>& r) const {
        for (const release<T>& other : releases_) {
            if (!order_unknown(other.published, r.published)) continue;
            if (const auto m = first_common_month(other.figures, r.figures))
                return conflict_message(other, r, to_string(*m));
            for (const auto& a : other.totals)
                for (const auto& b : r.totals)
                    if (a.months == b.months)
                        return conflict_message(other, r,
                                                "a total for " + to_string(a.months.front()) + " to " +
                                                    to_string(a.months.back()));
        }
        return std::nullopt;
    }

    // --------------------------------------------------------- ACCESSORS

    /// The releases in the order they were added (indices never change).
    const std::vector<release<T>>& releases() const noexcept { return releases_; }
    const release<T>& release_of(const release_figure<T>& f) const { return releases_.at(f.release); }
    /// Release indices from the earliest publication to the latest (same
    /// day: the order added).
    const std::vector<std::size_t>& publication_order() const noexcept { return order_; }
    bool empty() const noexcept { return releases_.empty(); }
    std::size_t size() const noexcept { return releases_.size(); }
    /// Every month some release gives (gaps between them included).
    month_range months_range() const {
        std::optional<year_month> first;
        std::optional<year_month> last;
        for (const release<T>& r : releases_) {
            if (r.figures.empty()) continue;
            if (!first || r.figures.first_month() < *first) first = r.figures.first_month();
            if (!last || r.figures.last_month() > *last) last = r.figures.last_month();
        }
        return first ? month_range::inclusive(*first, *last) : month_range{};
    }
    [[deprecated("use months_range(), the name every type gives the months it covers (borderstats 0.2)")]]
    month_range range() const { return months_range(); }

    // ----------------------------------------------------------- QUERIES

    /// Each month's figure as known on `date`; see the file comment.
    release_snapshot<T> as_of(civil_date date) const { return snapshot(date); }
    /// Each month's latest figure.
    release_snapshot<T> latest() const { return snapshot(std::nullopt); }

    /// The figure of `m` as known on `date`.
    std::optional<release_figure<T>> as_of(year_month m, civil_date date) const {
        std::optional<release_figure<T>> found;
        for (std::size_t i : order_) {
            if (date < releases_[i].published.date) break;
            if (auto f = figure_of(i, m)) found = f;
        }
        return found;
    }
    /// The latest figure of `m`.
    std::optional<release_figure<T>> latest(year_month m) const {
        for (auto it = order_.rbegin(); it != order_.rend(); ++it)
            if (auto f = figure_of(*it, m)) return f;
        return std::nullopt;
    }
    /// The first figure published for `m`.
    std::optional<release_figure<T>> first_published(year_month m) const {
        for (std::size_t i : order_)
            if (auto f = figure_of(i, m)) return f;
        return std::nullopt;
    }
    /// Every figure published for `m`, in publication order, with its change
    /// from the one before (repeats included: a release that confirmed a
    /// figure is a release that gave it).
    std::vector<revision<T>> revisions(year_month m) const {
        std::vector<revision<T>> out;
        for (std::size_t i : order_) {
            const auto f = figure_of(i, m);
            if (!f) continue;
            std::optional<difference_type> change;
            if (!out.empty()) change = detail::figure_difference(out.back().figure.value, f->value);
            out.push_back({*f, change});
        }
        return out;
    }
    /// The months whose figure as known on `after` differs from the one known
    /// on `before`, in month order (months known on one day only are not
    /// revisions: they were first published, or not yet).
    std::vector<revised_month<T>> revised_between(civil_date before, civil_date after) const {
        const release_snapshot<T> a = as_of(before);
        const release_snapshot<T> b = as_of(after);
        std::vector<revised_month<T>> out;
        for (const auto& e : a.series()) {
            const auto x = a.figure(e.month);
            const auto y = b.figure(e.month);
            if (x && y && x->value != y->value)
                out.push_back({e.month, *x, *y, detail::figure_difference(x->value, y->value)});
        }
        return out;
    }
    /// Every month a release dropped; see the file comment. In publication
    /// order of the dropping release, then month order.
    std::vector<dropped_month<T>> dropped() const {
        std::vector<dropped_month<T>> out;
        std::map<year_month, release_figure<T>> known;  // the latest figure of an earlier day
        for (std::size_t k = 0; k < order_.size();) {
            // The releases of one day are checked against earlier days only, then become known.
            std::size_t end = k;
            while (end < order_.size() && releases_[order_[end]].published.date == releases_[order_[k]].published.date)
                ++end;
            for (std::size_t j = k; j < end; ++j)
                for (const auto& e : releases_[order_[j]].figures) {
                    if (e.value) continue;
                    const auto before = known.find(e.month);
                    if (before != known.end()) out.push_back({e.month, before->second, order_[j]});
                }
            for (std::size_t j = k; j < end; ++j)
                for (const auto& e : releases_[order_[j]].figures)
                    if (e.value) known.insert_or_assign(e.month, *figure_of(order_[j], e.month));
            k = end;
        }
        return out;
    }
    /// "2025-03: given by a.csv (published 2025-09-15) as 12345, but not by
    /// b.csv (published 2025-11-14), whose span covers it; the earlier figure
    /// is kept".
    std::string describe(const dropped_month<T>& d) const {
        const release<T>& was = releases_.at(d.last_given.release);
        const release<T>& now = releases_.at(d.dropped_by);
        return to_string(d.month) + ": given by " + was.name() + " (published " + was.published.to_string() +
               ") as " + detail::figure_text(d.last_given.value) + ", but not by " + now.name() + " (published " +
               now.published.to_string() + "), whose span covers it; the earlier figure is kept";
    }

private:
    static std::optional<year_month> first_common_month(const monthly_series<T>& a, const monthly_series<T>& b) {
        for (const auto& e : a)
            if (e.value && b.has_value(e.month)) return e.month;
        return std::nullopt;
    }
    static std::string conflict_message(const release<T>& earlier, const release<T>& added, const std::string& what) {
        if (earlier.published == added.published)  // the same day, or both known only by the same month
            return earlier.name() + " and " + added.name() + " are both published on " + added.published.to_string() +
                   " and both give " + what + ": which figure is the later one cannot be known; give them different "
                   "publication dates";
        // One is known only by its month, the other falls in that month.
        const release<T>& month_only = earlier.published.day_known ? added : earlier;
        const release<T>& dated = earlier.published.day_known ? earlier : added;
        return month_only.name() + " (published some day of " + month_only.published.to_string() + ") and " +
               dated.name() + " (published " + dated.published.to_string() + ") both give " + what +
               ": which figure is the later one cannot be known; give " + month_only.name() +
               " its day of publication (YYYY-MM-DD)";
    }

    std::size_t insert(release<T> r) {
        const std::size_t index = releases_.size();
        const civil_date when = r.published.date;
        releases_.push_back(std::move(r));
        // After every release published on or before `when`: same-day releases keep the order added.
        const auto at = std::upper_bound(order_.begin(), order_.end(), when, [this](civil_date d, std::size_t i) {
            return d < releases_[i].published.date;
        });
        order_.insert(at, index);
        return index;
    }

    std::optional<release_figure<T>> figure_of(std::size_t i, year_month m) const {
        const release<T>& r = releases_[i];
        const auto v = r.figures.at(m);
        if (!v) return std::nullopt;
        return release_figure<T>{m, *v, i, r.published, r.is_derived(m)};
    }

    release_snapshot<T> snapshot(std::optional<civil_date> date) const {
        release_snapshot<T> s;
        s.as_of_ = date;
        s.rank_.assign(releases_.size(), 0);
        for (const release<T>& r : releases_) s.published_.push_back(r.published);
        const month_range span = months_range();
        s.series_ = monthly_series<T>{span};
        s.from_.assign(static_cast<std::size_t>(span.size()), 0);
        s.derived_.assign(static_cast<std::size_t>(span.size()), 0);
        for (std::size_t k = 0; k < order_.size(); ++k) {
            const std::size_t i = order_[k];
            s.rank_[i] = k;
            const release<T>& r = releases_[i];
            if (date && *date < r.published.date) continue;
            for (const auto& e : r.figures) {
                if (!e.value) continue;
                const auto at = static_cast<std::size_t>(e.month.index() - span.front().index());
                s.series_.set(e.month, *e.value);
                s.from_[at] = i;
                s.derived_[at] = r.is_derived(e.month) ? 1 : 0;
            }
            for (const range_total<T>& t : r.totals) {
                auto same = std::find_if(s.totals_.begin(), s.totals_.end(),
                                         [&](const auto& p) { return p.second.months == t.months; });
                if (same == s.totals_.end())
                    s.totals_.push_back({i, t});
                else
                    *same = {i, t};
            }
        }
        return s;
    }

    std::vector<release<T>> releases_;
    std::vector<std::size_t> order_;  // indices into releases_ by publication date, then order added
};

/// One release history per group (a citizenship, a state): releases of a
/// group-by result are added for every group at once.
template <typename Key, typename T>
class keyed_release_history {
public:
    /// Adds one release of every group in `groups` (a `group_by` result: a
    /// map from key to series). A group absent from this release gets no
    /// release. Throws `release_conflict` before adding anything when any
    /// group conflicts.
    void add(publication_date published, const std::string& label, const std::string& source,
             const std::map<Key, monthly_series<T>>& groups) {
        std::vector<std::pair<const Key*, release<T>>> pending;
        for (const auto& [key, series] : groups) {
            release<T> r{published, label, source, series, {}, {}};
            const auto it = histories_.find(key);
            if (it != histories_.end())
                if (auto why = it->second.find_conflict(r)) detail::raise(release_conflict(std::move(*why)));
            pending.emplace_back(&key, std::move(r));
        }
        for (auto& [key, r] : pending) histories_[*key].add(std::move(r));
    }
    /// The history of `key`; empty optional (nullptr) when no release gave it.
    const release_history<T>* find(const Key& key) const {
        const auto it = histories_.find(key);
        return it == histories_.end() ? nullptr : &it->second;
    }
    /// Every group's history, ordered by key.
    const std::map<Key, release_history<T>>& groups() const noexcept { return histories_; }

private:
    std::map<Key, release_history<T>> histories_;
};

}  // namespace v1
}  // namespace borderstats
