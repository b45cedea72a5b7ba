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

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
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

// A count: digits only, as it fits 64 bits.
std::int64_t count_of(const std::string& text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, value);
    if (text.empty() || text[0] == '-' || r.ec != std::errc() || r.ptr != end)
        throw std::runtime_error("field 'apprehensions': expected a count (digits only, at most 9223372036854775807), found '" +
                                 bs::detail::quote_for_message(text) + "'");
    return value;
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
        std::size_t field = 0;  // the field being read: an error gives its column
        try {
            if (f.size() < 3) throw std::runtime_error("expected at least 3 fields, found " + std::to_string(f.size()));
            const auto fy = bs::parse_fiscal_year<bs::us_federal>(f[field = 0]).year;
            const bs::year_month month = fy.month_of(bs::parse_month_name(f[field = 1]));
            if (!f[field = 2].empty()) apprehensions.set(month, count_of(f[2]));
        } catch (const std::exception& e) {
            std::size_t column = 1;
            for (std::size_t k = 0; k < field && k < f.size(); ++k) column += f[k].size() + 1;
            std::cerr << path << ':' << line_number << ':' << column << ": " << e.what() << '\n';
            return 1;
        }
    }

    std::printf("Southwest border, U.S. Border Patrol apprehensions (final figures)\n\n");
    std::printf("%-15s %10s %8s %8s %10s\n", "month", "count", "MoM", "YoY", "FYTD");
    for (bs::year_month m : us_fy{2019}.months_range()) {
        const auto count = apprehensions.at(m);  // a month without a figure is missing, never 0
        const auto mom = bs::month_over_month(apprehensions, m);
        const auto yoy = bs::year_over_year(apprehensions, m);
        const auto fytd = apprehensions.fiscal_year_to_date<bs::us_federal>(m);
        std::printf("%-15s %10s %8s %8s %10s\n", bs::to_long_string(m).c_str(),
                    count ? bs::format_count(*count).c_str() : "missing",
                    mom ? bs::format_percent(mom->rounded_percent_change(1), 1).c_str() : "n/a",
                    yoy ? bs::format_percent(yoy->rounded_percent_change(0)).c_str() : "n/a",
                    fytd ? bs::format_count(*fytd).c_str() : "n/a");
    }

    // A year with a month missing has no total: its months add up to less.
    std::printf("\n");
    for (const auto& year : apprehensions.by_fiscal_year<bs::us_federal>()) {
        if (year.complete()) {
            std::printf("%s total: %s (%d of %d months)\n", year.period.label().c_str(),
                        bs::format_count(year.total).c_str(), year.months_reported, year.months_in_period);
            continue;
        }
        std::string without;
        for (bs::year_month m : year.period.months_range())
            if (!apprehensions.at(m)) without += (without.empty() ? "" : ", ") + bs::to_long_string(m);
        std::printf("%s total: missing (%d of %d months; no figure for %s; the others add up to %s)\n",
                    year.period.label().c_str(), year.months_reported, year.months_in_period, without.c_str(),
                    bs::format_count(year.total).c_str());
    }
    const auto fy2018 = apprehensions.fiscal_year_total(us_fy{2018});
    const auto fy2019 = apprehensions.fiscal_year_total(us_fy{2019});
    if (fy2018 && fy2019)
        std::printf("FY2019 against FY2018: %s\n", bs::format_percent(bs::percent_change(*fy2018, *fy2019), 1).c_str());
    else
        std::printf("FY2019 against FY2018: n/a (%s has months missing)\n",
                    !fy2018 && !fy2019 ? "each year" : !fy2018 ? "FY2018" : "FY2019");

    const std::size_t missing = apprehensions.size() - apprehensions.count_reported();
    const std::string gaps = missing == 0 ? std::string()
                                          : " (" + std::to_string(missing) + " month(s) without a figure; a run through a gap is not counted)";
    if (const auto run = bs::longest_streak_at_least(apprehensions, 100'000))
        std::printf("Longest run at or above 100,000: %d month(s), %s to %s%s\n", run->length,
                    bs::to_long_string(run->first).c_str(), bs::to_long_string(run->last).c_str(), gaps.c_str());
    else
        std::printf("No month reached 100,000 apprehensions (the statement's 100,000 counts inadmissibles too)%s\n",
                    gaps.c_str());

    // The rank among the months with a figure; a gap might have been higher.
    const bs::year_month may19{2019, 5};
    if (const auto rank = bs::rank_range_of(apprehensions, may19)) {
        const char* highest = rank->worst == 1 ? "yes" : rank->best == 1 ? "unknown" : "no";
        if (rank->exact())
            std::printf("May 2019 is the highest month in the file: %s; rank %d of %d\n", highest, rank->best, rank->ranked);
        else
            std::printf("May 2019 is the highest month in the file: %s; rank %d to %d (%d months with a figure, %d missing)\n",
                        highest, rank->best, rank->worst, rank->ranked, rank->missing);
    } else {
        std::printf("May 2019 is the highest month in the file: n/a (May 2019 has no figure)\n");
    }
    return example::finish(program);
} catch (...) {
    return example::failed(program);
}
