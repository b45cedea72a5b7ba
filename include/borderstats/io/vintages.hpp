// borderstats/io/vintages.hpp: published vintages of monthly figures, and
// what was known on a given day.
//
// Agencies publish a month's figure, then revise it in later releases. The
// file examples/data/cbp_southwest_border_fy2017_fy2019_release_vintages.csv
// keeps every published version, one row per (period, release):
//
//   fiscal_year,month,apprehensions,inadmissibles,total,vintage,published,source_id
//   2019,MAY,132887,11391,144278,May-data release (...),2019-06-05,S1;S2;S3
//
// Columns are found by name (io/fields.hpp); `vintage` and `source_id` are
// optional, the others required. Reading rules:
//   - `fiscal_year` is a U.S. federal fiscal year ("2019"; FY2019 is October
//     2018 .. September 2019).
//   - `month` is OCT..SEP (a month: MAY of FY2019 is May 2019), `FY` (the
//     whole fiscal year) or `FYTD_MAY`, `FYTD_JUL`, ... (fiscal year to date,
//     October through that month). Any case. Anything else is an error.
//   - `apprehensions`, `inadmissibles`, `total` are counts (io::try_parse_count);
//     an empty cell is *unknown*, never zero. A row with no figure at all is
//     an error.
//   - Where `total` is empty and both parts are present, the total is their
//     sum: it is filled in and marked `total_derived`. Where all three are
//     present, apprehensions + inadmissibles must equal total, or the row is
//     an error at the total (the file's own documentation says this holds;
//     a mismatch is a typing error).
//   - `published` is `YYYY-MM-DD`, or `YYYY-MM` meaning "published by the end
//     of that month": such a row counts as published on the last day of the
//     month, the first day we can be sure it was out.
//
// "As published on D" (`as_published_on`, `as_of`): for each period and each
// measure independently, the figure of the latest row published on or before
// D that gives that measure. Rows are ordered by publication date, and rows
// published the same day by their order in the file (the later line wins).
// For `total`, a derived total counts as published by its release: a release
// that printed both parts implied their sum, and it supersedes an earlier
// printed total. So March 2019 as published on 2019-06-05 is 103,729
// (= 92,840 + 10,889 from the release of that day, marked derived), not the
// 103,719 printed on 2019-05-08; the latter is `first_published` and `as_of`
// 2019-05-08. Pass `derived_totals::exclude` to see printed totals only (with
// it, March as of 2019-06-05 is AP's 103,492 of 2019-05-09).
//
// FY and FYTD rows are periods of their own (`vintage_period`), kept apart
// from the months: `as_published_on` gives months only, `fiscal_year_rows()`
// the others, and `revisions`/`first_published`/`latest`/`as_of` take either.
//
// Errors are `parse_error`s with source, line, column and column name, as in
// io/cbp.hpp; `try_` forms return the `parse_failure`.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../calendar.hpp"
#include "../checked.hpp"
#include "../error.hpp"
#include "../fiscal.hpp"
#include "../releases.hpp"
#include "../series.hpp"
#include "csv.hpp"
#include "fields.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

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

/// A release date (borderstats/releases.hpp).
using publication_date = ::borderstats::publication_date;

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

// ------------------------------------------------------------------ READING

