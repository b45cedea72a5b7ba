// may_2019_in_season: was the jump from April to May 2019 just the spring?
//
// Usage: may_2019_in_season DATA_DIR
//
// Reads the USBP FY2000-FY2020 sector file (examples/data/SOURCES.md, 1d),
// adds the Southwest Border sectors by month, and sets the April-to-May 2019
// change among the April-to-May changes of every earlier year (FY2000-FY2018),
// and May 2019's change from May 2018 among the earlier Mays; then the same
// months with the season taken out (classical multiplicative decomposition, as
// R's decompose). Border Patrol apprehensions only: the +32% of the June 2019
// statement also counted OFO inadmissibles, which this file does not have.
#include <borderstats/borderstats.hpp>
#include <borderstats/io/csv.hpp>
#include <borderstats/io/fields.hpp>
#include <borderstats/output/format.hpp>
#include <borderstats/moving_average.hpp>
#include <borderstats/seasonal.hpp>

#include <cmath>
#include <cstdint>
#include <exception>
#include <iostream>
#include <string>

namespace bs = borderstats;

namespace {

// Columns: fiscal_year,month,calendar_year,region,sector,apprehensions.
bs::monthly_series<std::int64_t> southwest_border(const std::string& dir) {
    const std::string path = dir + "/usbp_monthly_apprehensions_by_sector_fy2000_fy2020.csv";
    auto reader = bs::io::csv_stream_reader::open(path);
    bs::io::csv_record r;
    if (!reader.next(r) || r.size() != 6 || r[3] != "region" || r[5] != "apprehensions")
        throw bs::error(path + ": not the USBP sector file (header fiscal_year,...,region,sector,apprehensions)");
    bs::monthly_series<std::int64_t> s;
    while (reader.next(r)) {
        if (r.size() != 6) throw bs::parse_error(path, r.line(), 1, "", "", "expected 6 fields");
        if (r[3] != "Southwest Border") continue;
        try {
            const auto fy = bs::parse_fiscal_year<bs::us_federal>(r[0]).year;
            s.add(fy.month_of(bs::parse_month_name(r[1])), bs::io::parse_count(r[5]));
        } catch (const bs::parse_error& e) {  // the field parsers know the text, not the place
            throw bs::parse_error(path, r.line(), 1, e.field(), e.text(), e.message());
        }
    }
    return s;
}

void print_norm(const bs::seasonal_norm_result& n, const char* what) {
    std::cout << what << ": " << bs::format_percent(n.current.percent, 1) << "\n"
              << "  earlier years: " << n.count() << " (" << n.earlier.front().month.year() << "-"
              << n.earlier.back().month.year() << ")\n"
              << "  median " << bs::format_percent(n.median(), 1) << ", lowest " << bs::format_percent(n.lowest().percent, 1)
              << " (" << n.lowest().month.year() << "), highest " << bs::format_percent(n.highest().percent, 1) << " ("
              << n.highest().month.year() << ")\n"
              << "  percentile " << bs::format_number(n.percentile(), 1) << ", earlier years higher: " << n.higher_count()
              << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: may_2019_in_season DATA_DIR\n";
        return 2;
    }
    try {
        const auto s = southwest_border(argv[1]);
        const bs::year_month may19{2019, 5};
        std::cout << "Southwest border, Border Patrol apprehensions: April 2019 "
                  << bs::format_count(*s.at(may19 - bs::months{1})) << ", May 2019 " << bs::format_count(*s.at(may19))
                  << "\n";
        print_norm(*bs::seasonal_norm(s, may19, bs::change_span::month_over_month), "April to May 2019");
        print_norm(*bs::seasonal_norm(s, may19, bs::change_span::year_over_year), "May 2018 to May 2019");
        const auto d = bs::decompose(s, bs::decomposition_model::multiplicative);
        std::cout << "Seasonal factor: April " << bs::format_number(d.figure[3], 3) << ", May "
                  << bs::format_number(d.figure[4], 3) << "\n"
                  << "Seasonally adjusted: April 2019 " << bs::format_count(std::llround(*d.adjusted.at(may19 - bs::months{1})))
                  << ", May 2019 " << bs::format_count(std::llround(*d.adjusted.at(may19))) << " ("
                  << bs::format_percent(*bs::percent_change(*d.adjusted.at(may19 - bs::months{1}), *d.adjusted.at(may19)), 1)
                  << ")\n"
                  << "Trailing 3-month average, May 2019: "
                  << bs::format_count(std::llround(*bs::trailing_average(s, 3).at(may19))) << "\n";
    } catch (const std::exception& e) {
        std::cerr << e.what() << '\n';
        return 1;
    }
    return 0;
}
