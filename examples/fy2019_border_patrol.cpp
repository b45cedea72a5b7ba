// fy2019_border_patrol: the FY2019 Southwest border, month by month, with the
// core of borderstats only (no file readers).
//
// Reads examples/data/cbp_southwest_border_fy2018_fy2019.csv (final U.S. Border
// Patrol apprehensions, FY2018-FY2019; see examples/data/SOURCES.md) and prints,
// for each month of FY2019: the count, the change from the month before and
// from the same month of FY2018, and the fiscal year to date; then the fiscal
// year totals and the longest run of months with at least 100,000.
//
// Usage: fy2019_border_patrol [DATA_DIR]   (default examples/data)
// Exit status 0; 1 on bad input or output that cannot be written; 2 on a
// usage error (examples/common/program.hpp).
#include <borderstats/borderstats.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "common/program.hpp"

namespace bs = borderstats;
using us_fy = bs::fiscal_year<bs::us_federal>;

namespace {
constexpr example::program_info program{"fy2019_border_patrol", "usage: fy2019_border_patrol [DATA_DIR]"};

// This small file has no quoted fields, so splitting on commas is enough here;
// borderstats/io/csv.hpp reads the general case.
std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
}
}  // namespace

int main(int argc, char** argv) try {
    const auto args = example::plain_arguments(argc, argv, 1);
    const std::string dir = args.empty() ? "examples/data" : args[0];
    const std::string path = dir + "/cbp_southwest_border_fy2018_fy2019.csv";
    std::ifstream in(path);
    if (!in) {
        std::cerr << path << ": cannot open\n";
        return 1;
    }

    // Columns: fiscal_year,month,apprehensions,inadmissibles,total
    bs::monthly_series<std::int64_t> apprehensions;
    std::string line;
    std::getline(in, line);
    for (std::size_t line_number = 2; std::getline(in, line); ++line_number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto f = split(line);
        try {
            const auto fy = bs::parse_fiscal_year<bs::us_federal>(f.at(0)).year;
            const bs::year_month month = fy.month_of(bs::parse_month_name(f.at(1)));
            if (!f.at(2).empty()) apprehensions.set(month, std::stoll(f[2]));
        } catch (const std::exception& e) {
            std::cerr << path << ':' << line_number << ": " << e.what() << '\n';
            return 1;
        }
    }

    std::printf("Southwest border, U.S. Border Patrol apprehensions (final figures)\n\n");
    std::printf("%-15s %10s %8s %8s %10s\n", "month", "count", "MoM", "YoY", "FYTD");
    for (bs::year_month m : us_fy{2019}.months_range()) {
        const auto mom = bs::month_over_month(apprehensions, m);
        const auto yoy = bs::year_over_year(apprehensions, m);
        const auto fytd = apprehensions.fiscal_year_to_date<bs::us_federal>(m);
        std::printf("%-15s %10s %8s %8s %10s\n", bs::to_long_string(m).c_str(),
                    bs::format_count(apprehensions.value_or(m, 0)).c_str(),
                    mom ? bs::format_percent(mom->rounded_percent_change(1), 1).c_str() : "n/a",
                    yoy ? bs::format_percent(yoy->rounded_percent_change(0)).c_str() : "n/a",
                    fytd ? bs::format_count(*fytd).c_str() : "n/a");
    }

    std::printf("\n");
    for (const auto& year : apprehensions.by_fiscal_year<bs::us_federal>())
        std::printf("%s total: %s (%d of %d months)\n", year.period.label().c_str(), bs::format_count(year.total).c_str(),
                    year.months_reported, year.months_in_period);
    const auto growth = bs::percent_change(*apprehensions.fiscal_year_total(us_fy{2018}),
                                           *apprehensions.fiscal_year_total(us_fy{2019}));
    std::printf("FY2019 against FY2018: %s\n", bs::format_percent(growth, 1).c_str());

    if (const auto run = bs::longest_streak_at_least(apprehensions, 100'000))
        std::printf("Longest run at or above 100,000: %d month(s), %s to %s\n", run->length,
                    bs::to_long_string(run->first).c_str(), bs::to_long_string(run->last).c_str());
    else
        std::printf("No month reached 100,000 apprehensions (the statement's 100,000 counts inadmissibles too)\n");

    const bs::year_month may19{2019, 5};
    std::printf("May 2019 is the highest month in the file: %s; rank %d of %zu\n",
                bs::is_record_high(apprehensions, may19) ? "yes" : "no", *bs::rank_of(apprehensions, may19),
                apprehensions.count_reported());
    return example::finish(program);
} catch (...) {
    return example::failed(program);
}
