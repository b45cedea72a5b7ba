// bts_crossings: inbound border crossings from the BTS Border Crossing Entry
// Data, by border and measure, with calendar-year and U.S. fiscal-year
// totals, one measure month by month, and the busiest ports.
//
// Usage: bts_crossings [--measure NAME] [--top N] FILE
//   --measure   the measure shown month by month and used to rank ports
//               (default "Personal Vehicle Passengers")
//   --top       how many ports to list (default 5)
//   FILE        a BTS CSV file; `-` reads standard input
//
// The totals have one table per border, years as rows (calendar years, then
// fiscal years) and measures as columns, so any span of years fits: columns
// that do not fit 100 characters go to a second block under the first, with
// the year repeated. A fiscal year the file covers only in part is marked
// with the months it has ("FY2018 (9/12)"): the bundled file is calendar
// 2018, so FY2018 (October 2017 to September 2018) has 9 of its 12 months and
// FY2019 3. A cell whose count of months differs from its row's says its own.
//
// Exit status 0; 1 on bad input (FILE:LINE:COLUMN: message) or output that
// cannot be written; 2 on a usage error (examples/common/program.hpp).
#include <borderstats/aggregate.hpp>
#include <borderstats/borderstats.hpp>
#include <borderstats/io/bts.hpp>
#include <borderstats/output/table.hpp>

#include "common/fit.hpp"
#include "common/program.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace bs = borderstats;
namespace io = borderstats::io;

namespace {

constexpr example::program_info program{"bts_crossings", "usage: bts_crossings [--measure NAME] [--top N] FILE"};

// One year of one border: its label ("CY2018", "FY2019") and, by measure,
// the total and how many of the year's months the file has.
struct year_cell {
    std::string total;
    int reported = 0;
    int in_period = 0;
};
struct year_row {
    std::string label;
    std::map<std::string, year_cell> cells;
};

// Adds the years of `Calendar` (kind 0 calendar, 1 fiscal: the row order) of
// one measure's series to a border's rows.
template <typename Calendar, typename Series>
void add_years(std::map<std::pair<int, int>, year_row>& rows, int kind, const std::string& prefix,
               const std::string& measure, const Series& series) {
    for (const auto& y : series.template by_fiscal_year<Calendar>()) {
        year_row& row = rows[{kind, y.period.number()}];
        row.label = prefix + y.period.label();
        row.cells[measure] = {bs::format_count(y.total), y.months_reported, y.months_in_period};
    }
}

// Years as rows, measures as columns. A year the file covers in part says so
// in its label ("FY2018 (9/12)"); a cell with fewer months than its row, in
// the cell; a measure with no row in a year is "–".
bs::table years_table(const std::map<std::pair<int, int>, year_row>& rows, const std::set<std::string>& measures) {
    bs::table t;
    t.add_column("year", bs::align::left);
    for (const auto& m : measures) t.add_column(m);
    auto months = [](int n, int of) { return " (" + std::to_string(n) + "/" + std::to_string(of) + ")"; };
    for (const auto& kv : rows) {
        const year_row& row = kv.second;
        int most = 0;
        int in_period = 0;
        for (const auto& c : row.cells) {
            most = std::max(most, c.second.reported);
            in_period = c.second.in_period;
        }
        std::vector<std::string> cells{most < in_period ? row.label + months(most, in_period) : row.label};
        for (const auto& m : measures) {
            const auto c = row.cells.find(m);
            if (c == row.cells.end())
                cells.emplace_back("\u2013");
            else
                cells.push_back(c->second.total + (c->second.reported < most ? months(c->second.reported, in_period) : ""));
        }
        t.add_row(std::move(cells));
    }
    return t;
}

}  // namespace

