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
#include "common/program.hpp"

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
#include <optional>
#include <string>

namespace bs = borderstats;

namespace {

constexpr example::program_info program{"may_2019_in_season", "usage: may_2019_in_season [DATA_DIR]"};


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

// A change set among the same change of earlier years; "n/a" when it has no
// norm (a month missing on either side, or no earlier year with the change).
void print_norm(const std::optional<bs::seasonal_norm_result>& norm, const char* what) {
    if (!norm) {
        std::cout << what << ": n/a (a month of the change has no figure, or no earlier year has one)\n";
        return;
    }
    const bs::seasonal_norm_result& n = *norm;
    std::cout << what << ": " << bs::format_percent(n.current.percent, 1) << "\n"
              << "  earlier years: " << n.count() << " (" << n.earlier.front().month.year() << "-"
              << n.earlier.back().month.year() << ")\n";
    if (!n.years_left_out.empty()) {  // a month missing in an earlier year: left out, not read as zero
        std::cout << "  left out, a month missing:";
        for (const bs::year_month m : n.years_left_out) std::cout << ' ' << m.year();
        std::cout << "\n";
    }
    std::cout << "  median " << bs::format_percent(n.median(), 1) << ", lowest " << bs::format_percent(n.lowest().percent, 1)
              << " (" << n.lowest().month.year() << "), highest " << bs::format_percent(n.highest().percent, 1) << " ("
              << n.highest().month.year() << ")\n"
              << "  percentile " << bs::format_number(n.percentile(), 1) << ", earlier years higher: " << n.higher_count()
              << "\n";
}

// A figure rounded to a whole number, or "missing".
std::string rounded_or_missing(const std::optional<double>& v) {
    return v ? bs::format_count(std::llround(*v)) : std::string("missing");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto args = example::plain_arguments(argc, argv, 1);
        const std::string dir = args.empty() ? "examples/data" : args[0];
        const auto s = southwest_border(dir);
        const bs::year_month may19{2019, 5};
        const bs::year_month apr19 = may19 - bs::months{1};
        // The program is about these two months: without either there is nothing to say.
        for (const bs::year_month m : {apr19, may19})
            if (!s.at(m))
                throw bs::error(dir + "/usbp_monthly_apprehensions_by_sector_fy2000_fy2020.csv: no Southwest Border row for " +
                                bs::to_long_string(m) + ": the April-to-May 2019 change cannot be computed");
        std::cout << "Southwest border, Border Patrol apprehensions: April 2019 " << bs::format_count(*s.at(apr19))
                  << ", May 2019 " << bs::format_count(*s.at(may19)) << "\n";
        print_norm(bs::seasonal_norm(s, may19, bs::change_span::month_over_month), "April to May 2019");
        print_norm(bs::seasonal_norm(s, may19, bs::change_span::year_over_year), "May 2018 to May 2019");
        const auto d = bs::decompose(s, bs::decomposition_model::multiplicative);
        const auto adjusted_apr = d.adjusted.at(apr19);
        const auto adjusted_may = d.adjusted.at(may19);
        const auto adjusted_change = bs::percent_change(adjusted_apr, adjusted_may);  // empty when either is missing
        std::cout << "Seasonal factor: April " << bs::format_number(d.figure[3], 3) << ", May "
                  << bs::format_number(d.figure[4], 3) << "\n"
                  << "Seasonally adjusted: April 2019 " << rounded_or_missing(adjusted_apr) << ", May 2019 "
                  << rounded_or_missing(adjusted_may) << " ("
                  << (adjusted_change ? bs::format_percent(*adjusted_change, 1) : std::string("n/a")) << ")\n"
                  << "Trailing 3-month average, May 2019: " << rounded_or_missing(bs::trailing_average(s, 3).at(may19))
                  << "\n";
    } catch (...) {
        return example::failed(program);
    }
    return example::finish(program);  // 1 when standard output could not be written
}
