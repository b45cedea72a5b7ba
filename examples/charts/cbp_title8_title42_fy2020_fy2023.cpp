// CBP encounters under Title 8 and Title 42, FY2020-FY2023, as stacked bars.
//
//   cbp_title8_title42_fy2020_fy2023 [data-dir] [output.svg]
//
// Reads cbp-nationwide-encounters-fy20-fy23-state.csv (CBP's own file, see
// examples/data/SOURCES.md), sums "Encounter Count" by "Title of Authority"
// and month (nationwide, all regions), prints the fiscal-year totals and
// writes the chart.
#include <borderstats/aggregate.hpp>
#include <borderstats/chart.hpp>
#include <borderstats/table.hpp>

#include <cstdint>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "chart_data.hpp"

namespace bs = borderstats;

int main(int argc, char** argv) try {
    const std::string dir = argc > 1 ? argv[1] : "examples/data";
    const std::string out = argc > 2 ? argv[2] : "cbp_title8_title42_fy2020_fy2023.svg";

    struct rec {
        std::string title;
        bs::year_month month;
        std::int64_t count;
    };
    std::vector<rec> records;
    chart_data::for_each_row(dir + "/cbp-nationwide-encounters-fy20-fy23-state.csv",
                             {"Fiscal Year", "Month (abbv)", "Title of Authority", "Encounter Count"},
                             [&](const chart_data::row& r) {
                                 records.push_back({std::string(r[2]), chart_data::cbp_month(r[0], r[1]),
                                                    *chart_data::count(r[3])});
                             });
    // Title 42 began in March 2020: before it there are no Title 42 rows, and
    // CBP omits zero rows, so "no row" means zero here; say so by name.
    const auto by_title = bs::group_by(
        records, [](const rec& r) { return r.title; }, [](const rec& r) { return r.month; },
        [](const rec& r) { return r.count; }, bs::keep_all{}, bs::absent_rows::zero);
    auto name = [](const std::string& k) { return k; };
    const std::string totals = bs::to_text(bs::group_fiscal_year_table<bs::us_federal>(by_title, name, "Title of Authority"));

    auto series = bs::chart_series_from(by_title, name);  // "Title 42", "Title 8" in key order
    std::vector<bs::chart_series<std::int64_t>> ordered{series.at(1), series.at(0)};  // Title 8 at the bottom
    ordered[0].color = "#0072B2";
    ordered[1].color = "#E69F00";

    bs::chart_options o;
    o.kind = bs::chart_kind::stacked_bars;
    o.width = 1000;
    o.height = 540;
    o.title = "CBP encounters nationwide by title of authority, FY2020\u2013FY2023";
    o.subtitle = "Title 8: apprehensions and inadmissibles; Title 42: public-health expulsions (March 2020 to May 2023)";
    o.value_label = "Encounters per month";
    o.source = "Source: CBP, Nationwide Encounters by state, FY2020\u2013FY2023 (file of November 2023)";
    o.id = "cbp-titles";
    chart_data::write_file(out, bs::render_svg<bs::us_federal>(ordered, o));
    std::cout << "wrote " << out << "\n" << totals;
    return 0;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
