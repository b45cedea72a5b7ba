// bts_crossings: inbound border crossings from the BTS Border Crossing Entry
// Data, by border and measure, with calendar-year and U.S. fiscal-year
// totals, one measure month by month, and the busiest ports.
//
// Usage: bts_crossings [--measure NAME] [--top N] FILE
//   --measure   the measure shown month by month and used to rank ports
//               (default "Personal Vehicle Passengers")
//   --top       how many ports to list (default 5)
//
// A fiscal year the file covers only in part is marked with the months it
// has ("(9/12)"): the bundled file is calendar 2018, so FY2018 (October 2017
// to September 2018) has 9 of its 12 months and FY2019 3.
#include <borderstats/aggregate.hpp>
#include <borderstats/borderstats.hpp>
#include <borderstats/io/bts.hpp>
#include <borderstats/output/table.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bs = borderstats;
namespace io = borderstats::io;

namespace {

template <typename Period, typename Sum>
std::string total_cell(const bs::period_total<Period, Sum>& t) {
    std::string out = bs::format_count(t.total);
    if (!t.complete()) out += " (" + std::to_string(t.months_reported) + "/" + std::to_string(t.months_in_period) + ")";
    return out;
}

}  // namespace

int main(int argc, char** argv) try {
    std::string measure_name = "Personal Vehicle Passengers";
    std::size_t top = 5;
    std::string path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--measure" && i + 1 < argc) {
            measure_name = argv[++i];
        } else if (arg == "--top" && i + 1 < argc) {
            top = static_cast<std::size_t>(std::stoul(argv[++i]));
        } else if (path.empty() && !arg.empty() && arg[0] != '-') {
            path = arg;
        } else {
            std::cerr << "usage: bts_crossings [--measure NAME] [--top N] FILE\n";
            return 2;
        }
    }
    if (path.empty()) {
        std::cerr << "usage: bts_crossings [--measure NAME] [--top N] FILE\n";
        return 2;
    }

    const io::bts_table table = io::load_bts_file(path);
    // Throws naming the file and the nearest measures when there is no such measure.
    const bs::dimension_code measure = table.code(io::bts_dimension::measure, measure_name);
    const auto span = table.months_range();
    std::printf("BTS inbound border crossings, %s (%s to %s, %zu rows)\n\n", path.c_str(),
                bs::to_long_string(span.front()).c_str(), bs::to_long_string(span.back()).c_str(), table.size());

    // Every (border, measure): one series. BTS has no row for a port and
    // month without crossings, so a month with no row is zero here.
    const auto by_border_measure = bs::group_by(
        table,
        [](const io::bts_record& r) {
            return std::make_pair(r[io::bts_dimension::border].value, r[io::bts_dimension::measure].value);
        },
        [](const io::bts_record& r) { return r.month; }, [](const io::bts_record& r) { return r.value; },
        bs::keep_all{}, bs::absent_rows::zero);

    // 1. Totals by calendar year and by U.S. federal fiscal year.
    bs::table totals;
    totals.add_column("border", bs::align::left).add_column("measure", bs::align::left);
    const auto& first_series = by_border_measure.begin()->second;
    for (const auto& y : first_series.by_fiscal_year<bs::calendar_year>()) totals.add_column("CY" + y.period.label());
    for (const auto& y : first_series.by_fiscal_year<bs::us_federal>()) totals.add_column(y.period.label());
    for (const auto& [key, series] : by_border_measure) {
        std::vector<std::string> row{std::string(table.name(io::bts_dimension::border, bs::dimension_code{key.first})),
                                     std::string(table.name(io::bts_dimension::measure, bs::dimension_code{key.second}))};
        for (const auto& y : series.by_fiscal_year<bs::calendar_year>()) row.push_back(total_cell(y));
        for (const auto& y : series.by_fiscal_year<bs::us_federal>()) row.push_back(total_cell(y));
        totals.add_row(std::move(row));
    }
    std::printf("Totals by calendar year (CY) and U.S. fiscal year (FY, October to September)\n\n%s\n",
                bs::to_text(totals).c_str());

    // 2. One measure month by month, per border.
    std::map<std::string, bs::monthly_series<std::int64_t>> measure_by_border;
    for (const auto& [key, series] : by_border_measure)
        if (key.second == measure.value)
            measure_by_border.emplace(table.name(io::bts_dimension::border, bs::dimension_code{key.first}), series);
    std::printf("%s by month\n\n%s\n", measure_name.c_str(),
                bs::to_text(bs::group_table(measure_by_border, [](const std::string& b) { return b; })).c_str());

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
                bs::to_string(span.back()).c_str(), bs::to_text(ports).c_str());
    return 0;
} catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
}
