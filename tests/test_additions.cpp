// The pieces issue 13 found missing: slices, extremes, streaming a month or a
// fiscal year, projections by member pointer, the default U.S. federal
// calendar, calendar-year totals, percent change from a figure that may be a
// gap, top groups by a period total and the fiscal-year side-by-side table.
//
// The monthly figures are the final U.S. Border Patrol Southwest border
// apprehensions of examples/data/cbp_southwest_border_fy2018_fy2019.csv
// (SOURCES.md 1a and 1c; FY2018 = 396,579 and FY2019 = 851,508 as CBP
// printed them); the BTS figures are those of SOURCES.md 3a. Every other
// figure is added up by hand in a comment.
#include <borderstats/aggregate.hpp>
#include <borderstats/change.hpp>
#include <borderstats/fiscal.hpp>
#include <borderstats/io/bts.hpp>
#include <borderstats/output/table.hpp>
#include <borderstats/series.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "data_path.hpp"

namespace bs = borderstats;
using bs::monthly_series;
using bs::year_month;
using us_fy = bs::fiscal_year<bs::us_federal>;

namespace {
monthly_series<std::int64_t> southwest_border() {
    return monthly_series<std::int64_t>{year_month{2017, 10},
                                        {// FY2018: Oct 2017 .. Sep 2018
                                         25488, 29085, 28995, 25975, 26666, 37390, 38243, 40339, 34089, 31299, 37524,
                                         41486,
                                         // FY2019: Oct 2018 .. Sep 2019
                                         51005, 51857, 50751, 47979, 66883, 92833, 99273, 132856, 94902, 71978, 50684,
                                         40507}};
}
}  // namespace

