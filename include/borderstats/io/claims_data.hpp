// borderstats/io/claims_data.hpp: the files a claims file names, read into
// figure histories, and every claim evaluated.
//
//   const std::vector<claim_result> results = io::check_claims_file("statement.claims");
//
// A `data` line names a file relative to the claims file. Its header says
// what it is:
//   - a release-vintages file (io/vintages.hpp: `published` and `total`
//     columns): every row carries its own publication date, so it takes no
//     `@DATE`; `measure apprehensions|inadmissibles|total` picks the figure;
//     `where` does not apply;
//   - a CBP encounter file (io/cbp.hpp: an `Encounter Count` column),
//     `FILE@YYYY-MM-DD` giving its publication date. Several `data` lines in a
//     row are releases of one series: for each month the latest release
//     published on or before the day wins, by the rules of releases.hpp (as
//     cbp_report applies them): a month a later release drops keeps the
//     earlier figure, and the claim's reason quotes `describe` of the drop.
//     `where COLUMN = VALUE` lines (ANDed, values compared ignoring ASCII
//     case) keep the records they match; within the months a file covers, a
//     month where no record matches is a zero (CBP omits zero rows). A file
//     where no record matches beside one where some do is refused (as
//     cbp_report refuses a file without a row of its --region); when none
//     matches anywhere, the claims cannot be checked. A Southwest Land
//     Border file has no `Land Border Region` column because every row is
//     Southwest: `where Land Border Region = Southwest Land Border` takes all
//     its rows, any other region none.
//
// Refused, as `parse_error`s at the claims file's line and column: a file that
// cannot be opened or is neither kind, `@DATE` on a vintages file, a vintages
// file among CBP files, `where` on a vintages file, a `where` column CBP files
// do not have, `measure apprehensions` on a CBP file (filter on `Encounter
// Type` instead), two CBP files whose order cannot be known (the same day, or
// `@YYYY-MM` and a day of that month) that both give a month, a file without
// a date beside an overlapping one, and a file where the filter matches
// nothing beside one where it matches. Errors inside a data file name that
// file, its line and column (io/cbp.hpp, io/vintages.hpp), a month total
// over 64 bits too (at the count that overflowed); a claim whose months add
// up to more than 64 bits is an error at the claim's line. `try_` forms
// never throw.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "../calendar.hpp"
#include "../claims.hpp"
#include "../claims_file.hpp"
#include "../releases.hpp"
#include "../error.hpp"
#include "../series.hpp"
#include "cbp.hpp"
#include "csv.hpp"
#include "fields.hpp"
#include "vintages.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

// ------------------------------------------------------------ HISTORIES

/// A `release_history` (releases.hpp) seen as a figure history: the
/// releases of one series, the latest published on or before a day giving
/// each month. Dated CBP files and the release-vintages file both arrive
/// here. A CBP file without a date can stand alone (its figures are "now"
/// only): it is stored as published at the start of time and
/// `undated_reason` keeps it out of "as known then". `file` names the
/// releases in results (the path as the claims file wrote it).
class release_history_view : public figure_history {
public:
    /// `whole_tables`: each release is a whole table (a CBP file), so a month
    /// it leaves out inside its span was dropped and the figures used say so;
    /// false for the rows of a release-vintages file, which cite a few months.
    release_history_view(release_history<std::int64_t> h, std::string file, std::string undated = {},
                         std::string empty_reason = {}, bool whole_tables = true)
        : h_(std::move(h)),
          drops_(whole_tables ? h_.dropped() : std::vector<dropped_month<std::int64_t>>{}),
          file_(std::move(file)),
          undated_(std::move(undated)),
          empty_reason_(std::move(empty_reason)) {}

