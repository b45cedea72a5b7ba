// Tests for releases.hpp: release_history<T>. Small histories use figures
// written here by hand; the real ones are the bundled CBP files, with the
// figures of examples/data/SOURCES.md (2a, 2b, 2b2) and its publication dates
// (2d), never this code's output.
#include <borderstats/aggregate.hpp>
#include <borderstats/io/cbp.hpp>
#include <borderstats/releases.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>

#include "data_path.hpp"

using namespace borderstats;

namespace {

using history = release_history<std::int64_t>;
using series = monthly_series<std::int64_t>;

constexpr civil_date sep_30_2025{2025, 9, 30};
constexpr civil_date jan_14_2026{2026, 1, 14};
constexpr civil_date nov_30_2023{2023, 11, 30};
using fy = fiscal_year<us_federal>;

// The Southwest Land Border months of a CBP file: every row of a Southwest
// file (it has no region column), the Southwest rows of a nationwide one.
series southwest(const char* name) {
    const io::cbp_table table = io::load_cbp_file(data_file(name));
    std::optional<dimension_code> region;
    if (table.has(io::cbp_dimension::land_border_region)) {
        region = table.code(io::cbp_dimension::land_border_region, "Southwest Land Border");
        REQUIRE(region.has_value());
    }
    return total_by_month(
        table, [](const io::cbp_record& r) { return r.month; }, [](const io::cbp_record& r) { return r.count; },
        [&](const io::cbp_record& r) { return !region || r[io::cbp_dimension::land_border_region] == *region; });
}

const series& august_2025() {
    static const series s = southwest("sbo-encounters-fy22-fy25-aug.csv");
    return s;
}
const series& final_fy2025() {
    static const series s = southwest("cbp-nationwide-encounters-fy22-fy25-state.csv");
    return s;
}
const series& november_2023() {
    static const series s = southwest("cbp-nationwide-encounters-fy20-fy23-state.csv");
    return s;
}

// The August 2025 and final releases, added in no particular order, and the
// November 2023 one when asked for (each file costs a read; tests stay fast).
history cbp_history(bool with_november_2023 = false) {
    history h;
    h.add(jan_14_2026, "final FY2022-FY2025", "cbp-nationwide-encounters-fy22-fy25-state.csv", final_fy2025());
    if (with_november_2023)
        h.add(publication_date::some_day_of(year_month{2023, 11}), "November 2023",
              "cbp-nationwide-encounters-fy20-fy23-state.csv", november_2023());
    h.add(publication_date::some_day_of(year_month{2025, 9}), "August 2025 Southwest", "sbo-encounters-fy22-fy25-aug.csv",
          august_2025());
    return h;
}

}  // namespace

// ------------------------------------------------------------ small, by hand

