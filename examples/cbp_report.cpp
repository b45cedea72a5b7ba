// cbp_report: monthly or fiscal-year encounter totals from CBP encounter files.
//
// Usage: cbp_report [--region NAME] [--by month|fiscal-year] [--format table|markdown|csv|json]
//                   [--context] [--project N] [--chart FILE.svg] [--as-of DATE] [--revisions]
//                   FILE[@DATE]...
//
//   --region NAME   keep rows whose "Land Border Region" is NAME
//                   (e.g. "Southwest Land Border"); default: all rows. A
//                   Southwest Land Border Encounters file has no such column:
//                   every row of it is "Southwest Land Border" (known by its
//                   columns; another file without the column is an error
//                   with --region, io::cbp_implied_value). A file with
//                   rows whose region differs from NAME only in case or
//                   surrounding spaces is an error that lists them
//   FILE@DATE       the file is a release published on DATE (YYYY-MM-DD, or
//                   YYYY-MM when only the month is known); see "Releases"
//   --as-of DATE    what was known on DATE: only releases published by then
//   --revisions     instead of totals, the months whose figure differs
//                   between the releases: first published (date, count),
//                   latest (date, count), change, and how many releases gave it
//   --by            month (default) or fiscal-year (U.S. federal)
//   --format        table (default), markdown, csv or json
//   --chart FILE    also write an SVG bar chart (borderstats/output/chart.hpp) of the
//                   monthly totals to FILE, with U.S. federal fiscal years as
//                   bands; what is printed does not change
//   --context       with --by month: the season around each figure (see below)
//   --project N     with --by fiscal-year: project an incomplete year from the
//                   N complete years before it (see below)
//
// With --by month --format csv it prints
//   year_month,fiscal_year,count,mom_pct,yoy_pct,fytd
//   2019-10,2020,45139,,,45139
// one row per month in order; percentages have one decimal, rounded half away
// from zero, and are empty where undefined (no earlier month in the files, or
// a change from zero); fytd is empty when the files do not reach back to the
// start of the fiscal year. With --by fiscal-year --format csv:
//   fiscal_year,count,yoy_pct,complete,compared_months
// where an incomplete year (fewer than 12 months in the files, e.g. CBP's
// "2025 (FYTD)") is compared with the same months of the year before, so the
// change is like for like (borderstats/context.hpp); `complete` is true or
// false, and `compared_months` names the months the change compares ("OCT-SEP"
// for whole years, "OCT-AUG"); the table and Markdown add a note under the
// table for each year compared on part of the year.
//
// --project N (borderstats/context.hpp) adds to --by fiscal-year
//   projected,projection_share,projection_years
// for an incomplete year: its months to date divided by the mean share those
// months held in the N most recent complete years before it (the share, and
// the years used, in the next two columns; the share in percent); the table,
// Markdown and chart say it is a projection, not a count.
//
// --context (borderstats/seasonal.hpp, moving_average.hpp) adds to --by month
//   adjusted,ma3,mom_norm_median_pct,mom_norm_percentile
// the seasonally adjusted count (classical multiplicative decomposition, as
// R's decompose; empty for fewer than 24 months or a month at zero), the
// trailing 3-month average, and the median of the same calendar-month changes
// of every earlier year in the files with the percentile of this month's
// change among them (100 * (below + equal/2) / years). The table and Markdown
// add notes on the last month: its change against the season (median, range,
// percentile, years), month over month and year over year. With --chart, the
// chart draws the adjusted series and the 3-month average over the bars.
//
// CBP files have no row for a (month, group) with no encounters, so a month
// inside the span of the kept rows that has rows but none matching --region
// counts as zero here (as the library's absent_rows::zero; a note on standard
// error names such months inside the region's own span); a month with no
// row at all is missing, not zero: its count prints "missing" in tables,
// empty in CSV and null in JSON, and its fiscal year is incomplete
// (complete=false) with no total, since its months do not add up to the year. Files are read as
// streams, one row at a time: memory does not grow with the file.
//
// Releases. Files without dates are added together, and two that both cover
// a month are an error (it would be counted twice). Dated files are releases
// of one series (borderstats/releases.hpp): for each month the figure of the
// latest release wins, and the report gains a `published` column saying
// which release each figure came from (with --by fiscal-year, the dates of
// the releases used, joined by ';'). Two files of the same date that both
// give a month are an error naming both; an undated file may join dated ones
// only where no other file covers its months. A dated release that leaves
// out a month inside its span which an earlier one gave is noted on standard
// error ("dropped"), and the earlier figure is kept.
//
// The chart has one bar per month in both modes. Its title names the --region
// filter (if any) and the span of the data; its source line names the input
// files. With --by month the highest month is annotated; with --by
// fiscal-year the title says "by fiscal year" and the subtitle gives each
// fiscal year's total and change (like for like, as in the report).
//
// On bad input it prints FILE:LINE:COLUMN: message to standard error, nothing
// to standard output, and exits with status 1; so does a chart file or a
// standard output that cannot be written. A usage error exits with 2. FILE
// `-` reads standard input (once). See examples/common/program.hpp.
#include <borderstats/aggregate.hpp>
#include <borderstats/borderstats.hpp>
#include <borderstats/context.hpp>
#include <borderstats/moving_average.hpp>
#include <borderstats/seasonal.hpp>
#include <borderstats/output/chart.hpp>
#include <borderstats/io/cbp.hpp>
#include <borderstats/output/table.hpp>
#include <borderstats/releases.hpp>