TEST_CASE("a slice keeps the figures and gaps of its months and is a gap outside the series") {
    auto s = southwest_border();
    s.erase(year_month{2018, 12});
    const auto q = s.slice(year_month{2018, 10}, year_month{2019, 2});
    CHECK(q.first_month() == year_month{2018, 10});
    CHECK(q.size() == 5);
    CHECK(*q.at(year_month{2018, 11}) == 51857);
    CHECK_FALSE(q.at(year_month{2018, 12}).has_value());
    CHECK_FALSE(q.at(year_month{2018, 9}).has_value());  // outside the slice, though in the series
    // Oct 51,005 + Nov 51,857 + Jan 47,979 + Feb 66,883 = 217,724; December is a gap.
    CHECK(q.sum_reported(year_month{2018, 10}, year_month{2019, 2}).total == 217'724);
    const auto wider = s.slice(year_month{2019, 8}, year_month{2019, 11});
    CHECK(wider.size() == 4);
    CHECK(*wider.at(year_month{2019, 9}) == 40507);
    CHECK_FALSE(wider.at(year_month{2019, 10}).has_value());
    CHECK(s.slice(year_month{2019, 2}, year_month{2019, 1}).empty());
}

TEST_CASE("max and argmax give the highest figure and its month and skip gaps") {
    auto s = southwest_border();
    REQUIRE(s.max().has_value());
    CHECK(s.max()->month == year_month{2019, 5});
    CHECK(s.max()->value == 132856);
    CHECK(*s.argmax() == year_month{2019, 5});
    CHECK(*s.argmin() == year_month{2017, 10});  // 25,488, below January 2018's 25,975
    s.erase(year_month{2019, 5});
    CHECK(*s.argmax() == year_month{2019, 4});  // 99,273
    CHECK_FALSE(monthly_series<std::int64_t>{bs::month_range::inclusive(year_month{2019, 1}, year_month{2019, 3})}
                    .max()
                    .has_value());
    const monthly_series<std::int64_t> tie{year_month{2019, 1}, {5, 7, 7}};
    CHECK(*tie.argmax() == year_month{2019, 2});  // the earliest of a tie
}

TEST_CASE("months and fiscal years print to a stream as their labels") {
    std::ostringstream out;
    out << year_month{2019, 5} << ' ' << us_fy{2019} << ' ' << bs::fiscal_year<bs::uk>{2019} << ' '
        << us_fy{2019}.quarter(3);
    CHECK(out.str() == "2019-05 FY2019 2019-20 FY2019 Q3");
}

TEST_CASE("fiscal year to date and roll-ups are on the U.S. federal calendar unless another is named") {
    const auto s = southwest_border();
    // Oct 51,005 + Nov 51,857 + Dec 50,751 + Jan 47,979 + Feb 66,883 = 268,475.
    CHECK(*s.fiscal_year_to_date(year_month{2019, 2}) == 268'475);
    CHECK(s.fiscal_year_to_date(year_month{2019, 2}) == s.fiscal_year_to_date<bs::us_federal>(year_month{2019, 2}));
    // Oct 25,488 + Nov 29,085 + Dec 28,995 = 83,568 a year earlier.
    CHECK(*s.same_period_last_year(year_month{2018, 12}) == 83'568);
    const auto years = s.by_fiscal_year();
    REQUIRE(years.size() == 2);
    CHECK(years[1].period == us_fy{2019});
    CHECK(*years[1].complete_total() == 851'508);
    CHECK(s.by_fiscal_quarter().size() == 8);
    CHECK(bs::fytd_over_prior_fytd(s, year_month{2019, 9})->to == 851'508);
}

TEST_CASE("a calendar-year total runs January to December and needs all twelve months") {
    auto s = southwest_border();
    // Jan..Sep 2018 (313,011) + Oct..Dec 2018 (153,613) = 466,624.
    CHECK(*s.calendar_year_total(2018) == 466'624);
    CHECK_FALSE(s.calendar_year_total(2019).has_value());  // Oct..Dec 2019 are not in the series
    s.erase(year_month{2018, 6});
    CHECK_FALSE(s.calendar_year_total(2018).has_value());
}

TEST_CASE("percent change takes a figure that may be a gap on either side") {
    const auto s = southwest_border();
    // May 2019 (132,856) against April 2019 (99,273): 33,583 / 99,273 = +33.83%.
    const auto from_april = bs::percent_change(s.at(year_month{2019, 4}), 132856);
    REQUIRE(from_april.has_value());
    CHECK(*from_april == doctest::Approx(33583.0 / 99273.0 * 100.0));
    CHECK_FALSE(bs::percent_change(s.at(year_month{2020, 4}), 5).has_value());
    CHECK(*bs::percent_change(99273, s.at(year_month{2019, 5})) == doctest::Approx(33583.0 / 99273.0 * 100.0));
    CHECK_FALSE(bs::percent_change(0, std::optional<int>{5}).has_value());
}

TEST_CASE("a table of a sub-range keeps its first change by reading the whole series") {
    const auto s = southwest_border();
    const auto t = bs::series_table(s, us_fy{2019}.months_range());
    REQUIRE(t.row_count() == 12);
    CHECK(t.cell(0, 0) == "2018-10");
    CHECK(t.cell(0, 1) == "51,005");
    CHECK(t.cell(0, 2) == "+22.9%");   // (51,005 - 41,486) / 41,486 = +22.945%
    CHECK(t.cell(0, 3) == "+100.1%");  // (51,005 - 25,488) / 25,488 = +100.114%
    CHECK(t.cell(11, 4) == "851,508");
    // The slice alone has nothing before October.
    const auto alone = bs::series_table(s.slice(year_month{2018, 10}, year_month{2019, 9}));
    CHECK(alone.cell(0, 2) == "n/a");
}

TEST_CASE("the side-by-side table has a row per fiscal month and a column per fiscal year") {
    auto s = southwest_border();
    s.erase(year_month{2019, 9});
    const auto t = bs::side_by_side_table(s);
    REQUIRE(t.column_count() == 3);
    CHECK(t.columns()[1].header == "FY2018");
    CHECK(t.columns()[2].header == "FY2019");
    REQUIRE(t.row_count() == 13);
    CHECK(t.cell(0, 0) == "October");
    CHECK(t.cell(0, 1) == "25,488");
    CHECK(t.cell(0, 2) == "51,005");
    CHECK(t.cell(7, 0) == "May");
    CHECK(t.cell(7, 2) == "132,856");
    CHECK(t.cell(11, 0) == "September");
    CHECK(t.cell(11, 2) == "\xE2\x80\x93");  // the gap
    CHECK(t.cell(12, 1) == "396,579");
    CHECK(t.cell(12, 2) == "811,001 (11/12)");  // 851,508 - 40,507
    // A calendar that starts in April.
    const auto uk = bs::side_by_side_table<bs::uk>(s);
    CHECK(uk.cell(0, 0) == "April");
    CHECK(uk.columns()[1].header == "2017-18");
}

namespace {
struct crossing {
    std::string port;
    year_month month;
    std::int64_t count;
};
}  // namespace

TEST_CASE("group-by takes member pointers as projections") {
    const std::vector<crossing> rows{{"Laredo", year_month{2018, 1}, 10},
                                     {"Laredo", year_month{2018, 2}, 5},
                                     {"El Paso", year_month{2018, 1}, 7},
                                     {"Laredo", year_month{2018, 1}, 1}};
    const auto by_port = bs::group_by(rows, &crossing::port, &crossing::month, &crossing::count);
    CHECK(*by_port.at("Laredo").at(year_month{2018, 1}) == 11);
    CHECK(*by_port.at("El Paso").at(year_month{2018, 1}) == 7);
    const auto total = bs::total_by_month(rows, &crossing::month, &crossing::count);
    CHECK(*total.at(year_month{2018, 1}) == 18);
}

TEST_CASE("top groups by a period total reproduce the busiest BTS port") {
    namespace io = bs::io;
    const io::bts_table t = io::load_bts_file(data_file("bts_border_crossing_entry_data_cy2018.csv"));
    const bs::dimension_code passengers = t.code(io::bts_dimension::measure, "Personal Vehicle Passengers");
    const auto by_port = bs::group_by(
        t, [](const io::bts_record& r) { return r[io::bts_dimension::port_name]; }, &io::bts_record::month,
        &io::bts_record::value,
        [&](const io::bts_record& r) { return r[io::bts_dimension::measure] == passengers; });
    const auto top = bs::top_groups(by_port, 3, bs::fiscal_year<bs::calendar_year>{2018});
    REQUIRE(top.size() == 3);
    CHECK(t.name(io::bts_dimension::port_name, top[0].key) == "San Ysidro");
    CHECK(top[0].total == 25'182'134);  // SOURCES.md 3a
    CHECK(top[0].complete());
    CHECK(top[0].total >= top[1].total);
    CHECK(top[1].total >= top[2].total);
    // US-Mexico pedestrians over 2018: 46,173,881 (SOURCES.md 3a).
    const bs::dimension_code pedestrians = t.code(io::bts_dimension::measure, "Pedestrians");
    const bs::dimension_code mexico = t.code(io::bts_dimension::border, "US-Mexico Border");
    const auto walkers = bs::total_by_month(t, &io::bts_record::month, &io::bts_record::value, [&](const io::bts_record& r) {
        return r[io::bts_dimension::measure] == pedestrians && r[io::bts_dimension::border] == mexico;
    });
    CHECK(*walkers.calendar_year_total(2018) == 46'173'881);
    CHECK(*walkers.at(year_month{2018, 1}) == 3'731'985);
}

TEST_CASE("top groups leave out a group with no figure and flag a partial total") {
    std::map<std::string, monthly_series<std::int64_t>> groups;
    groups["a"] = monthly_series<std::int64_t>{year_month{2019, 1}, {1, 2, 3}};        // 6
    groups["b"] = monthly_series<std::int64_t>{year_month{2019, 1}, {10}};             // 10 of 3 months
    groups["c"] = monthly_series<std::int64_t>{year_month{2020, 1}, {100}};            // outside the period
    groups["d"] = monthly_series<std::int64_t>{year_month{2019, 1}, {2, 2, 2}};        // 6, ties with "a"
    const auto top = bs::top_groups(groups, 10, bs::month_range::inclusive(year_month{2019, 1}, year_month{2019, 3}));
    REQUIRE(top.size() == 3);
    CHECK(top[0].key == "b");
    CHECK_FALSE(top[0].complete());
    CHECK(top[0].months_reported == 1);
    CHECK(top[1].key == "a");
    CHECK(top[2].key == "d");
    CHECK(bs::top_groups(groups, 1, bs::month_range::inclusive(year_month{2019, 1}, year_month{2019, 3})).size() == 1);
}