int main(int argc, char** argv) try {
    std::string measure_name = "Personal Vehicle Passengers";
    std::size_t top = 5;
    std::string path;
    example::single_options given;  // --measure or --top twice: a usage error
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--measure") {
            measure_name = given.value(i, argc, argv);
        } else if (arg == "--top") {
            top = example::whole_number("--top", given.value(i, argc, argv));
        } else if (arg.size() > 1 && arg[0] == '-') {
            throw example::usage_error("unknown option '" + arg + "'");
        } else if (!path.empty()) {
            throw example::usage_error("one FILE only, not '" + path + "' and '" + arg + "'");
        } else {
            path = arg;
        }
    }
    if (path.empty()) throw example::usage_error("no input FILE");

    const io::bts_table table = example::load_input(
        path, [](const std::string& text, std::string source) { return io::load_bts(text, std::move(source)); },
        [](const std::string& file) { return io::load_bts_file(file); });
    // Throws naming the file and the nearest measures when there is no such measure.
    const bs::dimension_code measure = table.code(io::bts_dimension::measure, measure_name);
    const auto span = table.months_range();
    std::printf("BTS inbound border crossings, %s to %s, %s rows\nfrom %s\n\n", bs::to_long_string(span.front()).c_str(),
                bs::to_long_string(span.back()).c_str(), bs::format_count(table.size()).c_str(),
                std::filesystem::path(table.source()).filename().string().c_str());

    // Every (border, measure): one series. BTS has no row for a port and
    // month without crossings, so a month with no row is zero here.
    const auto by_border_measure = bs::group_by(
        table,
        [](const io::bts_record& r) {
            return std::make_pair(r[io::bts_dimension::border].value, r[io::bts_dimension::measure].value);
        },
        [](const io::bts_record& r) { return r.month; }, [](const io::bts_record& r) { return r.value; },
        bs::keep_all{}, bs::absent_rows::zero);

    // 1. Totals by calendar year and by U.S. federal fiscal year: one table
    // per border, years as rows, measures (in name order) as columns.
    std::set<std::string> measures;
    std::map<std::string, std::map<std::pair<int, int>, year_row>> by_border;
    for (const auto& [key, series] : by_border_measure) {
        const std::string border(table.name(io::bts_dimension::border, bs::dimension_code{key.first}));
        const std::string name(table.name(io::bts_dimension::measure, bs::dimension_code{key.second}));
        measures.insert(name);
        add_years<bs::calendar_year>(by_border[border], 0, "CY", name, series);
        add_years<bs::us_federal>(by_border[border], 1, "", name, series);
    }
    std::printf("Totals by calendar year (CY) and U.S. fiscal year (FY, October to September)\n\n");
    for (const auto& [border, rows] : by_border)
        std::printf("%s\n\n%s\n", border.c_str(), example::to_text_within(years_table(rows, measures), 1).c_str());

    // 2. One measure month by month, per border.
    std::map<std::string, bs::monthly_series<std::int64_t>> measure_by_border;
    for (const auto& [key, series] : by_border_measure)
        if (key.second == measure.value)
            measure_by_border.emplace(table.name(io::bts_dimension::border, bs::dimension_code{key.first}), series);
    std::printf("%s by month\n\n%s\n", measure_name.c_str(),
                example::to_text_within(bs::group_table(measure_by_border, [](const std::string& b) { return b; }), 1).c_str());

    // 3. The busiest ports for that measure, over the whole file. Ports are
    // keyed by port code: two ports may share a name (Eastport, Idaho, and
    // Eastport, Maine).
    const auto by_port = bs::group_by(
        table, [](const io::bts_record& r) { return r.port_code; }, [](const io::bts_record& r) { return r.month; },
        [](const io::bts_record& r) { return r.value; },
        [&](const io::bts_record& r) { return r[io::bts_dimension::measure] == measure; });
    std::vector<std::pair<std::int64_t, std::uint32_t>> ranked;
    for (const auto& [port_code, s] : by_port)
        ranked.emplace_back(s.sum_reported(s.first_month(), s.last_month()).total, port_code);
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    bs::table ports;
    ports.add_column("rank").add_column("port", bs::align::left).add_column("state", bs::align::left).add_column("code").add_column(measure_name);
    for (std::size_t i = 0; i < ranked.size() && i < top; ++i) {
        // Name and state of a port: from its first row.
        const auto row = std::find_if(table.begin(), table.end(),
                                      [&](const io::bts_record& r) { return r.port_code == ranked[i].second; });
        ports.add_row({std::to_string(i + 1), std::string(table.value(*row, io::bts_dimension::port_name)),
                       std::string(table.value(*row, io::bts_dimension::state)), std::to_string(ranked[i].second),
                       bs::format_count(ranked[i].first)});
    }
    std::printf("Busiest ports by %s, %s to %s\n\n%s", measure_name.c_str(), bs::to_string(span.front()).c_str(),
                bs::to_string(span.back()).c_str(), example::to_text_within(ports, 2).c_str());
    return example::finish(program);
} catch (...) {
    return example::failed(program);
}