#include "common/program.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace bs = borderstats;
namespace io = borderstats::io;
using us_fy = bs::fiscal_year<bs::us_federal>;

namespace {

constexpr example::program_info program{
    "cbp_report",
    "usage: cbp_report [--region NAME] [--by month|fiscal-year] [--format table|markdown|csv|json]\n"
    "                  [--context] [--project N] [--chart FILE.svg] [--as-of YYYY-MM-DD] [--revisions]\n"
    "                  FILE[@YYYY-MM-DD]...   (FILE - reads standard input)"};

// A file on the command line, with its publication date when given as FILE@DATE.
struct input_file {
    std::string path;
    std::optional<bs::publication_date> published;
};

// "data.csv@2025-09-30" -> {"data.csv", 2025-09-30}; a name whose last '@' is
// not followed by a digit is a plain file name.
std::optional<input_file> parse_input(const std::string& arg, std::string& problem) {
    const auto at = arg.rfind('@');
    if (at == std::string::npos || at + 1 >= arg.size() || arg[at + 1] < '0' || arg[at + 1] > '9')
        return input_file{arg, std::nullopt};
    const auto date = bs::publication_date::try_parse(std::string_view(arg).substr(at + 1));
    if (!date) {
        problem = "'" + arg.substr(at + 1) + "' in '" + arg + "' is not a publication date (YYYY-MM-DD or YYYY-MM)";
        return std::nullopt;
    }
    return input_file{arg.substr(0, at), date};
}

struct options {
    std::optional<std::string> region;
    bool by_fiscal_year = false;
    std::string format = "table";
    std::optional<std::string> chart;
    bool context = false;
    std::optional<int> project;  // years a projection averages over
    std::optional<bs::civil_date> as_of;
    bool revisions = false;
    std::vector<input_file> files;
};

int usage(const std::string& problem) {
    std::cerr << program.name << ": " << problem << "\n" << program.usage << "\n";
    return 2;
}

std::optional<options> parse_arguments(int argc, char** argv, std::string& problem) {
    options o;
    example::single_options given;  // every option with a value takes one: given twice, a usage error
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](const char* name) -> std::optional<std::string> {
            if (i + 1 >= argc) {
                problem = std::string(name) + " needs a value";
                return std::nullopt;
            }
            std::string v = argv[++i];
            if (const auto why = given.repeated(name, v)) {
                problem = *why;
                return std::nullopt;
            }
            return v;
        };
        if (arg == "--region") {
            if (!(o.region = value("--region"))) return std::nullopt;
        } else if (arg == "--by") {
            const auto by = value("--by");
            if (!by) return std::nullopt;
            if (*by != "month" && *by != "fiscal-year") {
                problem = "--by takes month or fiscal-year, not '" + *by + "'";
                return std::nullopt;
            }
            o.by_fiscal_year = *by == "fiscal-year";
        } else if (arg == "--format") {
            const auto f = value("--format");
            if (!f) return std::nullopt;
            if (*f != "table" && *f != "markdown" && *f != "csv" && *f != "json") {
                problem = "--format takes table, markdown, csv or json, not '" + *f + "'";
                return std::nullopt;
            }
            o.format = *f;
        } else if (arg == "--chart") {
            if (!(o.chart = value("--chart"))) return std::nullopt;
            if (o.chart->empty()) {
                problem = "--chart needs a file name";
                return std::nullopt;
            }
        } else if (arg == "--context") {
            o.context = true;
        } else if (arg == "--project") {
            const auto n = value("--project");
            if (!n) return std::nullopt;
            if (n->size() > 2 || n->find_first_not_of("0123456789") != std::string::npos || std::stoi("0" + *n) < 1) {
                problem = "--project takes a number of years from 1 to 99, not '" + *n + "'";
                return std::nullopt;
            }
            o.project = std::stoi(*n);
        } else if (arg == "--as-of") {
            const auto d = value("--as-of");
            if (!d) return std::nullopt;
            const auto date = bs::publication_date::try_parse(*d);
            if (!date || !date->day_known) {
                problem = "--as-of takes a day YYYY-MM-DD, not '" + *d + "'";
                return std::nullopt;
            }
            o.as_of = date->date;
        } else if (arg == "--revisions") {
            o.revisions = true;
        } else if (arg == "--help" || arg == "-h") {
            problem = "help";
            return std::nullopt;
        } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
            problem = "unknown option '" + arg + "'";
            return std::nullopt;
        } else if (example::is_standard_input(arg) &&
                   std::any_of(o.files.begin(), o.files.end(), [](const input_file& f) { return example::is_standard_input(f.path); })) {
            problem = "'-' (standard input) is given twice";
            return std::nullopt;
        } else {
            const auto input = parse_input(arg, problem);
            if (!input) return std::nullopt;
            o.files.push_back(*input);
        }
    }
    if (o.revisions && (o.chart || o.by_fiscal_year || o.context || o.project)) {
        problem = "--revisions lists months: it takes none of --chart, --by fiscal-year, --context, --project";
        return std::nullopt;
    }
    if (o.files.empty()) {
        problem = "no input file";
        return std::nullopt;
    }
    if (o.context && o.by_fiscal_year) {
        problem = "--context works with --by month";
        return std::nullopt;
    }
    if (o.project && !o.by_fiscal_year) {
        problem = "--project works with --by fiscal-year";
        return std::nullopt;
    }
    return o;
}

