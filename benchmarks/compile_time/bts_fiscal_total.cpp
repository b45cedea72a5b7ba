// The compile-time probe of benchmarks/compile_time.sh (issue 14): a small
// real program that loads a BTS Border Crossing Entry Data file and prints a
// fiscal-year total, as a newcomer writes it. Run it as
//   bts_fiscal_total examples/data/bts_border_crossing_entry_data_cy2018.csv
// (prints the U.S.-Mexico border's pedestrians in FY2018's January-September).
#include <borderstats/borderstats.hpp>
#include <borderstats/io/bts.hpp>

#include <cstdint>
#include <cstdio>

namespace bs = borderstats;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bts_fiscal_total FILE\n");
        return 2;
    }
    const bs::io::bts_table table = bs::io::load_bts_file(argv[1]);
    const auto border = table.find(bs::io::bts_dimension::border, "US-Mexico Border");
    const auto measure = table.find(bs::io::bts_dimension::measure, "Pedestrians");
    if (!border || !measure) return 1;
    const bs::fiscal_year<bs::us_federal> fy{2018};
    std::int64_t total = 0;
    for (const bs::io::bts_record& r : table)
        if (fy.contains(r.month) && r[bs::io::bts_dimension::border] == *border &&
            r[bs::io::bts_dimension::measure] == *measure)
            total += r.value;
    std::printf("%s pedestrians, US-Mexico border: %s\n", fy.label().c_str(), bs::format_count(total).c_str());
}