namespace detail {
inline constexpr std::size_t vintage_fy_column = 0;
inline constexpr std::size_t vintage_month_column = 1;
inline constexpr std::size_t vintage_first_figure_column = 2;  // apprehensions, inadmissibles, total
inline constexpr std::size_t vintage_published_column = 5;
inline constexpr std::size_t vintage_name_column = 6;
inline constexpr std::size_t vintage_source_id_column = 7;
inline constexpr std::size_t vintage_columns = 8;

inline constexpr std::array<column_spec, vintage_columns> vintage_specs{{
    {"fiscal_year", true},
    {"month", true},
    {"apprehensions", true},
    {"inadmissibles", true},
    {"total", true},
    {"published", true},
    {"vintage", false},
    {"source_id", false},
}};

inline constexpr std::string_view vintage_month_message =
    "expected a month OCT..SEP, FY, or FYTD_ and a month (FYTD_MAY)";
inline constexpr std::string_view vintage_published_message =
    "expected a publication date YYYY-MM-DD, or YYYY-MM when only the month is known";

inline std::optional<publication_date> try_parse_publication_date(std::string_view text) noexcept {
    return publication_date::try_parse(text);
}

inline std::optional<vintage_period> try_parse_vintage_period(std::string_view text,
                                                              ::borderstats::fiscal_year<us_federal> fy) {
    if (borderstats::detail::iequals(text, "FY")) return vintage_period{vintage_period_kind::fiscal_year, fy.last_month()};
    if (text.size() == 8 && borderstats::detail::iequals(text.substr(0, 5), "FYTD_")) {
        if (const auto m = try_parse_month_abbreviation(text.substr(5)))
            return vintage_period::fiscal_year_to_date(fy.month_of(*m));
        return std::nullopt;
    }
    if (const auto m = try_parse_month_abbreviation(text)) return vintage_period::month_of(fy.month_of(*m));
    return std::nullopt;
}

template <typename Csv>
std::optional<release_vintages> try_load_vintages_from(Csv csv, parse_failure& failure) {
    table_reader<Csv, vintage_columns> table(std::move(csv), vintage_specs);
    std::vector<vintage_row> rows;
    const auto fail = [&](std::size_t column, std::string_view message) {
        failure = table.failure_at(column, message);
        table.remember(failure);
        return std::optional<release_vintages>{};
    };
    for (;;) {
        const csv_status s = table.try_row(failure);
        if (s == csv_status::error) return std::nullopt;
        if (s == csv_status::end_of_input) break;
        const csv_record& rec = table.row();
        std::string_view why;
        vintage_row row;
        row.line = rec.line();

        const auto fy = try_parse_cbp_fiscal_year(rec[table.index(vintage_fy_column)], &why);
        if (!fy) return fail(vintage_fy_column, why);
        const auto period = try_parse_vintage_period(rec[table.index(vintage_month_column)], fy->year);
        if (!period) return fail(vintage_month_column, vintage_month_message);
        row.period = *period;

        for (std::size_t k = 0; k < 3; ++k) {
            const std::string_view text = rec[table.index(vintage_first_figure_column + k)];
            if (text.empty()) continue;  // unknown, not zero
            const auto v = try_parse_count(text, &why);
            if (!v) return fail(vintage_first_figure_column + k, why);
            row.figures[k] = *v;
        }
        auto& [apprehensions, inadmissibles, total] = row.figures;
        constexpr std::size_t total_column = vintage_first_figure_column + 2;
        if (!apprehensions && !inadmissibles && !total)
            return fail(vintage_first_figure_column, "expected at least one of apprehensions, inadmissibles, total");
        if (apprehensions && inadmissibles) {
            std::int64_t sum = 0;
            if (borderstats::detail::add_overflow(*apprehensions, *inadmissibles, &sum))
                return fail(total_column, "apprehensions + inadmissibles does not fit a 64-bit integer");
            if (!total) {
                total = sum;
                row.total_derived = true;
            } else if (*total != sum) {
                return fail(total_column, "expected total = apprehensions + inadmissibles = " + std::to_string(sum));
            }
        }

        const auto published = try_parse_publication_date(rec[table.index(vintage_published_column)]);
        if (!published) return fail(vintage_published_column, vintage_published_message);
        row.published = *published;
        if (table.has(vintage_name_column)) row.vintage = std::string(rec[table.index(vintage_name_column)]);
        if (table.has(vintage_source_id_column))
            row.source_id = std::string(rec[table.index(vintage_source_id_column)]);
        rows.push_back(std::move(row));
    }
    return release_vintages(std::move(rows), table.source_name());
}
}  // namespace detail

/// Reads a vintages file held in memory; the non-throwing form.
inline std::optional<release_vintages> try_load_release_vintages(std::string_view text, std::string source,
                                                                parse_failure& failure) {
    return detail::try_load_vintages_from(csv_reader(text, std::move(source)), failure);
}

/// Reads a vintages file held in memory. Throws `parse_error`.
inline release_vintages load_release_vintages(std::string_view text, std::string source = "<string>") {
    parse_failure failure;
    auto v = try_load_release_vintages(text, std::move(source), failure);
    if (!v) borderstats::detail::raise(parse_error(std::move(failure)));
    return std::move(*v);
}

/// Reads a vintages file from disk; the non-throwing form.
inline std::optional<release_vintages> try_load_release_vintages_file(const std::filesystem::path& path,
                                                                     parse_failure& failure) {
    auto csv = csv_stream_reader::try_open(path, failure);
    if (!csv) return std::nullopt;
    return detail::try_load_vintages_from(std::move(*csv), failure);
}

/// Reads a vintages file from disk. Throws `parse_error`.
inline release_vintages load_release_vintages_file(const std::filesystem::path& path) {
    parse_failure failure;
    auto v = try_load_release_vintages_file(path, failure);
    if (!v) borderstats::detail::raise(parse_error(std::move(failure)));
    return std::move(*v);
}

}  // namespace io
}  // namespace v1
}  // namespace borderstats