// A month inside the span of the --region's own rows with no row of it while
// the file has rows of other regions is counted as zero (CBP writes no row
// for no encounters), but a cut or edited file looks the same: said on
// standard error. No bundled real file has such a month for any region.
void note_region_gaps(const std::string& path, const std::string& region, const bs::monthly_series<std::int64_t>& kept,
                      const bs::monthly_series<std::int64_t>& rows) {
    std::vector<std::string> months;
    for (const bs::year_month m : kept.months_range())
        if (!kept.has_value(m) && rows.has_value(m)) months.push_back(bs::to_string(m));
    if (months.empty()) return;
    std::string list;
    for (std::size_t i = 0; i < months.size() && i < 6; ++i) list += (i ? ", " : "") + months[i];
    if (months.size() > 6) list += " and " + std::to_string(months.size() - 6) + " more";
    std::cerr << "cbp_report: note: " << path << " has no row of Land Border Region '" << region << "' in " << list
              << ", inside that region's span, but rows of other regions there: counted as 0 (CBP writes no row for "
                 "no encounters; a cut or edited file looks the same)\n";
}

// The monthly totals of one file, filtered by region, read row by row (the
// file is never held whole: one series per region is kept). A month with rows
// but none kept is zero (CBP writes no row for no encounters); a month with no
// row at all is a gap (the file does not give it). A --region that differs
// from the file's values only in case or surrounding spaces is an error that
// lists them (io::near_values), never a silently partial report.
bs::monthly_series<std::int64_t> load_file(const std::string& path, const std::optional<std::string>& region,
                                           bool& southwest_only) {
    constexpr auto region_column = io::cbp_dimension::land_border_region;
    std::vector<bs::monthly_series<std::int64_t>> by_region;  // [0]: no region column; [code + 1]: a region
    std::vector<std::uint64_t> first_line;                    // where each region is first seen
    bs::monthly_series<std::int64_t> rows;                    // rows per month, any region
    const auto slot = [](bs::dimension_code c) { return c.valid() ? c.index() + 1 : std::size_t{0}; };
    const auto add_row = [&](const io::cbp_record& r, const io::cbp_dimensions&) {
        rows.add(r.month, 1);
        const std::size_t k = slot(r[region_column]);
        if (k >= by_region.size()) {
            by_region.resize(k + 1);
            first_line.resize(k + 1, 0);
        }
        if (first_line[k] == 0) first_line[k] = r.line;
        try {
            by_region[k].add(r.month, r.count);
        } catch (const bs::overflow_error& e) {  // name the row whose count does not fit
            throw bs::overflow_error(path + ":" + std::to_string(r.line) + ": field 'Encounter Count': " + e.what());
        }
    };
    const auto file = example::is_standard_input(path) ? io::for_each_cbp_record(std::cin, "<stdin>", add_row)
                                                       : io::for_each_cbp_record(path, add_row);
    bs::monthly_series<std::int64_t> s;
    const auto add_all = [&s](const bs::monthly_series<std::int64_t>& part) {
        for (const auto& e : part)
            if (e.value) s.add(e.month, *e.value);
    };
    const auto implied = io::cbp_implied_value(file, region_column);  // a Southwest Land Border Encounters file
    southwest_only = implied.has_value();
    if (region && !file.has(region_column)) {
        if (!implied)  // no region column and no evidence of the Southwest cut: not a guess
            throw bs::error(io::cbp_unknown_region_message(path) + ", or leave out --region to count every row");
        if (*implied != *region)
            throw bs::error(path + ": a Southwest Land Border Encounters file (no 'Land Border Region' column, every "
                                   "row is " + std::string(implied.value_or("")) + "): no row has Land Border Region '" +
                            *region + "'");
    }
    if (!region || !file.has(region_column)) {
        for (const auto& part : by_region) add_all(part);
    } else {
        const auto exact = file.find(region_column, *region);
        std::vector<std::pair<std::string_view, std::string>> near;
        for (const std::string_view v : io::near_values(file[region_column], *region))
            near.emplace_back(v, " (line " + std::to_string(first_line[slot(*file.find(region_column, v))]) + ")");
        const std::string why =
            io::detail::filter_problem(path, io::dimension_name(region_column), *region, exact.has_value(), near);
        if (!why.empty()) throw bs::error(why);
        add_all(by_region[slot(*exact)]);
        note_region_gaps(path, *region, by_region[slot(*exact)], rows);
    }
    for (const bs::year_month m : s.months_range())
        if (!s.has_value(m) && rows.has_value(m)) s.set(m, 0);
    return s;
}

// "31.8", "-3.2", "" (undefined): one decimal, halves away from zero.
template <typename T>
std::string percent_cell(const std::optional<bs::change<T>>& c) {
    const auto p = c ? c->rounded_percent_change(1) : std::nullopt;
    if (!p) return "";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", *p == 0 ? 0.0 : *p);
    return buffer;
}