TEST_CASE("A later release wins and each figure names its release") {
    history h;
    const auto first = h.add(civil_date{2019, 6, 5}, "May data", "may.csv", series{year_month{2019, 4}, {109'144, 144'278}});
    const auto second = h.add(civil_date{2019, 7, 10}, "June data", "june.csv", series{year_month{2019, 5}, {144'273, 104'344}});
    CHECK(first == 0);
    CHECK(second == 1);
    const auto may = h.latest(year_month{2019, 5});
    REQUIRE(may);
    CHECK(may->value == 144'273);
    CHECK(may->release == second);
    CHECK(h.release_of(*may).label == "June data");
    CHECK(h.release_of(*may).source == "june.csv");
    CHECK(may->published.to_string() == "2019-07-10");
    CHECK(h.as_of(year_month{2019, 5}, civil_date{2019, 7, 9})->value == 144'278);
    CHECK(h.first_published(year_month{2019, 5})->value == 144'278);
    // April: only the first release gave it, so it is still its figure.
    CHECK(h.latest(year_month{2019, 4})->release == first);
    // Before any release: nothing known.
    CHECK_FALSE(h.as_of(year_month{2019, 5}, civil_date{2019, 6, 4}).has_value());
    CHECK(h.as_of(civil_date{2019, 6, 4}).series().count_reported() == 0);
    CHECK(h.as_of(civil_date{2019, 6, 4}).empty());
    CHECK_FALSE(h.as_of(civil_date{2019, 6, 5}).empty());
}

TEST_CASE("A snapshot as of a day holds each month of the latest release published by then") {
    history h;
    h.add(civil_date{2019, 7, 10}, "June data", "june.csv", series{year_month{2019, 5}, {144'273, 104'344}});
    h.add(civil_date{2019, 6, 5}, "May data", "may.csv", series{year_month{2019, 3}, {103'729, 109'474, 144'278}});
    const auto then = h.as_of(civil_date{2019, 6, 30});
    CHECK(then.at(year_month{2019, 5}) == 144'278);
    CHECK_FALSE(then.at(year_month{2019, 6}).has_value());
    const auto now = h.latest();
    CHECK_FALSE(now.as_of().has_value());
    CHECK(now.at(year_month{2019, 5}) == 144'273);
    CHECK(now.at(year_month{2019, 6}) == 104'344);
    CHECK(now.figure(year_month{2019, 3})->published.date == civil_date{2019, 6, 5});
    // March to June: 103729 + 109474 + 144273 + 104344, from both releases, earliest first.
    const auto sum = now.sum(year_month{2019, 3}, year_month{2019, 6});
    REQUIRE(sum);
    CHECK(sum->value == 103'729 + 109'474 + 144'273 + 104'344);
    CHECK_FALSE(sum->printed_total);
    REQUIRE(sum->releases.size() == 2);
    CHECK(sum->releases[0] == 1);
    CHECK(sum->releases[1] == 0);
    // A month no release gives makes the sum unknown and never a smaller total.
    CHECK_FALSE(now.sum(year_month{2019, 2}, year_month{2019, 6}).has_value());
}

TEST_CASE("Revisions list every figure of a month with the change from the one before") {
    history h;
    h.add(civil_date{2019, 6, 5}, "a", "a.csv", series{year_month{2019, 5}, {144'278}});
    h.add(civil_date{2019, 9, 9}, "c", "c.csv", series{year_month{2019, 5}, {144'255}});
    h.add(civil_date{2019, 7, 10}, "b", "b.csv", series{year_month{2019, 5}, {144'278}});
    const auto r = h.revisions(year_month{2019, 5});
    REQUIRE(r.size() == 3);
    CHECK(r[0].figure.value == 144'278);
    CHECK_FALSE(r[0].change.has_value());
    CHECK(r[1].figure.published.date == civil_date{2019, 7, 10});
    CHECK(r[1].change == 0);
    CHECK(r[2].figure.value == 144'255);
    CHECK(r[2].change == -23);  // 144255 - 144278
    CHECK(h.revisions(year_month{2019, 6}).empty());
}

TEST_CASE("Two releases of the same day that both give a month are an error naming both and the month") {
    history h;
    h.add(civil_date{2025, 9, 30}, "August", "a.csv", series{year_month{2024, 10}, {106'321, 94'190}});
    std::string why;
    CHECK_FALSE(h.try_add(release<std::int64_t>{civil_date{2025, 9, 30}, "other", "b.csv",
                                                series{year_month{2024, 11}, {94'191}}, {}, {}},
                          &why));
    CHECK(why ==
          "a.csv and b.csv are both published on 2025-09-30 and both give 2024-11: which figure is the later one "
          "cannot be known; give them different publication dates");
    CHECK(h.size() == 1);
    CHECK_THROWS_AS(h.add(civil_date{2025, 9, 30}, "other", "b.csv", series{year_month{2024, 10}, {1}}), release_conflict);
    // The same day for other months is fine.
    CHECK(h.try_add(release<std::int64_t>{civil_date{2025, 9, 30}, "September", "c.csv",
                                          series{year_month{2024, 12}, {96'035}}, {}, {}}));
    CHECK(h.size() == 2);
}

TEST_CASE("A month a later release leaves out inside its span is reported as dropped and keeps its figure") {
    history h;
    h.add(civil_date{2025, 9, 30}, "August", "a.csv", series{year_month{2025, 1}, {29'101, 11'714, 11'017}});
    series later{year_month{2025, 1}, {29'100, 0, 11'016}};
    later.erase(year_month{2025, 2});
    h.add(jan_14_2026, "final", "b.csv", later);
    // A release that ends earlier than another drops nothing.
    h.add(civil_date{2026, 2, 1}, "short", "c.csv", series{year_month{2025, 1}, {29'100}});
    const auto dropped = h.dropped();
    REQUIRE(dropped.size() == 1);
    CHECK(dropped[0].month == year_month{2025, 2});
    CHECK(dropped[0].last_given.value == 11'714);
    CHECK(dropped[0].dropped_by == 1);
    CHECK(h.describe(dropped[0]) ==
          "2025-02: given by a.csv (published 2025-09-30) as 11714, but not by b.csv (published 2026-01-14), whose "
          "span covers it; the earlier figure is kept");
    // Not a gap and not a zero: the earlier figure stands.
    CHECK(h.latest().at(year_month{2025, 2}) == 11'714);
    CHECK(h.latest().sum(year_month{2025, 1}, year_month{2025, 3})->value == 29'100 + 11'714 + 11'016);
}

TEST_CASE("A printed total stands for a span whose months are not all known") {
    history h;
    release<std::int64_t> r{civil_date{2019, 6, 5}, "May data", "v.csv", series{year_month{2019, 5}, {144'278}}, {}, {}};
    r.totals.push_back({month_range::inclusive(year_month{2018, 10}, year_month{2019, 5}), 676'315});
    h.add(std::move(r));
    const auto fytd = h.as_of(civil_date{2019, 6, 5}).fiscal_year_to_date<us_federal>(year_month{2019, 5});
    REQUIRE(fytd);
    CHECK(fytd->value == 676'315);
    CHECK(fytd->printed_total);
    CHECK(fytd->releases.size() == 1);
    CHECK_FALSE(h.as_of(civil_date{2019, 6, 4}).fiscal_year_to_date<us_federal>(year_month{2019, 5}).has_value());
}

TEST_CASE("Publication dates read YYYY-MM-DD or YYYY-MM and nothing else") {
    CHECK(publication_date::try_parse("2025-09-30") == publication_date{civil_date{2025, 9, 30}});
    const auto month_only = publication_date::try_parse("2025-09");
    REQUIRE(month_only);
    CHECK_FALSE(month_only->day_known);
    CHECK(month_only->date == civil_date{2025, 9, 30});
    CHECK(month_only->to_string() == "2025-09");
    CHECK_FALSE(publication_date::try_parse("2025-02-30").has_value());
    CHECK_FALSE(publication_date::try_parse("2025-13").has_value());
    CHECK_FALSE(publication_date::try_parse("2025-9-30").has_value());
    CHECK_FALSE(publication_date::try_parse("").has_value());
}

TEST_CASE("A keyed history adds a release of every group at once and refuses a conflict in any") {
    keyed_release_history<std::string, std::int64_t> k;
    std::map<std::string, series> first{{"MEXICO", series{year_month{2025, 1}, {10}}},
                                        {"GUATEMALA", series{year_month{2025, 1}, {4}}}};
    k.add(civil_date{2025, 9, 30}, "August", "a.csv", first);
    std::map<std::string, series> second{{"MEXICO", series{year_month{2025, 1}, {9}}}};
    k.add(jan_14_2026, "final", "b.csv", second);
    REQUIRE(k.find("MEXICO") != nullptr);
    CHECK(k.find("MEXICO")->latest(year_month{2025, 1})->value == 9);
    CHECK(k.find("GUATEMALA")->latest(year_month{2025, 1})->value == 4);
    CHECK(k.find("HONDURAS") == nullptr);
    std::map<std::string, series> clash{{"AAA", series{year_month{2025, 1}, {1}}},
                                        {"MEXICO", series{year_month{2025, 1}, {8}}}};
    CHECK_THROWS_AS(k.add(jan_14_2026, "again", "c.csv", clash), release_conflict);
    CHECK(k.find("AAA") == nullptr);  // nothing was added
}

// ------------------------------------------------------------ the CBP files

TEST_CASE("Eleven FY2025 Southwest months were revised between the August 2025 file and the final file") {
    const history h = cbp_history();
    const auto revised = h.revised_between(sep_30_2025, jan_14_2026);
    CHECK(revised.size() == 11);
    std::int64_t all = 0;
    for (const auto& r : revised) {
        CAPTURE(to_string(r.month));
        CHECK(fy::containing(r.month) == fy{2025});
        CHECK(r.difference < 0);
        CHECK(r.difference >= -9);
        CHECK(h.release_of(r.before).source == "sbo-encounters-fy22-fy25-aug.csv");
        CHECK(h.release_of(r.after).source == "cbp-nationwide-encounters-fy22-fy25-state.csv");
        all += r.difference;
    }
    CHECK(all == -35);
    const auto october = h.revisions(year_month{2024, 10});
    REQUIRE(october.size() == 2);
    CHECK(october[0].figure.value == 106'321);
    CHECK(october[1].figure.value == 106'316);
    CHECK(october[1].change == -5);
    CHECK(h.first_published(year_month{2025, 8})->value == 9'740);
    CHECK(h.latest(year_month{2025, 8})->value == 9'731);
    CHECK(h.first_published(year_month{2025, 9})->value == 11'647);  // only the final file has September
    CHECK(h.dropped().empty());
}

TEST_CASE("FY2025 October to August is 432059 as of the August file and 432024 in the final") {
    const history h = cbp_history();
    const auto then = h.as_of(sep_30_2025).sum(year_month{2024, 10}, year_month{2025, 8});
    REQUIRE(then);
    CHECK(then->value == 432'059);
    REQUIRE(then->releases.size() == 1);
    CHECK(h.releases()[then->releases[0]].label == "August 2025 Southwest");
    const auto now = h.latest().fiscal_year_to_date<us_federal>(year_month{2025, 8});
    REQUIRE(now);
    CHECK(now->value == 432'024);
    CHECK(h.releases()[now->releases.at(0)].label == "final FY2022-FY2025");
    CHECK(h.latest().fiscal_year_total(fy{2025})->value == 443'671);
    // September 2025 was not known on 2025-09-30.
    CHECK_FALSE(h.as_of(sep_30_2025).fiscal_year_total(fy{2025}).has_value());
}

TEST_CASE("FY2022 Southwest is 2378944 in the November 2023 file and in the final with no FY2022 or FY2023 month revised") {
    const history h = cbp_history(true);
    const auto then = h.as_of(nov_30_2023).fiscal_year_total(fy{2022});
    REQUIRE(then);
    CHECK(then->value == 2'378'944);
    CHECK(h.releases()[then->releases.at(0)].label == "November 2023");
    CHECK(h.latest().fiscal_year_total(fy{2022})->value == 2'378'944);
    CHECK(h.latest().fiscal_year_total(fy{2023})->value == 2'475'669);
    CHECK(h.revised_between(nov_30_2023, sep_30_2025).empty());
    CHECK(h.revised_between(nov_30_2023, jan_14_2026).empty());  // FY2025 was not in the 2023 file
    // FY2020 comes from the November 2023 file alone, the only one that has it.
    CHECK(h.latest().fiscal_year_total(fy{2020})->value == 458'088);
}

TEST_CASE("a release known only by its month and one dated inside that month cannot be ordered") {
    const auto month_only = publication_date::some_day_of(year_month{2024, 1});
    CHECK(order_unknown(month_only, publication_date{civil_date{2024, 1, 20}}));
    CHECK(order_unknown(month_only, publication_date{civil_date{2024, 1, 1}}));
    CHECK_FALSE(order_unknown(month_only, publication_date{civil_date{2024, 2, 1}}));
    CHECK_FALSE(order_unknown(publication_date{civil_date{2024, 1, 10}}, publication_date{civil_date{2024, 1, 20}}));
    history h;
    h.add(month_only, "January", "rel1.csv", series{year_month{2023, 10}, {100, 200}});
    std::string why;
    CHECK_FALSE(h.try_add(release<std::int64_t>{civil_date{2024, 1, 20}, "short", "rel3.csv",
                                                series{year_month{2023, 10}, {105}}, {}, {}},
                          &why));
    CHECK(why == "rel1.csv (published some day of 2024-01) and rel3.csv (published 2024-01-20) both give 2023-10: "
                 "which figure is the later one cannot be known; give rel1.csv its day of publication (YYYY-MM-DD)");
    CHECK_THROWS_AS(h.add(civil_date{2024, 1, 5}, "x", "x.csv", series{year_month{2023, 11}, {1}}), release_conflict);
    // Against the month's last day (where a month-only date is counted from), the advice is still the day.
    history g;
    g.add(month_only, "January", "rel1.csv", series{year_month{2023, 10}, {100}});
    CHECK_FALSE(g.try_add(release<std::int64_t>{civil_date{2024, 1, 31}, "last day", "rel6.csv",
                                                series{year_month{2023, 10}, {101}}, {}, {}},
                          &why));
    CHECK(why == "rel1.csv (published some day of 2024-01) and rel6.csv (published 2024-01-31) both give 2023-10: "
                 "which figure is the later one cannot be known; give rel1.csv its day of publication (YYYY-MM-DD)");
    // Other months are fine, and a release of the next month is later.
    h.add(civil_date{2024, 1, 20}, "December", "rel4.csv", series{year_month{2023, 12}, {300}});
    h.add(civil_date{2024, 2, 1}, "February", "rel5.csv", series{year_month{2023, 10}, {110}});
    CHECK(h.latest(year_month{2023, 10})->value == 110);
    CHECK(h.size() == 3);
}
