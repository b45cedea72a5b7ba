// borderstats/vintages.hpp: every published vintage of a few monthly
// figures, row by row, as a compiled vintages file gives them.
//
// Agencies publish a month's figure, then revise it; press releases print a
// few months, a fiscal year to date and year totals. `release_vintages` keeps
// each (period, release) row with its three measures (apprehensions,
// inadmissibles, total), its publication date and its sources, and
// `history(measure)` turns them into a `release_history` (releases.hpp), the
// same type CBP encounter files are read into:
//
//     const auto v = io::load_release_vintages_file("..._release_vintages.csv");
//     v.history(vintage_measure::total).as_of(civil_date{2019, 6, 5}).at(year_month{2019, 5});  // 144'278
//
// "As published on D" (`as_published_on`, `as_of`): for each period and each
// measure independently, the figure of the latest row published on or before
// D that gives that measure (the reader refuses two rows of the same day that
// give one period the same measure: which one is later is not known). For
// `total`, a derived total counts as published by its release: a release that
// printed both parts implied their sum, and it supersedes an earlier printed
// total. So March 2019 as published on 2019-06-05 is 103,729 (= 92,840 +
// 10,889 from the release of that day, marked derived), not the 103,719
// printed on 2019-05-08; the latter is `first_published` and `as_of`
// 2019-05-08. Pass `derived_totals::exclude` to see printed totals only (with
// it, March as of 2019-06-05 is AP's 103,492 of 2019-05-09).
//
// FY and FYTD rows are periods of their own (`vintage_period`), kept apart
// from the months: `as_published_on` gives months only, `fiscal_year_rows()`
// the others, and `revisions`/`first_published`/`latest`/`as_of` take either;
// in `history()` they are printed totals of their span of months.
//
// The reader of the file format is io/vintages.hpp.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calendar.hpp"
#include "checked.hpp"
#include "civil_date.hpp"
#include "fiscal.hpp"
#include "releases.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

/// The three figures of a vintages row.
enum class vintage_measure : std::uint8_t { apprehensions, inadmissibles, total };
inline constexpr std::array<vintage_measure, 3> vintage_all_measures{
    vintage_measure::apprehensions, vintage_measure::inadmissibles, vintage_measure::total};

/// Whether derived totals (apprehensions + inadmissibles, where a release
/// printed no total) count as published figures.
enum class derived_totals : std::uint8_t { include, exclude };

/// What a row is about: one month, a fiscal year to date, or a fiscal year.
enum class vintage_period_kind : std::uint8_t { month, fiscal_year_to_date, fiscal_year };

/// A period of a vintages row. `through` is the month itself, the last month
/// of a year-to-date, or September for a whole (U.S. federal) fiscal year.
struct vintage_period {
    vintage_period_kind kind = vintage_period_kind::month;
    year_month through{};

    static constexpr vintage_period month_of(year_month m) noexcept { return {vintage_period_kind::month, m}; }
    /// October .. `through` of the fiscal year containing `through`.
    static constexpr vintage_period fiscal_year_to_date(year_month through_month) noexcept {
        return {vintage_period_kind::fiscal_year_to_date, through_month};
    }
    static constexpr vintage_period whole_fiscal_year(int fy) {
        return {vintage_period_kind::fiscal_year, ::borderstats::fiscal_year<us_federal>{fy}.last_month()};
    }
    /// The U.S. federal fiscal year the period belongs to.
    constexpr ::borderstats::fiscal_year<us_federal> fiscal_year() const noexcept {
        return ::borderstats::fiscal_year<us_federal>::containing(through);
    }

    friend constexpr bool operator==(const vintage_period& a, const vintage_period& b) noexcept {
        return a.kind == b.kind && a.through == b.through;
    }
    friend constexpr bool operator!=(const vintage_period& a, const vintage_period& b) noexcept { return !(a == b); }
};

/// One row of the file, as read (with a derived total filled in).
struct vintage_row {
    vintage_period period;
    /// Indexed by vintage_measure; empty = not published in this release.
    std::array<std::optional<std::int64_t>, 3> figures{};
    /// The total is apprehensions + inadmissibles, computed here.
    bool total_derived = false;
    publication_date published;
    std::string vintage;
    std::string source_id;
    std::size_t line = 0;

    std::optional<std::int64_t> operator[](vintage_measure m) const noexcept {
        return figures[static_cast<std::size_t>(m)];
    }
};