template <typename T>
std::string count_cell(const std::optional<T>& v) {
    return v ? std::to_string(*v) : std::string();
}

// "+5", "-35", "0", with thousands separators.
std::string signed_count(std::int64_t v) { return (v > 0 ? "+" : "") + bs::format_count(v); }

struct report {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  // plain values, as in the CSV
    std::vector<std::string> notes;              // printed under the table and the Markdown
    std::string note;                            // a line after the table (table and markdown only)
};

// The monthly totals of all files, and for dated files the publication date of
// the release each month's figure came from ("" for an undated file).
struct combined {
    bs::monthly_series<std::int64_t> total;
    std::map<bs::year_month, std::string> published;
    bool dated = false;
};

report by_month(const combined& c) {
    const auto& s = c.total;
    report r{{"year_month", "fiscal_year", "count", "mom_pct", "yoy_pct", "fytd"}, {}, {}, {}};
    if (c.dated) r.columns.push_back("published");
    for (const auto& e : s) {
        const auto fy_start = us_fy::containing(e.month).first_month();
        const auto fytd = s.in_range(fy_start) ? s.fiscal_year_to_date<bs::us_federal>(e.month) : std::nullopt;
        r.rows.push_back({bs::to_string(e.month), std::to_string(us_fy::containing(e.month).number()),
                          count_cell(e.value), percent_cell(bs::month_over_month(s, e.month)),
                          percent_cell(bs::year_over_year(s, e.month)), count_cell(fytd)});
        if (c.dated) r.rows.back().push_back(e.value ? c.published.at(e.month) : std::string());
    }
    return r;
}

// The publication dates of the releases the months of `fy` came from, in
// order, joined by ';'.
std::string published_in(const combined& c, us_fy fy) {
    std::vector<std::string> dates;
    for (bs::year_month m : fy.months_range()) {
        const auto it = c.published.find(m);
        if (it != c.published.end() && !it->second.empty()) dates.push_back(it->second);
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    std::string out;
    for (const auto& d : dates) out += (out.empty() ? "" : ";") + d;
    return out;
}

// The note under a year the data cover only in part and whose change could not
// be compared (the data start inside it, or the year before is partial too):
// both ends of the data are footnoted alike.
std::string partial_year_note(const bs::monthly_series<std::int64_t>& s, us_fy fy) {
    bs::compared_months<bs::us_federal> given;
    for (bs::year_month m : fy.months_range())
        if (s.has_value(m)) given.add(m);
    const char* where = fy.first_month() < s.first_month() ? "the data start in " : "the data end in ";
    const bs::year_month edge = fy.first_month() < s.first_month() ? s.first_month() : s.last_month();
    return fy.label() + ": " + std::to_string(given.count()) + " of 12 months (" + given.label() + "; " + where +
           bs::to_long_string(edge) + "); its count is of those months only, not the whole year, and has no change.";
}

report by_fiscal_year(const combined& c) {
    const auto& s = c.total;
    report r{{"fiscal_year", "count", "yoy_pct", "complete", "compared_months"}, {}, {}, {}};
    if (c.dated) r.columns.push_back("published");
    for (const auto& year : s.by_fiscal_year<bs::us_federal>()) {
        // Like for like: the same months of the previous year, named.
        // A month missing inside the data's span leaves the year without a
        // total or change; a year the data only start late in or end early in
        // (CBP's "2025 (FYTD)") keeps its total of the months given.
        bool gap = false;
        for (bs::year_month m : year.period.months_range()) gap = gap || (s.in_range(m) && !s.has_value(m));
        const auto lfl = gap ? std::nullopt : bs::compare_like_for_like(s, year.period);
        const auto yoy = lfl ? std::optional<bs::change<std::int64_t>>{lfl->totals} : std::nullopt;
        const std::string compared = lfl ? lfl->months.label() : std::string();
        r.rows.push_back({std::to_string(year.period.number()), gap ? std::string() : std::to_string(year.total), percent_cell(yoy),
                          year.complete() ? "true" : "false", compared});
        if (c.dated) r.rows.back().push_back(published_in(c, year.period));
        if (lfl && !lfl->months.whole())
            r.notes.push_back(year.period.label() + ": " + std::to_string(lfl->months.count()) +
                              " of 12 months; its change compares " + compared + " with the same months of " +
                              lfl->earlier.label() + " (" + bs::format_count(lfl->totals.from) + "), not the whole year.");
        else if (!gap && !year.complete())
            r.notes.push_back(partial_year_note(s, year.period));
    }
    return r;
}

// "12.5", "" (no value): `decimals` places, halves away from zero.
std::string fixed_cell(const std::optional<double>& v, int decimals) {
    if (!v) return "";
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, bs::round_half_away_from_zero(*v, decimals) + 0.0);
    return buffer;
}

// ---- --project N: a whole incomplete year, projected

