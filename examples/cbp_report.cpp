// cbp_report: monthly or fiscal-year encounter totals from CBP encounter files.
//
// Usage: cbp_report [--region NAME] [--by month|fiscal-year] [--format table|markdown|csv|json] FILE...
//
//   --region NAME   keep rows whose "Land Border Region" is NAME
//                   (e.g. "Southwest Land Border"); default: all rows
//   --by            month (default) or fiscal-year (U.S. federal)
//   --format        table (default), markdown, csv or json
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
// On bad input it prints FILE:LINE:COLUMN: message to standard error, nothing
// to standard output, and exits with status 1; a usage error exits with 2.
#include <borderstats/aggregate.hpp>
#include <borderstats/borderstats.hpp>
#include <borderstats/io/cbp.hpp>
#include <borderstats/table.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
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
    std::vector<std::string> files;
};

int usage(const std::string& problem) {
    std::cerr << "cbp_report: " << problem << "\n"
              << "usage: cbp_report [--region NAME] [--by month|fiscal-year] [--format table|markdown|csv|json] FILE...\n";
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
        if (!table.has(io::cbp_dimension::land_border_region))
            throw bs::error(path + ": no 'Land Border Region' column to filter by --region");
        wanted = table.find(io::cbp_dimension::land_border_region, *region);
        if (!wanted) throw bs::error(path + ": no row has Land Border Region '" + *region + "'");
    }
    return bs::total_by_month(
        table, [](const io::cbp_record& r) { return r.month; }, [](const io::cbp_record& r) { return r.count; },
        [&](const io::cbp_record& r) { return !wanted || r[io::cbp_dimension::land_border_region] == *wanted; },
        bs::absent_rows::zero);
}

// "31.8", "-3.2", "" (undefined): one decimal, halves away from zero.
template <typename T>
std::string percent_cell(const std::optional<bs::change<T>>& c) {
    const auto p = c ? c->rounded_percent(1) : std::nullopt;
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
        r.rows.push_back({bs::to_string(e.month), std::to_string(us_fy::containing(e.month).year()),
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
        r.rows.push_back({std::to_string(year.period.year()), std::to_string(year.total), percent_cell(yoy),
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
                for (bs::year_month m : s.range())
                    if (span.contains(m))
                        throw bs::error(path + ": covers " + bs::to_string(m) + ", which " + other +
                                        " covers too; give one file per period so no month is counted twice");
            seen.emplace_back(path, s.range());
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
    } catch (const std::exception& e) {
        // parse_error's message already reads FILE:LINE:COLUMN: message.
        std::cerr << e.what() << '\n';
        return 1;
    }
    std::cout << output;
    return 0;
}