    std::optional<sourced_figure> month(year_month m, const std::optional<claim_date>& day) const override {
        const auto figure = day ? h_.as_of(m, *day) : h_.latest(m);
        auto f = sourced(figure);
        if (f) f->note = dropped_note(*figure, day);
        return f;
    }
    std::optional<sourced_figure> first_published(year_month m) const override {
        return undated_.empty() ? sourced(h_.first_published(m)) : std::nullopt;
    }
    /// When a release published by `day` dropped the month of `f` after the
    /// release `f` came from (releases.hpp: the earlier figure is kept, as
    /// cbp_report notes it), the history's own words for it; else empty.
    std::string dropped_note(const release_figure<std::int64_t>& f, const std::optional<claim_date>& day) const {
        std::string out;
        for (const auto& d : drops_)
            if (d.month == f.month && d.last_given.release == f.release &&
                (!day || !(*day < h_.releases()[d.dropped_by].published.date)))
                out = h_.describe(d);
        return out;
    }
    /// A total a release printed for exactly first..last (the vintages file's
    /// FYTD and FY rows), where the history's `sum` takes it over the months.
    std::optional<sourced_figure> printed_total(year_month first, year_month last,
                                                const std::optional<claim_date>& day) const override {
        const auto snapshot = day ? h_.as_of(*day) : h_.latest();
        const auto s = snapshot.sum(first, last);
        if (!s || !s->printed_total || s->releases.empty()) return std::nullopt;
        const release<std::int64_t>& r = h_.releases()[s->releases.front()];
        return sourced_figure{static_cast<std::int64_t>(s->value), ref(r, r.published), {}};
    }
    std::string undated_reason() const override {
        if (undated_.empty()) return {};
        return undated_ + " has no publication date, so what was known on a day cannot be told (write data " +
               undated_ + "@YYYY-MM-DD)";
    }
    std::string empty_reason() const override { return empty_reason_; }

private:
    release_ref ref(const release<std::int64_t>& r, const publication_date& published) const {
        return release_ref{file_.empty() ? r.source : file_, undated_.empty() ? published.to_string() : "", r.label};
    }
    std::optional<sourced_figure> sourced(const std::optional<release_figure<std::int64_t>>& f) const {
        if (!f) return std::nullopt;
        return sourced_figure{f->value, ref(h_.release_of(*f), f->published), {}};
    }

    release_history<std::int64_t> h_;
    std::vector<dropped_month<std::int64_t>> drops_;
    std::string file_;     // empty: each release's own source
    std::string undated_;  // the file without a date, if any
    std::string empty_reason_;
};

// --------------------------------------------------------------- LOADING

namespace detail {

inline parse_failure claims_failure(const claims_file& f, std::size_t line, std::size_t column, std::string field,
                                    std::string_view text, std::string message) {
    return parse_failure{text_location{f.source, line, column}, std::move(field),
                         borderstats::detail::quote_for_message(text), std::move(message)};
}

enum class data_kind : std::uint8_t { vintages, cbp };

/// The dimension a `where` column names, if CBP files have it.
inline std::optional<cbp_dimension> cbp_dimension_named(std::string_view name) {
    const std::string wanted = normalize_column_name(name);
    for (cbp_dimension d : cbp_all_dimensions)
        if (normalize_column_name(cbp_column_name(d)) == wanted) return d;
    return std::nullopt;
}

/// Reads claims' data files once each and builds one history per (data set,
/// filter set, measure).
class claims_loader {
public:
    claims_loader(const claims_file& f, parse_failure& failure) : file_(f), failure_(failure) {}

    const figure_history* history_for(const claim& c) {
        const auto key = std::make_tuple(c.data_set, c.filter_set, static_cast<int>(c.measure));
        if (const auto it = histories_.find(key); it != histories_.end()) return it->second.get();
        std::unique_ptr<figure_history> h = build(c);
        if (!h) return nullptr;
        return (histories_[key] = std::move(h)).get();
    }

private:
    bool fail(std::size_t line, std::size_t column, std::string field, std::string_view text, std::string message) {
        failure_ = claims_failure(file_, line, column, std::move(field), text, std::move(message));
        return false;
    }
    std::filesystem::path resolve(const claim_data_file& d) const {
        const std::filesystem::path p(d.path);
        return p.is_absolute() || file_.base.empty() ? p : file_.base / p;
    }

