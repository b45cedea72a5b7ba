// cbp_report: monthly or fiscal-year encounter totals from CBP encounter files.
//
// Usage: cbp_report [--region NAME] [--by month|fiscal-year] [--format table|markdown|csv|json]
//                   [--chart FILE.svg] FILE...
//
//   --region NAME   keep rows whose "Land Border Region" is NAME
//                   (e.g. "Southwest Land Border"); default: all rows
//   --by            month (default) or fiscal-year (U.S. federal)
//   --format        table (default), markdown, csv or json
//   --chart FILE    also write an SVG bar chart (borderstats/output/chart.hpp) of the
//                   monthly totals to FILE, with U.S. federal fiscal years as
//                   bands; what is printed does not change
//
// With --by month --format csv it prints
//   year_month,fiscal_year,count,mom_pct,yoy_pct,fytd
//   2019-10,2020,45139,,,45139
// one row per month in order; percentages have one decimal, rounded half away
// from zero, and are empty where undefined (no earlier month in the files, or
// a change from zero); fytd is empty when the files do not reach back to the
// start of the fiscal year. With --by fiscal-year --format csv:
//   fiscal_year,count,yoy_pct,complete
// where an incomplete year (fewer than 12 months in the files, e.g. CBP's
// "2025 (FYTD)") is compared with the same months of the year before, so the
// change is like for like; `complete` is true or false.
//
// CBP files have no row for a (month, group) with no encounters, so a month
// inside the files' span with no matching row counts as zero here (the
// library's absent_rows::zero). Several files are added together; two files
// that both cover a month would double count it, so that is an error.
//
// The chart has one bar per month in both modes. Its title names the --region
// filter (if any) and the span of the data; its source line names the input
// files. With --by month the highest month is annotated; with --by
// fiscal-year the title says "by fiscal year" and the subtitle gives each
// fiscal year's total and change (like for like, as in the report).
//
// On bad input it prints FILE:LINE:COLUMN: message to standard error, nothing
// to standard output, and exits with status 1; so does a chart file that
// cannot be written. A usage error exits with 2.
#include <borderstats/aggregate.hpp>
#include <borderstats/borderstats.hpp>
#include <borderstats/output/chart.hpp>
#include <borderstats/io/cbp.hpp>
#include <borderstats/output/table.hpp>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace bs = borderstats;
namespace io = borderstats::io;
using us_fy = bs::fiscal_year<bs::us_federal>;

namespace {

struct options {
    std::optional<std::string> region;
    bool by_fiscal_year = false;
    std::string format = "table";
    std::optional<std::string> chart;
    std::vector<std::string> files;
};

int usage(const std::string& problem) {
    std::cerr << "cbp_report: " << problem << "\n"
              << "usage: cbp_report [--region NAME] [--by month|fiscal-year] [--format table|markdown|csv|json]\n"
                 "                  [--chart FILE.svg] FILE...\n";
    return 2;
}

std::optional<options> parse_arguments(int argc, char** argv, std::string& problem) {
    options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](const char* name) -> std::optional<std::string> {
            if (i + 1 >= argc) {
                problem = std::string(name) + " needs a value";
                return std::nullopt;
            }
            return std::string(argv[++i]);
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
        } else if (arg == "--help" || arg == "-h") {
            problem = "help";
            return std::nullopt;
        } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
            problem = "unknown option '" + arg + "'";
            return std::nullopt;
        } else {
            o.files.push_back(arg);
        }
    }
    if (o.files.empty()) {
        problem = "no input file";
        return std::nullopt;
    }
    return o;
}

