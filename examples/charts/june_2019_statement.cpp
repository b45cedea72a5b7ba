// The FY2019 months behind the June 2019 White House statement, with its
// claims annotated.
//
//   june_2019_statement [data-dir] [output.svg]
//
// The statement used CBP's release of 2019-06-05: May 2019 144,278
// apprehensions and inadmissibles on the Southwest border, "+32%" over April's
// 109,474, the third straight month at or above 100,000 (March 103,719).
// Those totals exist only for a few months and only as first published, so
// the bars are the final Border Patrol apprehensions for all twelve months of
// FY2019 (cbp_southwest_border_fy2018_fy2019.csv), and the statement's totals
// are notes, read from cbp_southwest_border_fy2017_fy2019_release_vintages.csv.
// See examples/data/SOURCES.md, section 1c.
#include <borderstats/analysis.hpp>
#include <borderstats/change.hpp>
#include <borderstats/chart.hpp>
#include <borderstats/format.hpp>
#include <borderstats/series.hpp>
#include <borderstats/table.hpp>

#include <cstdint>
#include <exception>
#include <iostream>
#include <optional>
#include <string>

#include "chart_data.hpp"

namespace bs = borderstats;

namespace {
// One printed figure of the vintages file.
struct published_figures {
    std::optional<std::int64_t> apprehensions, inadmissibles, total;
    // The total, or the sum of its two parts when the release printed only those.
    std::optional<std::int64_t> total_or_sum() const {
        if (total) return total;
        if (apprehensions && inadmissibles) return *apprehensions + *inadmissibles;
        return std::nullopt;
    }
};

published_figures release_row(const std::string& dir, bs::year_month month, const std::string& published) {
    std::optional<published_figures> found;
    chart_data::for_each_row(dir + "/cbp_southwest_border_fy2017_fy2019_release_vintages.csv",
                             {"fiscal_year", "month", "apprehensions", "inadmissibles", "total", "published"},
                             [&](const chart_data::row& r) {
                                 if (r[1].size() != 3 || r[5] != published) return;  // skip FY / FYTD rows
                                 if (chart_data::cbp_month(r[0], r[1]) != month) return;
                                 found = published_figures{chart_data::count(r[2]), chart_data::count(r[3]),
                                                           chart_data::count(r[4])};
                             });
    if (!found) throw bs::error("no row for " + bs::to_string(month) + " published " + published);
    return *found;
}
std::string ordinal(int n) {
    static const char* const words[] = {"first", "second", "third", "fourth", "fifth", "sixth"};
    return n >= 1 && n <= 6 ? words[n - 1] : std::to_string(n) + "th";
}
}  // namespace

int main(int argc, char** argv) try {
    const std::string dir = argc > 1 ? argv[1] : "examples/data";
    const std::string out = argc > 2 ? argv[2] : "june_2019_statement.svg";

    // Final Border Patrol apprehensions, FY2019.
    bs::monthly_series<std::int64_t> apprehensions;
    chart_data::for_each_row(dir + "/cbp_southwest_border_fy2018_fy2019.csv", {"fiscal_year", "month", "apprehensions"},
                             [&](const chart_data::row& r) {
                                 if (r[0] != "2019") return;
                                 if (const auto v = chart_data::count(r[2])) apprehensions.set(chart_data::cbp_month(r[0], r[1]), *v);
                             });

    // The totals as the statement had them (release of 2019-06-05): March
    // from the release of 2019-05-08, the latest CBP release that printed a
    // March total; April as the sum of the two parts printed on 2019-06-05.
    const bs::year_month mar{2019, 3}, apr{2019, 4}, may{2019, 5};
    bs::monthly_series<std::int64_t> statement;
    statement.set(mar, *release_row(dir, mar, "2019-05-08").total_or_sum());
    statement.set(apr, *release_row(dir, apr, "2019-06-05").total_or_sum());
    statement.set(may, *release_row(dir, may, "2019-06-05").total_or_sum());

    const auto rise = bs::month_over_month(statement, may);
    const std::string rise_text = bs::format_percent(rise->rounded_percent(0));
    const int streak = bs::streak_at_least(statement, may, 100'000);

    bs::table t;
    t.add_column("Month", bs::align::left).add_column("USBP apprehensions (final)").add_column("Total as of 2019-06-05");
    for (const auto& e : apprehensions) {
        const auto s = statement.at(e.month);
        t.add_row({bs::to_long_string(e.month), bs::format_count(*e.value), s ? bs::format_count(*s) : "\xE2\x80\x93"});
    }

    bs::chart_options o;
    o.kind = bs::chart_kind::bars;
    o.width = 960;
    o.height = 540;
    o.title = "Southwest border, FY2019: the months behind the June 2019 statement";
    o.subtitle = "Bars: Border Patrol apprehensions (final). Notes: apprehensions + inadmissibles as CBP published them by 5 June 2019";
    o.value_label = "Apprehensions per month";
    o.source = "Sources: CBP monthly releases of 2019-05-08 and 2019-06-05; CBP USBP monthly apprehensions FY2000\u2013FY2020 (final)";
    o.id = "june-2019";
    o.thresholds.push_back({100'000, "100,000"});
    o.annotations.push_back({mar, "March: " + bs::format_count(*statement.at(mar))});
    o.annotations.push_back({apr, "April: " + bs::format_count(*statement.at(apr))});
    o.annotations.push_back({may, "May 2019: " + bs::format_count(*statement.at(may)) + ", " + rise_text + "\nover April\u2019s " +
                                      bs::format_count(*statement.at(apr)) + "; " + ordinal(streak) +
                                      " straight month at 100,000+"});
    chart_data::write_file(out, bs::render_svg<bs::us_federal>(apprehensions, o, "USBP apprehensions"));
    std::cout << "wrote " << out << "\n" << bs::to_text(t);
    std::cout << "May 2019 over April: " << rise_text << "; months in a row at or above 100,000: " << streak << "\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
}