/// A figure with where it came from.
struct vintage_figure {
    std::int64_t value = 0;
    /// A total computed as apprehensions + inadmissibles.
    bool derived = false;
    publication_date published;
    /// Index of its row in `release_vintages::rows()`.
    std::size_t row = 0;
};

/// The three measures as published on one day, one series each (months
/// without a figure by then are gaps).
struct vintage_snapshot {
    civil_date as_of{};
    monthly_series<std::int64_t> apprehensions;
    monthly_series<std::int64_t> inadmissibles;
    monthly_series<std::int64_t> total;

    const monthly_series<std::int64_t>& operator[](vintage_measure m) const noexcept {
        return m == vintage_measure::apprehensions ? apprehensions
               : m == vintage_measure::inadmissibles ? inadmissibles
                                                      : total;
    }
};

/// One month of a comparison between two publication dates.
struct vintage_change {
    year_month month;
    std::optional<vintage_figure> before;  ///< as published on the first date
    std::optional<vintage_figure> after;   ///< as published on the second date
    /// after - before, when both exist.
    std::optional<std::int64_t> difference;
    /// Both exist and differ.
    bool revised() const noexcept { return difference && *difference != 0; }
};

/// Every published vintage of a set of periods; see the file comment.
class release_vintages {
public:
    release_vintages() = default;
    release_vintages(std::vector<vintage_row> rows, std::string source)
        : rows_(std::move(rows)), source_(std::move(source)) {
        order_.resize(rows_.size());
        for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
        std::stable_sort(order_.begin(), order_.end(), [this](std::size_t a, std::size_t b) {
            return rows_[a].published.date < rows_[b].published.date;
        });
    }

    /// The rows in file order.
    const std::vector<vintage_row>& rows() const noexcept { return rows_; }
    const std::string& source() const noexcept { return source_; }

    /// The FY and FYTD rows, in publication order.
    std::vector<const vintage_row*> fiscal_year_rows() const {
        std::vector<const vintage_row*> out;
        for (std::size_t i : order_)
            if (rows_[i].period.kind != vintage_period_kind::month) out.push_back(&rows_[i]);
        return out;
    }

    /// Every published figure of `measure` for `period`, in publication order
    /// (same-day rows in file order). Several releases may repeat a figure.
    std::vector<vintage_figure> revisions(vintage_period period, vintage_measure measure,
                                          derived_totals derived = derived_totals::include) const {
        std::vector<vintage_figure> out;
        for (std::size_t i : order_)
            if (auto f = figure_of(i, period, measure, derived)) out.push_back(*f);
        return out;
    }
    std::vector<vintage_figure> revisions(year_month month, vintage_measure measure,
                                          derived_totals derived = derived_totals::include) const {
        return revisions(vintage_period::month_of(month), measure, derived);
    }

    /// The earliest published figure.
    std::optional<vintage_figure> first_published(vintage_period period, vintage_measure measure,
                                                  derived_totals derived = derived_totals::include) const {
        for (std::size_t i : order_)
            if (auto f = figure_of(i, period, measure, derived)) return f;
        return std::nullopt;
    }
    std::optional<vintage_figure> first_published(year_month month, vintage_measure measure,
                                                  derived_totals derived = derived_totals::include) const {
        return first_published(vintage_period::month_of(month), measure, derived);
    }

    /// The latest published figure (the last revision known).
    std::optional<vintage_figure> latest(vintage_period period, vintage_measure measure,
                                         derived_totals derived = derived_totals::include) const {
        for (auto it = order_.rbegin(); it != order_.rend(); ++it)
            if (auto f = figure_of(*it, period, measure, derived)) return f;
        return std::nullopt;
    }
    std::optional<vintage_figure> latest(year_month month, vintage_measure measure,
                                         derived_totals derived = derived_totals::include) const {
        return latest(vintage_period::month_of(month), measure, derived);
    }

    /// The latest figure published on or before `date`.
    std::optional<vintage_figure> as_of(vintage_period period, vintage_measure measure, civil_date date,
                                        derived_totals derived = derived_totals::include) const {
        std::optional<vintage_figure> found;
        for (std::size_t i : order_) {
            if (date < rows_[i].published.date) break;
            if (auto f = figure_of(i, period, measure, derived)) found = f;
        }
        return found;
    }
    std::optional<vintage_figure> as_of(year_month month, vintage_measure measure, civil_date date,
                                        derived_totals derived = derived_totals::include) const {
        return as_of(vintage_period::month_of(month), measure, date, derived);
    }

