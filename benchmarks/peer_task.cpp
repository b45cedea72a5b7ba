// peer_task FILE [THREADS]: the peer-comparison task of benchmarks/peers on
// borderstats' public API (see benchmarks/peers/README.md, "Output format").
//
//   task 1: Southwest Land Border encounters by (fiscal year, month),
//           chronological, with the percent change from the previous row
//   task 2: encounters by (fiscal year, citizenship) over all rows
//
// The file is read by io::sum_encounters (aggregate_scan.hpp) on THREADS
// threads (default 1); the output does not depend on THREADS.
#include <borderstats/borderstats.hpp>
#include <borderstats/aggregate_scan.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <string>
#include <utility>

namespace bs = borderstats;

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// "12.3" / "-0.4": a percent rounded (exactly, half away from zero) to one place.
std::string tenths(double rounded) {
    const long long t = std::llround(rounded * 10.0);
    const unsigned long long a = t < 0 ? 0ULL - static_cast<unsigned long long>(t) : static_cast<unsigned long long>(t);
    std::string out = t < 0 ? "-" : "";
    out += std::to_string(a / 10);
    out += '.';
    out += std::to_string(a % 10);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::fprintf(stderr, "usage: %s FILE [THREADS]\n", argv[0]);
        return 2;
    }
    const unsigned threads = argc == 3 ? static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10)) : 1u;
    try {
        bs::io::encounter_columns columns;  // Fiscal Year, Month (abbv), Encounter Count
        columns.dimensions = {"Land Border Region", "Citizenship"};
        const bs::io::encounter_sums sums = bs::io::sum_encounters(argv[1], columns, threads == 0 ? 1 : threads);

        std::string out = "# task1 fy|month|calendar|total|pct_change\n";
        const auto southwest = sums.find(0, "Southwest Land Border");
        const bs::monthly_series<std::int64_t> sw =
            sums.total_by_month([&](const std::uint32_t* codes) { return southwest && codes[0] == *southwest; });
        std::optional<std::int64_t> previous;
        for (const auto& entry : sw) {
            if (!entry.value) continue;  // no Southwest row that month: no line, as the peers do
            const std::int64_t total = *entry.value;
            const auto fy = bs::fiscal_year<bs::us_federal>::containing(entry.month);
            out += std::to_string(fy.number());
            out += '|';
            out += upper(bs::month_abbreviation(entry.month.month()));
            out += '|';
            out += bs::to_string(entry.month);
            out += '|';
            out += std::to_string(total);
            out += '|';
            if (previous) {
                if (const auto pct = bs::change<std::int64_t>{*previous, total}.rounded_percent_change(1)) out += tenths(*pct);
            }
            out += '\n';
            previous = total;
        }

        out += "# task2 fy|citizenship|total\n";
        std::map<std::pair<int, std::string>, std::int64_t> by_citizenship;  // std::string orders bytes unsigned
        const auto& citizenships = sums.values(1);
        sums.for_each([&](bs::year_month m, const std::uint32_t* codes, std::int64_t sum) {
            const int fy = bs::fiscal_year<bs::us_federal>::containing(m).number();
            auto& cell = by_citizenship[{fy, std::string(citizenships.name(bs::dimension_code{codes[1]}))}];
            cell = bs::checked_add<std::int64_t>(cell, sum);
        });
        for (const auto& [key, total] : by_citizenship) {
            out += std::to_string(key.first);
            out += '|';
            out += key.second;
            out += '|';
            out += std::to_string(total);
            out += '\n';
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "peer_task: %s\n", e.what());
        return 1;
    }
    return 0;
}