// The monthly totals of one file, filtered by region.
bs::monthly_series<std::int64_t> load_file(const std::string& path, const std::optional<std::string>& region) {
    const io::cbp_table table = io::load_cbp_file(path);
    std::optional<bs::dimension_code> wanted;
    if (region) {
        // Throws naming the file, the column and the nearest regions present.
        wanted = table.code(io::cbp_dimension::land_border_region, *region);
    }
    return bs::total_by_month(
        table, [](const io::cbp_record& r) { return r.month; }, [](const io::cbp_record& r) { return r.count; },
        [&](const io::cbp_record& r) { return !wanted || r[io::cbp_dimension::land_border_region] == *wanted; },
        bs::absent_rows::zero);
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

struct report {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  // plain values, as in the CSV
};

report by_month(const bs::monthly_series<std::int64_t>& s) {
    report r{{"year_month", "fiscal_year", "count", "mom_pct", "yoy_pct", "fytd"}, {}};
    for (const auto& e : s) {
        const auto fy_start = us_fy::containing(e.month).first_month();
        const auto fytd = s.in_range(fy_start) ? s.fiscal_year_to_date<bs::us_federal>(e.month) : std::nullopt;
        r.rows.push_back({bs::to_string(e.month), std::to_string(us_fy::containing(e.month).number()),
                          count_cell(e.value), percent_cell(bs::month_over_month(s, e.month)),
                          percent_cell(bs::year_over_year(s, e.month)), count_cell(fytd)});
    }
    return r;
}

report by_fiscal_year(const bs::monthly_series<std::int64_t>& s) {
    report r{{"fiscal_year", "count", "yoy_pct", "complete"}, {}};
    for (const auto& year : s.by_fiscal_year<bs::us_federal>()) {
        // Like for like: the same months of the previous year.
        std::optional<bs::change<std::int64_t>> yoy;
        std::optional<std::int64_t> before = std::int64_t{0};
        for (bs::year_month m : year.period.months_range()) {
            if (!s.has_value(m)) continue;
            const auto prior = s.at(m - bs::years{1});
            if (!prior) {
                before.reset();
                break;
            }
            *before += *prior;
        }
        if (before && year.months_reported > 0) yoy = bs::change<std::int64_t>{*before, year.total};
        r.rows.push_back({std::to_string(year.period.number()), std::to_string(year.total), percent_cell(yoy),
                          year.complete() ? "true" : "false"});
    }
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
            const bool is_text = r.columns[i] == "year_month";
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
    for (const auto& c : r.columns) t.add_column(c, c == "year_month" || c == "complete" ? bs::align::left : bs::align::right);
    for (const auto& row : r.rows) {
        std::vector<std::string> cells;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string& c = r.columns[i];
            const std::string& v = row[i];
            if (v.empty())
                cells.push_back(c == "fytd" ? "–" : "n/a");
            else if (c == "count" || c == "fytd")
                cells.push_back(bs::format_count(std::stoll(v)));
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
std::string render_chart(const bs::monthly_series<std::int64_t>& s, const report& r, const options& opts) {
    bs::chart_options o;
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
    for (const auto& f : opts.files) files += (files.empty() ? "" : ", ") + std::filesystem::path(f).filename().string();
    o.source = "Source: CBP encounter file" + std::string(opts.files.size() > 1 ? "s " : " ") + files +
               " (months with no row count as zero)";

    if (opts.by_fiscal_year) {
        // "FY2020 458,088; FY2021 1,734,686 (+278.7%); ..."; an incomplete year
        // says how many months it has. When the line would not fit, the
        // earliest years are dropped ("...; FY2022 ...").
        std::vector<std::string> parts;
        for (const auto& row : r.rows) {  // fiscal_year, count, yoy_pct, complete
            const auto fy = us_fy{std::stoi(row[0])};
            std::string part = fy.label() + " " + bs::format_count(std::stoll(row[1]));
            std::string notes;
            if (row[3] != "true") {
                int n = 0;
                for (bs::year_month m : fy.months_range()) n += s.has_value(m) ? 1 : 0;
                notes = std::to_string(n) + " of 12 months";
            }
            if (!row[2].empty())
                notes += (notes.empty() ? "" : ", ") + bs::format_percent(std::stod(row[2]), 1) +
                         (row[3] != "true" ? " like for like" : "");
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

// Writes `text` to `path`; throws bs::error saying why it could not.
void write_chart(const std::string& path, const std::string& text) {
    errno = 0;
    std::ofstream out(path, std::ios::binary);
    if (out) out << text;
    if (out) out.close();
    if (!out) {
        const int code = errno;
        throw bs::error("cbp_report: cannot write the chart to '" + path + "'" +
                        (code != 0 ? std::string(": ") + std::strerror(code) : std::string()));
    }
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
        bs::monthly_series<std::int64_t> total;
        std::vector<std::pair<std::string, bs::month_range>> seen;
        for (const auto& path : opts->files) {
            const auto s = load_file(path, opts->region);
            if (s.empty()) continue;
            for (const auto& [other, span] : seen)
                for (bs::year_month m : s.months_range())
                    if (span.contains(m))
                        throw bs::error(path + ": covers " + bs::to_string(m) + ", which " + other +
                                        " covers too; give one file per period so no month is counted twice");
            seen.emplace_back(path, s.months_range());
            for (const auto& e : s)
                if (e.value) total.add(e.month, *e.value);
        }
        const report r = opts->by_fiscal_year ? by_fiscal_year(total) : by_month(total);
        std::ostringstream out;
        std::streambuf* old = std::cout.rdbuf(out.rdbuf());
        if (opts->format == "csv")
            print_csv(r);
        else if (opts->format == "json")
            print_json(r);
        else if (opts->format == "markdown")
            std::cout << bs::to_markdown(display_table(r));
        else
            std::cout << bs::to_text(display_table(r));
        std::cout.rdbuf(old);
        output = out.str();
        // The chart is written before anything is printed: if it cannot be,
        // standard output stays empty.
        if (opts->chart) write_chart(*opts->chart, render_chart(total, r, *opts));
    } catch (const std::exception& e) {
        // parse_error's message already reads FILE:LINE:COLUMN: message.
        std::cerr << e.what() << '\n';
        return 1;
    }
    std::cout << output;
    return 0;
}