    std::optional<data_kind> kind_of(const claim_data_file& d) {
        parse_failure ignored;
        auto csv = csv_stream_reader::try_open(resolve(d), ignored);
        csv_record header;
        if (!csv || csv->try_next(header, ignored) != csv_status::record) {
            fail(d.line, d.column, "data", d.path, "cannot read " + resolve(d).string());
            return std::nullopt;
        }
        bool published = false, total = false, count = false;
        for (std::size_t i = 0; i < header.size(); ++i) {
            const std::string n = normalize_column_name(header[i]);
            published |= n == "published";
            total |= n == "total";
            count |= n == "encounter_count";
        }
        if (published && total) return data_kind::vintages;
        if (count) return data_kind::cbp;
        fail(d.line, d.column, "data", d.path,
             "expected a release-vintages file (columns ... total, published) or a CBP encounter file "
             "(column Encounter Count)");
        return std::nullopt;
    }

    std::unique_ptr<figure_history> build(const claim& c) {
        const auto& set = file_.data_sets[c.data_set];
        std::vector<data_kind> kinds;
        for (const auto& d : set) {
            const auto k = kind_of(d);
            if (!k) return nullptr;
            kinds.push_back(*k);
        }
        if (std::count(kinds.begin(), kinds.end(), data_kind::vintages) > 0) return build_vintages(c, set);
        return build_cbp(c, set);
    }

    std::unique_ptr<figure_history> build_vintages(const claim& c, const std::vector<claim_data_file>& set) {
        if (set.size() > 1) {
            const auto& d = set[1];
            fail(d.line, d.column, "data", d.path,
                 "a release-vintages file is a data set of its own: it cannot be combined with other files "
                 "(put a claim between the data lines to start a new data set)");
            return nullptr;
        }
        if (set[0].published) {
            fail(set[0].line, set[0].column + set[0].path.size(), "data", "@",
                 "a release-vintages file carries its own publication dates: remove @DATE");
            return nullptr;
        }
        if (c.filter_set != claim::npos) {
            const auto& w = file_.filter_sets[c.filter_set].front();
            fail(w.line, w.column_at, "where", w.column,
                 "where filters CBP encounter files; " + set[0].path + " is a release-vintages file (use measure)");
            return nullptr;
        }
        parse_failure inner;
        auto v = try_load_release_vintages_file(resolve(set[0]), inner);
        if (!v) {
            failure_ = std::move(inner);
            return nullptr;
        }
        const vintage_measure m = c.measure == claim_measure::apprehensions   ? vintage_measure::apprehensions
                                  : c.measure == claim_measure::inadmissibles ? vintage_measure::inadmissibles
                                                                              : vintage_measure::total;
        return std::make_unique<release_history_view>(v->history(m), set[0].path, std::string(), std::string(), false);
    }

    const cbp_table* table_for(const claim_data_file& d) {
        const std::string key = resolve(d).string();
        if (const auto it = tables_.find(key); it != tables_.end()) return &it->second;
        parse_failure inner;
        auto t = try_load_cbp_file(resolve(d), inner);
        if (!t) {
            failure_ = std::move(inner);
            return nullptr;
        }
        return &(tables_[key] = std::move(*t));
    }

    /// The records of `t` that pass every filter, as totals by month over
    /// the months `t` covers; `note` says why none passed.
    std::optional<monthly_series<std::int64_t>> filtered(const cbp_table& t, const claim_data_file& d,
                                                         const std::vector<claim_filter>& filters, std::string& note);
    std::unique_ptr<figure_history> build_cbp(const claim& c, const std::vector<claim_data_file>& set);
    std::optional<monthly_series<std::int64_t>> fail_overflow(const claim_data_file& d, const cbp_record& r,
                                                              std::int64_t before);
    bool check_undated(const std::vector<monthly_series<std::int64_t>>& series, const std::vector<claim_data_file>& set);
    bool check_none_matched(const std::vector<monthly_series<std::int64_t>>& series,
                            const std::vector<std::string>& none_matched, const std::vector<claim_data_file>& set);