// Adds the --project columns and notes to a --by fiscal-year report.
void add_projection(report& r, const bs::monthly_series<std::int64_t>& s, int years) {
    const std::size_t base = r.columns.size();  // after fiscal_year, count, yoy_pct, complete, compared_months[, published]
    for (const char* col : {"projected", "projection_share", "projection_years"}) r.columns.push_back(col);
    for (auto& row : r.rows) {
        row.resize(r.columns.size());
        const us_fy fy{std::stoi(row[0])};
        if (row[3] == "true" || row[1].empty()) continue;  // whole years; a year with a month missing has no total to project from
        std::optional<bs::year_month> through;
        for (bs::year_month m : fy.months_range())
            if (s.has_value(m)) through = m;
        try {
            const auto p = bs::project_fiscal_year<bs::us_federal>(s, *through, years);
            std::string used;
            for (auto it = p.years_used.rbegin(); it != p.years_used.rend(); ++it) used += (used.empty() ? "" : " ") + it->label();
            row[base] = std::to_string(std::llround(p.projected));
            row[base + 1] = fixed_cell(p.share.value(), 1);
            row[base + 2] = used;
            r.notes.push_back(fy.label() + " projected: " + bs::format_count(std::llround(p.projected)) +
                              ", a projection, not a count: " + bs::format_count(p.to_date) + " to date (" +
                              p.months.label() + ") / " + bs::format_number(p.share.value(), 1) + "%, the mean share " +
                              p.months.label() + " held in " + used + ".");
        } catch (const bs::error& e) {
            r.notes.push_back("No projection for " + fy.label() + ": " + e.what() + ".");
        }
    }
}

// ---- --context: the season around each month

// The context series: the seasonally adjusted counts and the 3-month average
// (empty adjusted series, and `why` set, when the series cannot be decomposed).
struct context_series {
    bs::monthly_series<double> adjusted;
    bs::monthly_series<double> ma3;
    std::string why_not_adjusted;
};

context_series make_context(const bs::monthly_series<std::int64_t>& s) {
    context_series c;
    c.ma3 = bs::trailing_average(s, 3);
    try {
        c.adjusted = bs::seasonally_adjusted(s, bs::decomposition_model::multiplicative);
    } catch (const bs::error& e) {
        c.why_not_adjusted = e.what();
    }
    return c;
}


// "May 2019: +33.8% from April 2019; the April-to-May changes of 19 earlier
// years (2000-2018): median -12.4%, from -24.4% (2008) to +30.5% (2017); this
// one is at the 100th percentile, 0 higher."
// " Left out, a month missing: 2010 2014." (earlier years whose change has a gap), or "".
std::string left_out_note(const bs::seasonal_norm_result& n) {
    std::string years;
    for (const bs::year_month m : n.years_left_out) years += " " + std::to_string(m.year());
    return years.empty() ? years : " Left out, a month missing:" + years + ".";
}

std::string norm_note(const bs::seasonal_norm_result& n) {
    const bool mom = n.span == bs::change_span::month_over_month;
    const bs::year_month m = n.current.month;
    const bs::year_month from = m - (mom ? bs::months{1} : bs::months{12});
    const std::string what = mom ? std::string(bs::month_name(from.month())) + "-to-" + std::string(bs::month_name(m.month()))
                                 : std::string(bs::month_name(m.month())) + " year-over-year";
    auto pct = [](double p) { return bs::format_percent(p, 1); };
    return bs::to_long_string(m) + ": " + pct(n.current.percent) + " from " + bs::to_long_string(from) + "; the " + what +
           " changes of " + std::to_string(n.count()) + " earlier years (" + std::to_string(n.earlier.front().month.year()) +
           "-" + std::to_string(n.earlier.back().month.year()) + "): median " + pct(n.median()) + ", from " +
           pct(n.lowest().percent) + " (" + std::to_string(n.lowest().month.year()) + ") to " + pct(n.highest().percent) +
           " (" + std::to_string(n.highest().month.year()) + "); this one is at percentile " +
           fixed_cell(n.percentile(), 1) + ", " + std::to_string(n.higher_count()) + " higher." + left_out_note(n);
}

// Adds the --context columns and notes to a --by month report.
void add_context(report& r, const bs::monthly_series<std::int64_t>& s, const context_series& c) {
    for (const char* col : {"adjusted", "ma3", "mom_norm_median_pct", "mom_norm_percentile"}) r.columns.push_back(col);
    std::size_t i = 0;
    for (const auto& e : s) {
        const auto n = bs::seasonal_norm(s, e.month, bs::change_span::month_over_month);
        auto& row = r.rows[i++];
        row.push_back(fixed_cell(c.adjusted.at(e.month), 0));
        row.push_back(fixed_cell(c.ma3.at(e.month), 1));
        row.push_back(n ? fixed_cell(n->median(), 1) : std::string());
        row.push_back(n ? fixed_cell(n->percentile(), 1) : std::string());
    }
    if (!c.why_not_adjusted.empty()) r.notes.push_back("No seasonally adjusted series: " + c.why_not_adjusted + ".");
    else
        r.notes.push_back("adjusted: the count with the season taken out (classical multiplicative decomposition, as "
                          "R's decompose); ma3: the trailing 3-month average; mom_norm: the same calendar-month change "
                          "in every earlier year of the files (their median, and this month's percentile among them).");
    if (s.empty()) return;
    for (const auto span : {bs::change_span::month_over_month, bs::change_span::year_over_year}) {
        if (const auto n = bs::seasonal_norm(s, s.last_month(), span))
            r.notes.push_back(norm_note(*n));
        else if (!s.at(s.last_month() - (span == bs::change_span::month_over_month ? bs::months{1} : bs::months{12})))
            r.notes.push_back(bs::to_long_string(s.last_month()) + ": no " +
                              (span == bs::change_span::month_over_month ? "month-over-month" : "year-over-year") +
                              " change: the month it is compared with is missing.");
        else
            r.notes.push_back(bs::to_long_string(s.last_month()) + ": no earlier year to set its " +
                              (span == bs::change_span::month_over_month ? "month-over-month" : "year-over-year") +
                              " change against.");
    }
}

