// borderstats/io/vintages.hpp: the reader of release-vintages files.
//
// The file examples/data/cbp_southwest_border_fy2017_fy2019_release_vintages.csv
// keeps every published version of a few monthly figures, one row per
// (period, release); the model is borderstats/vintages.hpp:
//
//   fiscal_year,month,apprehensions,inadmissibles,total,vintage,published,source_id
//   2019,MAY,132887,11391,144278,May-data release (...),2019-06-05,S1;S2;S3
//
//     const release_vintages v = io::load_release_vintages_file(path);
//     const release_history<std::int64_t> totals = v.history(vintage_measure::total);
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
//   - Two rows published the same day that give the same period the same
//     measure are an error at the second one (its figure's column): which of
//     the two is the later figure cannot be known. So are a row published
//     `YYYY-MM` and one published on a day of that month (releases.hpp,
//     `order_unknown`).
//
// Errors are `parse_error`s with source, line, column and column name, as in
// io/cbp.hpp; `try_` forms return the `parse_failure`.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
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
#include "../vintages.hpp"
#include "csv.hpp"
#include "fields.hpp"
#include "file.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

// The model (the rows, what was published when) lives in
// borderstats/vintages.hpp; these names keep code written against io compiling.
using ::borderstats::derived_totals;
using ::borderstats::publication_date;
using ::borderstats::release_vintages;
using ::borderstats::vintage_all_measures;
using ::borderstats::vintage_change;
using ::borderstats::vintage_figure;
using ::borderstats::vintage_measure;
using ::borderstats::vintage_period;
using ::borderstats::vintage_period_kind;
using ::borderstats::vintage_row;
using ::borderstats::vintage_snapshot;

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
inline constexpr std::string_view vintage_published_message = publication_date::message;

inline std::optional<publication_date> try_parse_publication_date(std::string_view text,
                                                                  std::string_view* why = nullptr) noexcept {
    return publication_date::try_parse(text, why);
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
    // (period kind, month, publication day) -> the line giving each measure.
    std::map<std::array<std::int64_t, 5>, std::array<std::size_t, 3>> given_on_day;
    // (period kind, month, publication month) -> per measure, the line of a row
    // published that month with only its month known [0], with its day [1].
    std::map<std::array<std::int64_t, 4>, std::array<std::array<std::size_t, 2>, 3>> given_in_month;
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
        // One figure per period, measure and day: a second one is an error at its column.
        auto& given = given_on_day[{static_cast<int>(row.period.kind), row.period.through.index(), row.published.date.year,
                                    row.published.date.month, row.published.date.day}];
        for (std::size_t k = 0; k < 3; ++k) {
            if (!row.figures[k]) continue;
            if (given[k] != 0)
                return fail(vintage_first_figure_column + (k == 2 && row.total_derived ? 0 : k),
                            "line " + std::to_string(given[k]) + " gives this period's " +
                                std::string(vintage_specs[vintage_first_figure_column + k].name) +
                                " on the same publication date; which figure is the later one cannot be known");
            given[k] = row.line;
        }
        // A row known only by its month and one dated inside that month: which came first cannot be known.
        auto& in_month = given_in_month[{static_cast<int>(row.period.kind), row.period.through.index(),
                                         row.published.date.year, row.published.date.month}];
        for (std::size_t k = 0; k < 3; ++k) {
            if (!row.figures[k]) continue;
            const std::size_t other = in_month[k][row.published.day_known ? 0 : 1];
            if (other != 0)
                return fail(vintage_first_figure_column + (k == 2 && row.total_derived ? 0 : k),
                            "line " + std::to_string(other) + " gives this period's " +
                                std::string(vintage_specs[vintage_first_figure_column + k].name) + " published " +
                                (row.published.day_known ? "some day of this month"
                                                         : "on a day of this month") +
                                "; which figure is the later one cannot be known: give the day of publication");
            in_month[k][row.published.day_known ? 1 : 0] = row.line;
        }
        if (table.has(vintage_name_column)) row.vintage = std::string(rec[table.index(vintage_name_column)]);
        if (table.has(vintage_source_id_column))
            row.source_id = std::string(rec[table.index(vintage_source_id_column)]);
        rows.push_back(std::move(row));
    }
    return release_vintages(std::move(rows), table.source_name());
}
}  // namespace detail

/// Reads a vintages file held in memory; the non-throwing form. (The four
/// entry points are templates on nothing, so that the reader is compiled only
/// where a program calls one: issue 14, compile time.)
template <typename = void>
std::optional<release_vintages> try_load_release_vintages(std::string_view text, std::string source,
                                                         parse_failure& failure) {
    return detail::try_load_vintages_from(csv_reader(text, std::move(source)), failure);
}

/// Reads a vintages file held in memory. Throws `parse_error`.
template <typename = void>
release_vintages load_release_vintages(std::string_view text, std::string source = "<string>") {
    parse_failure failure;
    auto v = try_load_release_vintages(text, std::move(source), failure);
    if (!v) borderstats::detail::raise(parse_error(std::move(failure)));
    return std::move(*v);
}

/// Reads a vintages file from disk; the non-throwing form.
template <typename = void>
std::optional<release_vintages> try_load_release_vintages_file(const file_path& path,
                                                              parse_failure& failure) {
    auto csv = csv_stream_reader::try_open(path, failure);
    if (!csv) return std::nullopt;
    return detail::try_load_vintages_from(std::move(*csv), failure);
}

/// Reads a vintages file from disk. Throws `parse_error`.
template <typename = void>
release_vintages load_release_vintages_file(const file_path& path) {
    parse_failure failure;
    auto v = try_load_release_vintages_file(path, failure);
    if (!v) borderstats::detail::raise(parse_error(std::move(failure)));
    return std::move(*v);
}

}  // namespace io
}  // namespace v1
}  // namespace borderstats