    const claims_file& file_;
    parse_failure& failure_;
    std::map<std::tuple<std::size_t, std::size_t, int>, std::unique_ptr<figure_history>> histories_;
    std::map<std::string, cbp_table> tables_;
};

inline std::optional<monthly_series<std::int64_t>> claims_loader::filtered(const cbp_table& t,
                                                                            const claim_data_file& d,
                                                                            const std::vector<claim_filter>& filters,
                                                                            std::string& note) {
    // Each filter becomes (dimension, accepted codes); a Southwest file's
    // missing region column accepts all or nothing.
    std::vector<std::pair<cbp_dimension, std::vector<bool>>> tests;
    bool none = false;
    for (const claim_filter& w : filters) {
        const auto dim = cbp_dimension_named(w.column);
        if (!dim) {
            fail(w.line, w.column_at, "where", w.column, "not a CBP encounter column (e.g. Land Border Region, "
                                                         "Component, Citizenship, Title of Authority, Encounter Type)");
            return std::nullopt;
        }
        if (!t.has(*dim)) {
            // A Southwest Land Border file has no region column: every row is that region.
            const auto implied = cbp_implied_value(t.dimensions(), *dim);
            if (!implied) {
                fail(w.line, w.column_at, "where", w.column,
                     *dim == cbp_dimension::land_border_region ? cbp_unknown_region_message(d.path)
                                                               : d.path + " has no column " + w.column);
                return std::nullopt;
            }
            if (!borderstats::detail::iequals(*implied, w.value)) {
                none = true;
                note = d.path + " has no " + w.column + " column: every record of it is in " + std::string(*implied) +
                       ", none in " + w.value;
            }
            continue;
        }
        const dictionary& dict = t.dimensions()[*dim];
        // Case is matched on purpose (documented in docs/CLAIMS.md); a value
        // that differs only in surrounding spaces is an error, as for every
        // filter of the library (io::near_values), never left out silently.
        for (const std::string_view v : near_values(dict, w.value))
            if (!borderstats::detail::iequals(v, w.value)) {
                fail(w.line, w.column_at, "where", w.column,
                     d.path + " has " + w.column + " '" + borderstats::detail::quote_for_message(v) +
                         "', which differs from '" + w.value +
                         "' only in surrounding spaces: these are different values to borderstats; fix the file");
                return std::nullopt;
            }
        std::vector<bool> accept(dict.size(), false);
        bool any = false;
        for (std::uint32_t i = 0; i < dict.size(); ++i)
            if (borderstats::detail::iequals(dict.name(dimension_code{i}), w.value)) accept[i] = any = true;
        if (!any && note.empty()) {
            none = true;
            note = "no record of " + d.path + " has " + w.column + " = " + w.value;
        }
        tests.emplace_back(*dim, std::move(accept));
    }
    monthly_series<std::int64_t> out;
    if (t.empty()) return out;
    // Zero across the months the file covers (CBP omits zero rows); a month
    // with no row at all stays a gap.
    for (const cbp_record& r : t) out.set(r.month, 0);
    std::int64_t matched = 0;
    for (const cbp_record& r : t) {
        bool pass = !none;
        for (std::size_t k = 0; pass && k < tests.size(); ++k) pass = tests[k].second[r[tests[k].first].index()];
        if (!pass) continue;
        std::int64_t total = 0;
        if (borderstats::detail::add_overflow(*out.at(r.month), r.count, &total))
            return fail_overflow(d, r, *out.at(r.month));
        out.set(r.month, total);
        ++matched;
    }
    if (matched == 0) {
        if (note.empty()) note = "no record of " + d.path + " matches the where filters";
        return monthly_series<std::int64_t>{};
    }
    return out;
}

/// A month's total that does not fit 64 bits: an error at the count that
/// made it overflow, FILE:LINE:COLUMN of the data file (found again by
/// reading the file up to that line: this is the rare path).
inline std::optional<monthly_series<std::int64_t>> claims_loader::fail_overflow(const claim_data_file& d,
                                                                                const cbp_record& r,
                                                                                std::int64_t before) {
    const std::string source = resolve(d).string();
    failure_ = parse_failure{text_location{source, r.line, 0}, "Encounter Count", std::to_string(r.count),
                             "sum overflows a 64-bit integer: " + std::to_string(before) + " + " +
                                 std::to_string(r.count) + " (the total of " + to_long_string(r.month) + ")"};
    parse_failure ignored;
    auto csv = csv_stream_reader::try_open(resolve(d), ignored);
    csv_record rec;
    if (!csv || csv->try_next(rec, ignored) != csv_status::record) return std::nullopt;
    std::size_t index = rec.size();
    for (std::size_t i = 0; i < rec.size(); ++i)
        if (normalize_column_name(rec[i]) == "encounter_count") {
            index = i;
            failure_.field = std::string(rec[i]);
        }
    while (csv->try_next(rec, ignored) == csv_status::record && rec.line() <= r.line)
        if (rec.line() == r.line && index < rec.size()) failure_.where.column = rec.column_of(index);
    return std::nullopt;
}

/// A release in which no record passes the filters, beside one in which some
/// do, is refused (as cbp_report refuses a file without a row of its
/// --region): read as zero it would invent a figure, passed over it would let
/// an older release stand as "now".
inline bool claims_loader::check_none_matched(const std::vector<monthly_series<std::int64_t>>& series,
                                              const std::vector<std::string>& none_matched,
                                              const std::vector<claim_data_file>& set) {
    const auto some = std::find_if(series.begin(), series.end(), [](const auto& s) { return !s.empty(); });
    if (some == series.end()) return true;  // nothing matched anywhere: the claims cannot be checked
    for (std::size_t i = 0; i < set.size(); ++i) {
        if (none_matched[i].empty()) continue;
        const claim_data_file& d = set[i];
        return fail(d.line, d.column, "data", d.path,
                    none_matched[i] + ", while " + set[static_cast<std::size_t>(some - series.begin())].path +
                        " has such records: a release without any is neither read as zero nor passed over (as "
                        "cbp_report refuses it); check that " + d.path + " is the file meant");
    }
    return true;
}

inline bool claims_loader::check_undated(const std::vector<monthly_series<std::int64_t>>& series,
                                         const std::vector<claim_data_file>& set) {
    for (std::size_t i = 0; i < set.size(); ++i)
        for (std::size_t j = 0; j < set.size(); ++j) {
            if (i == j || set[i].published) continue;
            for (const auto& e : series[j]) {
                if (!e.value || !series[i].has_value(e.month)) continue;
                const auto& d = set[std::max(i, j)];
                return fail(d.line, d.column, "data", d.path,
                            set[i].path + " has no publication date and overlaps " + set[j].path + " at " +
                                to_long_string(e.month) + ": give each file a date, FILE@YYYY-MM-DD");
            }
        }
    return true;
}

inline std::unique_ptr<figure_history> claims_loader::build_cbp(const claim& c, const std::vector<claim_data_file>& set) {
    if (c.measure != claim_measure::total) {
        fail(c.measure_line, c.measure_column, "measure", c.measure == claim_measure::apprehensions ? "apprehensions" : "inadmissibles",
             "measure picks a column of a release-vintages file; for CBP encounter files write "
             "`where Encounter Type = Apprehensions` (or Inadmissibles) instead");
        return nullptr;
    }
    static const std::vector<claim_filter> no_filters;
    const auto& filters = c.filter_set == claim::npos ? no_filters : file_.filter_sets[c.filter_set];
    // Without a region filter, a Southwest Land Border file (no region column)
    // and a nationwide file are not releases of one series: the later would
    // replace nationwide figures with Southwest ones.
    const bool region_filtered = std::any_of(filters.begin(), filters.end(), [](const claim_filter& w) {
        return cbp_dimension_named(w.column) == cbp_dimension::land_border_region;
    });
    const claim_data_file* southwest_only = nullptr;
    const claim_data_file* every_region = nullptr;
    std::vector<monthly_series<std::int64_t>> series;
    std::vector<std::string> none_matched;  // per file: why no record passed the filters, or empty
    std::string notes;
    for (const claim_data_file& d : set) {
        const cbp_table* t = table_for(d);
        if (!t) return nullptr;
        // Only the Southwest release's own columns make a file Southwest-only
        // (io/cbp.hpp); any other file counts every row it has.
        (cbp_implied_value(t->dimensions(), cbp_dimension::land_border_region) ? southwest_only : every_region) = &d;
        if (!region_filtered && southwest_only && every_region) {
            fail(d.line, d.column, "data", d.path,
                 southwest_only->path + " is a Southwest Land Border Encounters file (every record is Southwest) while " +
                     every_region->path + " covers every region: add `where Land Border Region = Southwest Land "
                     "Border` so that both give the same series");
            return nullptr;
        }
        std::string note;
        auto s = filtered(*t, d, filters, note);
        if (!s) return nullptr;
        if (!note.empty()) notes += (notes.empty() ? "" : "; ") + note;
        none_matched.push_back(s->empty() && !t->empty() ? note : std::string());
        series.push_back(std::move(*s));
    }
    if (!check_none_matched(series, none_matched, set)) return nullptr;
    if (!check_undated(series, set)) return nullptr;
    release_history<std::int64_t> h;
    std::string undated;
    bool any = false;
    for (std::size_t i = 0; i < set.size(); ++i) {
        const claim_data_file& d = set[i];
        if (!d.published) undated = d.path;
        any |= !series[i].empty();
        const publication_date when = d.published ? *d.published : publication_date{civil_date{0, 1, 1}, true};
        std::string why;
        if (!h.try_add(release<std::int64_t>{when, std::string(), d.path,
                                             std::move(series[i]), {}, {}},
                       &why)) {
            fail(d.line, d.column, "data", d.path, why);
            return nullptr;
        }
    }
    return std::make_unique<release_history_view>(std::move(h), std::string(), std::move(undated),
                                                  any ? std::string() : notes);
}

}  // namespace detail