// The months whose figure differs between the releases of `h`: first
// published, latest, the change and how many releases gave the month.
report revisions_report(const bs::release_history<std::int64_t>& h) {
    report r{{"year_month", "first_published", "first_count", "latest_published", "latest_count", "change", "releases"},
             {},
             {},
             {}};
    std::int64_t all = 0;
    int months_given = 0;
    for (const bs::year_month m : h.months_range()) {
        const auto revisions = h.revisions(m);
        if (revisions.empty()) continue;
        ++months_given;
        const bool revised = std::any_of(revisions.begin(), revisions.end(),
                                         [](const auto& v) { return v.change && *v.change != 0; });
        if (!revised) continue;
        const auto& first = revisions.front().figure;
        const auto& last = revisions.back().figure;
        const std::int64_t change = bs::checked_sub(last.value, first.value);
        all = bs::checked_add(all, change);
        r.rows.push_back({bs::to_string(m), first.published.to_string(), std::to_string(first.value),
                          last.published.to_string(), std::to_string(last.value), std::to_string(change),
                          std::to_string(revisions.size())});
    }
    r.note = std::to_string(r.rows.size()) + " of " + std::to_string(months_given) + " month" +
             (months_given == 1 ? "" : "s") + " revised across " + std::to_string(h.size()) + " release" +
             (h.size() == 1 ? "" : "s") + (r.rows.empty() ? "" : ", " + signed_count(all) + " in all") + "\n";
    return r;
}

void print_csv(const report& r) {
    for (std::size_t i = 0; i < r.columns.size(); ++i) std::cout << (i ? "," : "") << r.columns[i];
    std::cout << '\n';
    for (const auto& row : r.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) std::cout << (i ? "," : "") << row[i];
        std::cout << '\n';
    }
}

void print_json(const report& r) {
    std::cout << "[\n";
    for (std::size_t k = 0; k < r.rows.size(); ++k) {
        std::cout << "  {";
        for (std::size_t i = 0; i < r.columns.size(); ++i) {
            const std::string& v = r.rows[k][i];
            const std::string& c = r.columns[i];
            const bool is_text = c == "year_month" || c == "compared_months" || c == "projection_years" ||
                                 c.find("published") != std::string::npos;
            std::cout << (i ? ", " : "") << '"' << r.columns[i] << "\": ";
            if (v.empty())
                std::cout << "null";
            else if (is_text)
                std::cout << '"' << v << '"';
            else
                std::cout << v;
        }
        std::cout << (k + 1 < r.rows.size() ? "},\n" : "}\n");
    }
    std::cout << "]\n";
}

// For people: thousands separators and signed percents.
bs::table display_table(const report& r) {
    bs::table t;
    for (const auto& c : r.columns)
        t.add_column(c, c == "year_month" || c == "complete" || c == "compared_months" ||
                                c.find("published") != std::string::npos
                            ? bs::align::left
                            : bs::align::right);
    for (const auto& row : r.rows) {
        std::vector<std::string> cells;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string& c = r.columns[i];
            const std::string& v = row[i];
            if (v.empty())
                cells.push_back(c == "fytd" || c == "compared_months" || c == "published" ? "–"
                                : c == "count"                                          ? "missing"
                                                                                        : "n/a");
            else if (c == "count" || c == "fytd" || c == "first_count" || c == "latest_count")
                cells.push_back(bs::format_count(std::stoll(v)));
            else if (c == "change")
                cells.push_back(signed_count(std::stoll(v)));
            else if (c == "projection_share")
                cells.push_back(v + "%");
            else if (c == "adjusted" || c == "ma3" || c == "projected")
                cells.push_back(bs::format_count(std::llround(std::stod(v))));
            else if (c.size() > 4 && c.compare(c.size() - 4, 4, "_pct") == 0)
                cells.push_back(bs::format_percent(std::stod(v), 1));
            else
                cells.push_back(v);
        }
        t.add_row(std::move(cells));
    }
    return t;
}

// About how wide `text` is drawn at `font_size` (0.58 em a character, as
// chart.hpp assumes for its layout).
double approx_width(const std::string& text, double font_size) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
    return static_cast<double>(n) * font_size * 0.58;
}

// "October 2019\u2013September 2023", "FY2020\u2013FY2023", or one of them when
// they are the same.
std::string span_text(const std::string& a, const std::string& b) { return a == b ? a : a + "\u2013" + b; }