    /// For each month, the latest figure of `measure` published on or before
    /// `date`; months with none are gaps (or outside the series).
    monthly_series<std::int64_t> as_published_on(civil_date date, vintage_measure measure,
                                                 derived_totals derived = derived_totals::include) const {
        monthly_series<std::int64_t> out;
        for (std::size_t i : order_) {
            const vintage_row& r = rows_[i];
            if (date < r.published.date) break;
            if (r.period.kind != vintage_period_kind::month) continue;
            if (auto f = figure_of(i, r.period, measure, derived)) out.set(r.period.through, f->value);
        }
        return out;
    }
    /// The three measures as published on `date`.
    vintage_snapshot as_published_on(civil_date date, derived_totals derived = derived_totals::include) const {
        return vintage_snapshot{date, as_published_on(date, vintage_measure::apprehensions, derived),
                                as_published_on(date, vintage_measure::inadmissibles, derived),
                                as_published_on(date, vintage_measure::total, derived)};
    }

    /// Month by month, `measure` as published on `before` and on `after`,
    /// for every month with a figure on either date, in month order.
    std::vector<vintage_change> compare(civil_date before, civil_date after, vintage_measure measure,
                                        derived_totals derived = derived_totals::include) const {
        std::vector<year_month> months;
        for (const vintage_row& r : rows_)
            if (r.period.kind == vintage_period_kind::month) months.push_back(r.period.through);
        std::sort(months.begin(), months.end());
        months.erase(std::unique(months.begin(), months.end()), months.end());
        std::vector<vintage_change> out;
        for (year_month m : months) {
            vintage_change c{m, as_of(m, measure, before, derived), as_of(m, measure, after, derived), std::nullopt};
            if (!c.before && !c.after) continue;
            if (c.before && c.after) c.difference = checked_sub(c.after->value, c.before->value);
            out.push_back(c);
        }
        return out;
    }

    /// The figures of `measure` as a release history (borderstats/releases.hpp),
    /// the one model every source of releases fills: one release per
    /// publication date and vintage name, labelled with the vintage name; its
    /// months are the history's figures (a derived total is marked derived)
    /// and its FY and FYTD rows printed totals for their span of months. The
    /// reader refuses two same-day rows that give one period a figure, so
    /// this never conflicts.
    release_history<std::int64_t> history(vintage_measure measure,
                                          derived_totals derived = derived_totals::include) const {
        release_history<std::int64_t> h;
        std::vector<unsigned char> done(rows_.size(), 0);
        for (std::size_t k = 0; k < order_.size(); ++k) {
            const vintage_row& head = rows_[order_[k]];
            if (done[order_[k]]) continue;
            release<std::int64_t> r{head.published, head.vintage, source_, {}, {}, {}};
            // The rows of the same day follow in order_; take those of this vintage.
            for (std::size_t j = k; j < order_.size() && rows_[order_[j]].published.date == head.published.date; ++j) {
                const std::size_t i = order_[j];
                const vintage_row& row = rows_[i];
                if (done[i] || row.vintage != head.vintage || row.published != head.published) continue;
                done[i] = 1;
                const auto f = figure_of(i, row.period, measure, derived);
                if (!f) continue;
                if (row.period.kind == vintage_period_kind::month) {
                    r.figures.set(row.period.through, f->value);
                    if (f->derived) r.derived.push_back(row.period.through);
                } else {
                    r.totals.push_back(
                        {month_range::inclusive(row.period.fiscal_year().first_month(), row.period.through), f->value});
                }
            }
            if (!r.figures.empty() || !r.totals.empty()) h.add(std::move(r));
        }
        return h;
    }

private:
    std::optional<vintage_figure> figure_of(std::size_t i, vintage_period period, vintage_measure measure,
                                            derived_totals derived) const {
        const vintage_row& r = rows_[i];
        if (r.period != period) return std::nullopt;
        const auto v = r[measure];
        if (!v) return std::nullopt;
        const bool is_derived = measure == vintage_measure::total && r.total_derived;
        if (is_derived && derived == derived_totals::exclude) return std::nullopt;
        return vintage_figure{*v, is_derived, r.published, i};
    }

    std::vector<vintage_row> rows_;
    std::vector<std::size_t> order_;  // row indices by publication date, then file order
    std::string source_;
};

}  // namespace v1
}  // namespace borderstats