/// Evaluates every claim of `f`; empty with `failure` set when a data file
/// cannot be read or does not fit the claims (see the file comment).
inline std::optional<std::vector<claim_result>> try_check_claims(const claims_file& f, parse_failure& failure) {
    detail::claims_loader loader(f, failure);
    std::vector<claim_result> out;
    out.reserve(f.claims.size());
    for (const claim& c : f.claims) {
        const figure_history* h = loader.history_for(c);
        if (!h) return std::nullopt;
        std::string why;
        auto r = try_evaluate_claim(c, *h, c.statement == claim::npos ? std::string() : f.statements[c.statement].second,
                                    why);
        if (!r) {
            failure = detail::claims_failure(f, c.line, c.column, "claim", c.text, std::move(why));
            return std::nullopt;
        }
        out.push_back(std::move(*r));
    }
    return out;
}

/// Throwing form of `try_check_claims`.
inline std::vector<claim_result> check_claims(const claims_file& f) {
    parse_failure failure;
    auto r = try_check_claims(f, failure);
    if (!r) borderstats::detail::raise(parse_error(std::move(failure)));
    return std::move(*r);
}

/// Reads the claims file at `path` and evaluates it; empty with `failure`
/// set on a malformed claims file or a data error.
inline std::optional<std::vector<claim_result>> try_check_claims_file(const std::filesystem::path& path,
                                                                      parse_failure& failure) {
    const auto f = try_load_claims_file(path, failure);
    if (!f) return std::nullopt;
    return try_check_claims(*f, failure);
}

/// Throwing form of `try_check_claims_file`.
inline std::vector<claim_result> check_claims_file(const std::filesystem::path& path) {
    parse_failure failure;
    auto r = try_check_claims_file(path, failure);
    if (!r) borderstats::detail::raise(parse_error(std::move(failure)));
    return std::move(*r);
}

}  // namespace io
}  // namespace v1
}  // namespace borderstats