// The chart of the monthly totals; see the file comment. `r` is the report
// printed, whose fiscal-year rows give the subtitle with --by fiscal-year.
std::string render_chart(const bs::monthly_series<std::int64_t>& s, const report& r, const options& opts,
                         const context_series* context) {
    bs::chart_options o;
    if (context) {
        if (!context->adjusted.empty()) o.overlays.push_back({"Seasonally adjusted", context->adjusted, "#D55E00", false});
        o.overlays.push_back({"3-month average", context->ma3, "#1f2328", true});
    }
    o.kind = bs::chart_kind::bars;
    o.width = 1000;
    o.height = 540;
    o.id = "cbp-report";
    o.value_label = "Encounters per month";
    const std::string where = opts.region ? ", " + *opts.region : std::string();
    std::string title = "CBP encounters by " + std::string(opts.by_fiscal_year ? "fiscal year" : "month") + where;
    if (!s.empty()) {
        if (opts.by_fiscal_year)
            title += ", " + span_text(us_fy::containing(s.first_month()).label(), us_fy::containing(s.last_month()).label());
        else
            title += ", " + span_text(bs::to_long_string(s.first_month()), bs::to_long_string(s.last_month()));
    }
    o.title = title;

    std::string files;
    for (const auto& f : opts.files) files += (files.empty() ? "" : ", ") + std::filesystem::path(f.path).filename().string();
    o.source = "Source: CBP encounter file" + std::string(opts.files.size() > 1 ? "s " : " ") + files +
               " (no row for the filter: zero; no row at all: missing)";

    if (opts.by_fiscal_year) {
        // "FY2020 458,088; FY2021 1,734,686 (+278.7%); ..."; an incomplete year
        // says how many months it has. When the line would not fit, the
        // earliest years are dropped ("...; FY2022 ...").
        std::vector<std::string> parts;
        // The column of the projection (the number of columns when there is none).
        const auto projected = static_cast<std::size_t>(
            std::find(r.columns.begin(), r.columns.end(), "projected") - r.columns.begin());
        for (const auto& row : r.rows) {  // fiscal_year, count, yoy_pct, complete, compared_months, ...
            const auto fy = us_fy{std::stoi(row[0])};
            std::string part = fy.label() + " " + (row[1].empty() ? "missing" : bs::format_count(std::stoll(row[1])));
            std::string notes;
            if (row[3] != "true") {
                int n = 0;
                for (bs::year_month m : fy.months_range()) n += s.has_value(m) ? 1 : 0;
                notes = std::to_string(n) + " of 12 months";
            }
            if (!row[2].empty())
                notes += (notes.empty() ? "" : ", ") + bs::format_percent(std::stod(row[2]), 1) +
                         (row[3] != "true" ? " vs the same " + row[4] : "");
            if (projected < row.size() && !row[projected].empty())
                notes += "; a projection for the year: " + bs::format_count(std::stoll(row[projected]));
            parts.push_back(notes.empty() ? part : part + " (" + notes + ")");
        }
        const double room = o.width - 32;
        std::size_t first = 0;
        auto line = [&](std::size_t from) {
            std::string out = from > 0 ? "\u2026; " : "";
            for (std::size_t i = from; i < parts.size(); ++i) out += (i > from ? "; " : "") + parts[i];
            return out;
        };
        while (first + 1 < parts.size() && approx_width(line(first), o.font_size) > room) ++first;
        o.subtitle = "Fiscal-year totals: " + line(first);
        if (approx_width(o.subtitle, o.font_size) > room) o.subtitle = line(first);
    } else {
        o.subtitle = "Fiscal years (U.S. federal, October\u2013September) shaded alternately";
        if (!s.empty()) {
            const auto sum = s.sum_reported(s.first_month(), s.last_month());
            o.subtitle = "Total over " + std::to_string(sum.months_reported) + " month" +
                         (sum.months_reported == 1 ? "" : "s") + ": " + bs::format_count(sum.total) + "; " +
                         "fiscal years (U.S. federal, October\u2013September) shaded alternately";
        }
        // The highest month, annotated.
        std::optional<bs::year_month> peak;
        for (const auto& e : s)
            if (e.value && (!peak || *e.value > *s.at(*peak))) peak = e.month;
        if (peak && *s.at(*peak) > 0)
            o.annotations.push_back({*peak, "Highest: " + bs::to_long_string(*peak) + ", " + bs::format_count(*s.at(*peak))});
    }
    return bs::render_svg<bs::us_federal>(s, o, "Encounters");
}

// ------------------------------------------------------------------ RELEASES

struct loaded_file {
    input_file input;
    bs::monthly_series<std::int64_t> months;
    bool southwest_only = false;  // no Land Border Region column: every row is Southwest
};

// Without --region, a Southwest Land Border Encounters file and a nationwide
// file are not releases of one series: the later one would replace (or add
// to) nationwide totals with Southwest ones. Refused, naming both.
void check_coverage(const std::vector<loaded_file>& files, const options& o) {
    if (o.region) return;
    const auto sw = std::find_if(files.begin(), files.end(), [](const loaded_file& f) { return f.southwest_only; });
    const auto all = std::find_if(files.begin(), files.end(), [](const loaded_file& f) { return !f.southwest_only; });
    if (sw == files.end() || all == files.end()) return;
    throw bs::error(sw->input.path + " has no 'Land Border Region' column (a Southwest Land Border Encounters file: " +
                    "every row is Southwest) while " + all->input.path +
                    " covers every region; add --region \"Southwest Land Border\" to combine them, so that both " +
                    "give the same series");
}

