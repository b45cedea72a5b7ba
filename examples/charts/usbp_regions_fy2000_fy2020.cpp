// Border Patrol apprehensions by region, FY2000-FY2020, as a line chart.
//
//   usbp_regions_fy2000_fy2020 [data-dir] [output.svg]
//
// Reads usbp_monthly_apprehensions_by_sector_fy2000_fy2020.csv (derived from
// CBP's monthly PDF, see examples/data/SOURCES.md) with io::csv_stream_reader,
// io::csv_header and io::try_parse_count, sums the sectors of each
// region by month with group_by, prints the fiscal-year totals as a table and
// writes the chart. FY2020 counts Title 42 expulsions from March 2020 on.
#include <borderstats/aggregate.hpp>
#include <borderstats/output/chart.hpp>
#include <borderstats/output/table.hpp>

#include <cstdint>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "../common/program.hpp"
#include "chart_data.hpp"

namespace bs = borderstats;

namespace {
constexpr example::program_info program{"usbp_regions_fy2000_fy2020", "usage: usbp_regions_fy2000_fy2020 [DATA_DIR] [OUT.svg]"};
}  // namespace

int main(int argc, char** argv) try {
    const auto args = example::plain_arguments(argc, argv, 2);
    const std::string dir = args.size() > 0 ? args[0] : "examples/data";
    const std::string out = args.size() > 1 ? args[1] : "usbp_regions_fy2000_fy2020.svg";

    struct rec {
        std::string region;
        bs::year_month month;
        std::int64_t count;
    };
    std::vector<rec> records;
    // Columns by name; a count that is not digits only ("-3", " 7", "1.5"),
    // an unknown month or a short row stops the program with
    // FILE:LINE:COLUMN: field 'apprehensions': ... (chart_data.hpp).
    chart_data::for_each_row(dir + "/usbp_monthly_apprehensions_by_sector_fy2000_fy2020.csv",
                             {"fiscal_year", "month", "region", "apprehensions"}, [&](const chart_data::row& r) {
                                 records.push_back({std::string(r[2]), r.month(0, 1), r.count(3)});
                             });
    const auto by_region = bs::group_by(
        records, [](const rec& r) { return r.region; }, [](const rec& r) { return r.month; },
        [](const rec& r) { return r.count; });
    auto name = [](const std::string& k) { return k; };

    const std::string totals = bs::to_text(bs::group_fiscal_year_table<bs::us_federal>(by_region, name, "Region"));

    // Southwest first: the legend then reads in order of size.
    std::vector<bs::chart_series<std::int64_t>> series;
    for (const char* region : {"Southwest Border", "Coastal Border", "Northern Border"})
        series.push_back({region, by_region.at(region), {}});

    // The two small regions hug the axis at this scale: say how small they are.
    std::int64_t small_max = 0;
    for (std::size_t i = 1; i < series.size(); ++i)
        for (const auto& e : series[i].values)
            if (e.value && *e.value > small_max) small_max = *e.value;

    bs::chart_options o;
    o.kind = bs::chart_kind::lines;
    o.width = 1100;
    o.height = 520;
    o.line_width = 1.6;
    o.title = "U.S. Border Patrol apprehensions by region, FY2000\u2013FY2020";
    o.subtitle = "Monthly; Coastal and Northern never above " + bs::format_count(small_max) +
                 " a month. FY2020 includes Title 42 expulsions from March 2020";
    o.value_label = "Apprehensions per month";
    o.source = "Source: CBP, U.S. Border Patrol Monthly Apprehensions/Encounters (FY2000\u2013FY2020), sectors summed by region";
    o.id = "usbp-regions";
    // The highest month of the span, and the peak of FY2019, from the data;
    // a month the file does not give is labelled missing, never another figure.
    const auto& southwest = series[0].values;
    for (const bs::year_month m : {bs::year_month{2000, 3}, bs::year_month{2019, 5}}) {
        const auto v = southwest.at(m);
        o.annotations.push_back({m, bs::to_long_string(m) + ": " + (v ? bs::format_count(*v) : std::string("missing"))});
    }
    example::write_file(out, bs::render_svg<bs::us_federal>(series, o), "the chart");
    std::cout << "wrote " << out << "\n" << totals;
    return example::finish(program);
} catch (...) {
    return example::failed(program);
}
