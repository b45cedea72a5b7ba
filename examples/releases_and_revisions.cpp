// releases_and_revisions: what CBP published when, and what it revised since.
//
// Two CBP files are two releases of one series: the August 2025 Southwest Land
// Border Encounters file (published in September 2025) and the final
// FY2022-FY2025 nationwide file (out by 2026-01-14; the dates and why are in
// examples/data/SOURCES.md, 2d). Each file's Southwest Land Border months
// become a release of one release_history; the program prints the months the
// final file revised, and the FY2025 October-August total as known then and
// now, each with the release it came from.
//
// Usage: releases_and_revisions [DATA_DIR]
#include <borderstats/aggregate.hpp>
#include <borderstats/io/cbp.hpp>
#include <borderstats/output/format.hpp>
#include <borderstats/releases.hpp>

#include "common/program.hpp"

#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>

namespace bs = borderstats;
namespace io = borderstats::io;

namespace {

constexpr example::program_info program{"releases_and_revisions", "usage: releases_and_revisions [DATA_DIR]"};


// Southwest Land Border encounters by month in one CBP file. A Southwest
// Land Border Encounters file has no region column: all of it is Southwest.
bs::monthly_series<std::int64_t> southwest(const std::string& path) {
    constexpr auto region = io::cbp_dimension::land_border_region;
    const io::cbp_table file = io::load_cbp_file(path);
    const bool all_rows = io::cbp_implied_value(file, region) == io::cbp_southwest_land_border;
    // Throws naming the nearest regions when a nationwide file has no Southwest rows.
    const auto code = all_rows ? std::optional<bs::dimension_code>{}
                               : std::optional<bs::dimension_code>{file.code(region, io::cbp_southwest_land_border)};
    return bs::total_by_month(
        file, [](const io::cbp_record& r) { return r.month; }, [](const io::cbp_record& r) { return r.count; },
        [&](const io::cbp_record& r) { return all_rows || (code && r[region] == *code); });
}

}  // namespace

int main(int argc, char** argv) try {
    const auto args = example::plain_arguments(argc, argv, 1);
    const std::string dir = args.empty() ? "examples/data" : args[0];
    bs::release_history<std::int64_t> southwest_border;
    southwest_border.add(bs::publication_date::some_day_of(bs::year_month{2025, 9}), "August 2025 Southwest file",
                         dir + "/sbo-encounters-fy22-fy25-aug.csv", southwest(dir + "/sbo-encounters-fy22-fy25-aug.csv"));
    southwest_border.add(bs::civil_date{2026, 1, 14}, "final FY2022-FY2025 file",
                         dir + "/cbp-nationwide-encounters-fy22-fy25-state.csv",
                         southwest(dir + "/cbp-nationwide-encounters-fy22-fy25-state.csv"));

    const bs::civil_date august_out{2025, 9, 30};
    const bs::civil_date final_out{2026, 1, 14};
    std::printf("Southwest Land Border months revised by the final file:\n");
    for (const auto& r : southwest_border.revised_between(august_out, final_out))
        std::printf("  %s  %s -> %s (%s)\n", bs::to_string(r.month).c_str(), bs::format_count(r.before.value).c_str(),
                    bs::format_count(r.after.value).c_str(),
                    ((r.difference > 0 ? "+" : "") + bs::format_count(r.difference)).c_str());

    // FY2025 October through August, as known when each file was out.
    const bs::year_month august{2025, 8};
    for (const auto& known : {southwest_border.as_of(august_out), southwest_border.as_of(final_out)}) {
        const auto fytd = known.fiscal_year_to_date<bs::us_federal>(august);
        if (!fytd) {  // a month without a figure: no total rather than a smaller one
            std::printf("FY2025 October-August as known on %s: missing (a month has no figure)\n",
                        known.as_of()->to_string().c_str());
            continue;
        }
        const auto& from = southwest_border.releases().at(fytd->releases.back());
        std::printf("FY2025 October-August as known on %s: %s (%s, published %s)\n", known.as_of()->to_string().c_str(),
                    bs::format_count(fytd->value).c_str(), from.label.c_str(), from.published.to_string().c_str());
    }
    return example::finish(program);  // 1 when standard output could not be written
} catch (...) {
    return example::failed(program);
}
