// CBP encounters under Title 8 and Title 42, FY2020-FY2023, as stacked bars.
//
//   cbp_title8_title42_fy2020_fy2023 [data-dir] [output.svg]
//
// Reads cbp-nationwide-encounters-fy20-fy23-state.csv (CBP's own file, see
// examples/data/SOURCES.md) with io::load_cbp_file, sums "Encounter Count" by
// the "Title of Authority" dimension code and month (nationwide, all
// regions), prints the fiscal-year totals and writes the chart.
#include <borderstats/aggregate.hpp>
#include <borderstats/output/chart.hpp>
#include <borderstats/io/cbp.hpp>
#include <borderstats/output/table.hpp>

#include <cstdint>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "../common/program.hpp"
#include "chart_data.hpp"

namespace bs = borderstats;
namespace io = borderstats::io;

namespace {
constexpr example::program_info program{"cbp_title8_title42_fy2020_fy2023", "usage: cbp_title8_title42_fy2020_fy2023 [DATA_DIR] [OUT.svg]"};
}  // namespace

int main(int argc, char** argv) try {
    const auto args = example::plain_arguments(argc, argv, 2);
    const std::string dir = args.size() > 0 ? args[0] : "examples/data";
    const std::string out = args.size() > 1 ? args[1] : "cbp_title8_title42_fy2020_fy2023.svg";

    const std::string path = dir + "/cbp-nationwide-encounters-fy20-fy23-state.csv";
    const io::cbp_table table = io::load_cbp_file(path);
    constexpr auto title = io::cbp_dimension::title_of_authority;
    if (!table.has(title)) throw bs::error(path + ": no 'Title of Authority' column");

    // Title 42 began in March 2020: before it there are no Title 42 rows, and
    // CBP omits zero rows, so "no row" means zero here; say so by name.
    const auto by_title = bs::group_by(
        table, [](const io::cbp_record& r) { return r[title]; }, [](const io::cbp_record& r) { return r.month; },
        [](const io::cbp_record& r) { return r.count; }, bs::keep_all{}, bs::absent_rows::zero);
    auto name = [&](bs::dimension_code c) { return std::string(table.name(title, c)); };
    const std::string totals = bs::to_text(bs::group_fiscal_year_table<bs::us_federal>(by_title, name, "Title of Authority"));

    // Title 8 at the bottom of the stack, Title 42 on top.
    auto series_of = [&](const char* value, const char* color) {
        return bs::chart_series<std::int64_t>{value, by_title.at(table.code(title, value)), color};
    };
    const std::vector<bs::chart_series<std::int64_t>> ordered{series_of("Title 8", "#0072B2"),
                                                              series_of("Title 42", "#E69F00")};

    bs::chart_options o;
    o.kind = bs::chart_kind::stacked_bars;
    o.width = 1000;
    o.height = 540;
    o.title = "CBP encounters nationwide by title of authority, FY2020\u2013FY2023";
    o.subtitle = "Title 8: apprehensions and inadmissibles; Title 42: public-health expulsions (March 2020 to May 2023)";
    o.value_label = "Encounters per month";
    o.source = "Source: CBP, Nationwide Encounters by state, FY2020\u2013FY2023 (file of November 2023)";
    o.id = "cbp-titles";
    example::write_file(out, bs::render_svg<bs::us_federal>(ordered, o), "the chart");
    std::cout << "wrote " << out << "\n" << totals;
    return example::finish(program);
} catch (...) {
    return example::failed(program);
}