// The first month both series give, if any.
std::optional<bs::year_month> first_shared_month(const bs::monthly_series<std::int64_t>& a,
                                                 const bs::monthly_series<std::int64_t>& b) {
    for (const auto& e : a)
        if (e.value && b.has_value(e.month)) return e.month;
    return std::nullopt;
}

// An undated file cannot be combined with one that covers the same months.
void check_undated(const std::vector<loaded_file>& files, const options& o) {
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files[i].input.published) continue;
        if (o.as_of || o.revisions)
            throw bs::error(files[i].input.path + ": no publication date; " + (o.as_of ? "--as-of" : "--revisions") +
                            " needs one for every file (FILE@YYYY-MM-DD)");
        for (std::size_t j = 0; j < files.size(); ++j)
            if (j != i)
                if (const auto m = first_shared_month(files[i].months, files[j].months))
                    throw bs::error(files[i].input.path + ": covers " + bs::to_string(*m) + ", which " +
                                    files[j].input.path +
                                    " covers too; give one file per period so no month is counted twice, or give "
                                    "each file its publication date (FILE@YYYY-MM-DD) so that the later release wins");
    }
}

// The dated files published by `as_of` (all of them without it) as releases
// of one series. Throws release_conflict for two files of one day that both
// give a month.
bs::release_history<std::int64_t> history_of(const std::vector<loaded_file>& files, std::optional<bs::civil_date> as_of) {
    bs::release_history<std::int64_t> h;
    for (const auto& f : files) {
        if (!f.input.published || f.months.empty()) continue;
        if (as_of && *as_of < f.input.published->date) {
            std::cerr << "cbp_report: note: " << f.input.path << " (published " << f.input.published->to_string()
                      << ") is left out: it came after --as-of " << as_of->to_string() << '\n';
            continue;
        }
        h.add(*f.input.published, std::filesystem::path(f.input.path).filename().string(), f.input.path, f.months);
    }
    return h;
}

// The monthly totals of every file: dated files through their release
// history (latest wins), undated ones added where no other file has the month.
combined combine(const std::vector<loaded_file>& files, const bs::release_history<std::int64_t>& h, const options& o) {
    combined c;
    for (const auto& f : files) c.dated = c.dated || f.input.published.has_value();
    if (o.as_of && h.empty()) throw bs::error("no file was published by " + o.as_of->to_string());
    for (const auto& d : h.dropped()) std::cerr << "cbp_report: note: " << h.describe(d) << '\n';
    const auto known = o.as_of ? h.as_of(*o.as_of) : h.latest();
    for (const auto& e : known.series()) {
        if (!e.value) continue;
        c.total.set(e.month, *e.value);
        c.published[e.month] = known.figure(e.month)->published.to_string();
    }
    for (const auto& f : files) {
        if (f.input.published) continue;
        for (const auto& e : f.months) {
            if (!e.value) continue;
            c.total.add(e.month, *e.value);
            c.published[e.month] = "";
        }
    }
    return c;
}

}  // namespace

int main(int argc, char** argv) {
    std::string problem;
    const auto opts = parse_arguments(argc, argv, problem);
    if (!opts) {
        if (problem == "help") {
            usage("monthly or fiscal-year encounter totals from CBP encounter files");
            return 0;
        }
        return usage(problem);
    }

    // Everything is computed before anything is printed, so that an error
    // leaves standard output empty.
    std::string output;
    try {
        std::vector<loaded_file> files;
        for (const auto& f : opts->files) {
            loaded_file file{f, {}, false};
            file.months = load_file(f.path, opts->region, file.southwest_only);
            files.push_back(std::move(file));
        }
        check_coverage(files, *opts);
        check_undated(files, *opts);
        const auto history = history_of(files, opts->as_of);
        const combined c = opts->revisions ? combined{} : combine(files, history, *opts);
        report r = opts->revisions ? revisions_report(history)
                   : opts->by_fiscal_year ? by_fiscal_year(c)
                                          : by_month(c);
        if (opts->project) add_projection(r, c.total, *opts->project);
        std::optional<context_series> context;
        if (opts->context) {
            context = make_context(c.total);
            add_context(r, c.total, *context);
        }
        std::ostringstream out;
        std::streambuf* old = std::cout.rdbuf(out.rdbuf());
        if (opts->format == "csv")
            print_csv(r);
        else if (opts->format == "json")
            print_json(r);
        else if (opts->format == "markdown")
            std::cout << bs::to_markdown(display_table(r)) << (r.note.empty() ? "" : "\n" + r.note);
        else
            std::cout << bs::to_text(display_table(r)) << r.note;
        if (opts->format == "table" || opts->format == "markdown")
            for (const auto& note : r.notes) std::cout << (opts->format == "markdown" ? "\n> " : "\n") << note << '\n';
        std::cout.rdbuf(old);
        output = out.str();
        // The chart is written before anything is printed: if it cannot be,
        // standard output stays empty.
        if (opts->chart)
            example::write_file(*opts->chart, render_chart(c.total, r, *opts, context ? &*context : nullptr), "the chart");
    } catch (...) {
        return example::failed(program);  // a parse_error's message reads FILE:LINE:COLUMN: message
    }
    std::cout << output;
    return example::finish(program);
}
