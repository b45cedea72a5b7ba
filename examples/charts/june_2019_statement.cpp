// The FY2019 months behind the June 2019 White House statement, with its
// claims annotated.
//
//   june_2019_statement [data-dir] [output.svg]
//
// The statement used CBP's release of 2019-06-05: May 2019 144,278
// apprehensions and inadmissibles on the Southwest border, "+32%" over April's
// 109,474, the third straight month at or above 100,000. Those totals exist
// only for a few months and only as published at the time, so the bars are the
// final Border Patrol apprehensions for all twelve months of FY2019
// (cbp_southwest_border_fy2018_fy2019.csv, read with io::csv_stream_reader and
// io::try_parse_count), and the statement's totals are notes: the totals as
// published on 2019-06-05, from
// cbp_southwest_border_fy2017_fy2019_release_vintages.csv through
// io::load_release_vintages_file and release_vintages::as_published_on. For
// March and April that release printed only the two parts, so their totals
// are the sums (March 92,840 + 10,889 = 103,729, which supersedes the 103,719
// printed on 2019-05-08). See examples/data/SOURCES.md, section 1c.
#include <borderstats/analysis.hpp>
#include <borderstats/change.hpp>
#include <borderstats/output/chart.hpp>
#include <borderstats/output/format.hpp>
#include <borderstats/io/vintages.hpp>
#include <borderstats/series.hpp>
#include <borderstats/output/table.hpp>

#include <cstdint>
#include <exception>
#include <iostream>
#include <string>

#include "../common/program.hpp"
#include "chart_data.hpp"

namespace bs = borderstats;
namespace io = borderstats::io;

namespace {
std::string ordinal(int n) {
    static const char* const words[] = {"first", "second", "third", "fourth", "fifth", "sixth"};
    return n >= 1 && n <= 6 ? words[n - 1] : std::to_string(n) + "th";
}

constexpr example::program_info program{"june_2019_statement", "usage: june_2019_statement [DATA_DIR] [OUT.svg]"};
}  // namespace

int main(int argc, char** argv) try {
    const auto args = example::plain_arguments(argc, argv, 2);
    const std::string dir = args.size() > 0 ? args[0] : "examples/data";
    const std::string out = args.size() > 1 ? args[1] : "june_2019_statement.svg";

    // Final Border Patrol apprehensions, FY2019 (an empty cell is unknown: a gap).
    bs::monthly_series<std::int64_t> apprehensions;
    chart_data::for_each_row(dir + "/cbp_southwest_border_fy2018_fy2019.csv", {"fiscal_year", "month", "apprehensions"},
                             [&](const chart_data::row& r) {
                                 const bs::year_month m = r.month(0, 1);
                                 if (bs::fiscal_year<bs::us_federal>::containing(m).number() != 2019) return;
                                 if (!r[2].empty()) apprehensions.set(m, r.count(2));
                             });

    // The totals as the statement had them: CBP's releases up to 2019-06-05.
    const io::civil_date statement_release{2019, 6, 5};
    const auto vintages =
        io::load_release_vintages_file(dir + "/cbp_southwest_border_fy2017_fy2019_release_vintages.csv");
    const bs::monthly_series<std::int64_t> statement =
        vintages.as_published_on(statement_release, io::vintage_measure::total);
    const bs::year_month mar{2019, 3}, apr{2019, 4}, may{2019, 5};
    auto published = [&](bs::year_month m) {
        const auto v = statement.at(m);
        if (!v) throw bs::error(vintages.source() + ": no total for " + bs::to_long_string(m) + " published by " +
                                statement_release.to_string());
        return *v;
    };
    // " (92,840 + 10,889)" after a total the release gave only as its two parts.
    auto parts = [&](bs::year_month m) {
        const auto f = vintages.as_of(m, io::vintage_measure::total, statement_release);
        if (!f || !f->derived) return std::string();
        const io::vintage_row& row = vintages.rows()[f->row];
        return " (" + bs::format_count(*row[io::vintage_measure::apprehensions]) + " + " +
               bs::format_count(*row[io::vintage_measure::inadmissibles]) + ")";
    };
    // The releases the three notes come from, as "2019-06-05". The notes are
    // the chart's point: a month without a published total stops the program.
    std::string releases;
    for (const bs::year_month m : {mar, apr, may}) {
        published(m);
        const std::string date = vintages.as_of(m, io::vintage_measure::total, statement_release)->published.to_string();
        if (releases.find(date) == std::string::npos) releases += (releases.empty() ? "" : " and ") + date;
    }

    const auto rise = bs::month_over_month(statement, may);  // April and May were published (above)
    const std::string rise_text = rise ? bs::format_percent(rise->rounded_percent_change(0)) : std::string("n/a");
    const int streak = bs::streak_at_least(statement, may, 100'000);

    bs::table t;
    t.add_column("Month", bs::align::left).add_column("USBP apprehensions (final)").add_column("Total as of 2019-06-05");
    for (const auto& e : apprehensions) {
        const auto s = statement.at(e.month);
        t.add_row({bs::to_long_string(e.month), e.value ? bs::format_count(*e.value) : std::string("missing"),
                   s ? bs::format_count(*s) + parts(e.month) : "\xE2\x80\x93"});
    }

    bs::chart_options o;
    o.kind = bs::chart_kind::bars;
    o.width = 960;
    o.height = 540;
    o.title = "Southwest border, FY2019: the months behind the June 2019 statement";
    o.subtitle = "Bars: Border Patrol apprehensions (final). Notes: apprehensions + inadmissibles as CBP published them by 5 June 2019";
    o.value_label = "Apprehensions per month";
    o.source = "Sources: CBP monthly release" + std::string(releases.find(" and ") == std::string::npos ? "" : "s") +
               " of " + releases + "; CBP USBP monthly apprehensions FY2000\u2013FY2020 (final)";
    o.id = "june-2019";
    o.thresholds.push_back({100'000, "100,000"});
    o.annotations.push_back({mar, "March: " + bs::format_count(published(mar))});
    o.annotations.push_back({apr, "April: " + bs::format_count(published(apr))});
    o.annotations.push_back({may, "May 2019: " + bs::format_count(published(may)) + ", " + rise_text + "\nover April\u2019s " +
                                      bs::format_count(published(apr)) + "; " + ordinal(streak) +
                                      " straight month at 100,000+"});
    example::write_file(out, bs::render_svg<bs::us_federal>(apprehensions, o, "USBP apprehensions"), "the chart");
    std::cout << "wrote " << out << "\n" << bs::to_text(t);
    std::cout << "May 2019 over April: " << rise_text << "; months in a row at or above 100,000: " << streak << "\n";
    return example::finish(program);
} catch (...) {
    return example::failed(program);
}
