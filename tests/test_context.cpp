// Context for a figure (context.hpp): like-for-like comparisons and the months
// they name, shares and percentage points, named groupings, and projections
// from a fiscal year to date; on hand-made series and on the bundled CBP
// files (examples/data/SOURCES.md, section 2).
#include <borderstats/aggregate.hpp>
#include <borderstats/context.hpp>
#include <borderstats/io/cbp.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "data_path.hpp"

namespace bs = borderstats;
namespace io = borderstats::io;
using bs::year_month;
using fy = bs::fiscal_year<bs::us_federal>;
using months_us = bs::compared_months<bs::us_federal>;

namespace {

// Monthly totals of a CBP file, months with no row counted as zero (CBP omits zero rows).
bs::monthly_series<std::int64_t> cbp_total(const char* name) {
    const io::cbp_table t = io::load_cbp_file(data_file(name));
    return bs::total_by_month(
        t, [](const io::cbp_record& r) { return r.month; }, [](const io::cbp_record& r) { return r.count; }, bs::keep_all{},
        bs::absent_rows::zero);
}

// Three complete fiscal years FY2022-FY2024 and FY2025 October to December:
//   FY2022: 10 every month (120; Oct-Dec 30 = 25%)
//   FY2023: Oct-Dec 30 each, then 10 (180; Oct-Dec 90 = 50%)
//   FY2024: Oct-Dec 10 each, then 30 (300; Oct-Dec 30 = 10%)
//   FY2025: 40, 50, 60 (150 to date)
bs::monthly_series<std::int64_t> projection_series() {
    bs::monthly_series<std::int64_t> s;
    for (year_month m : fy{2022}.months_range()) s.set(m, 10);
    for (year_month m : fy{2023}.months_range()) s.set(m, bs::us_federal::month_number(m) <= 3 ? 30 : 10);
    for (year_month m : fy{2024}.months_range()) s.set(m, bs::us_federal::month_number(m) <= 3 ? 10 : 30);
    s.set(year_month{2024, 10}, 40);
    s.set(year_month{2024, 11}, 50);
    s.set(year_month{2024, 12}, 60);
    return s;
}

}  // namespace

// ---------------------------------------------------------- COMPARED MONTHS

TEST_CASE("the months compared are named by their CBP codes") {
    CHECK(months_us::whole_year().label() == "OCT-SEP");
    CHECK(months_us::first(11).label() == "OCT-AUG");
    CHECK(months_us::first(1).label() == "OCT");
    CHECK(months_us::first(0).label().empty());
    months_us m = months_us::first(3);
    for (year_month x : bs::month_range::inclusive(year_month{2025, 2}, year_month{2025, 8})) m.add(x);
    CHECK(m.label() == "OCT-DEC+FEB-AUG");
    CHECK(m.count() == 10);
    CHECK(bs::compared_months<bs::calendar_year>::first(5).label() == "JAN-MAY");
    CHECK(bs::compared_months<bs::uk>::whole_year().label() == "APR-MAR");
}

// ------------------------------------------------------------ LIKE FOR LIKE

TEST_CASE("FY2025 October to August against the same months of FY2024 from the August 2025 file") {
    const auto s = cbp_total("sbo-encounters-fy22-fy25-aug.csv");
    const auto c = bs::compare_like_for_like(s, fy{2025});
    REQUIRE(c);
    CHECK(c->year == fy{2025});
    CHECK(c->earlier == fy{2024});
    CHECK(c->months.label() == "OCT-AUG");
    CHECK_FALSE(c->months.whole());
    CHECK(c->totals.to == 432'059);  // SOURCES.md 2b: FY2025 Oct-Aug
    // FY2024 is 2,135,005 in all (SOURCES.md 2b): the comparison leaves out its September.
    CHECK(c->totals.from + *s.at(year_month{2024, 9}) == 2'135'005);
    CHECK(*c->totals.rounded_percent_change(1) == -78.7);  // the figure
    // Whole years compare whole years.
    const auto w = bs::compare_like_for_like(s, fy{2024});
    REQUIRE(w);
    CHECK(w->months.whole());
    CHECK(w->totals.from == 2'475'669);
    CHECK(w->totals.to == 2'135'005);
    // FY2022 has no year before it in the file.
    CHECK_FALSE(bs::compare_like_for_like(s, fy{2022}));
    // Against an earlier year chosen by name.
    CHECK(bs::compare_like_for_like(s, fy{2025}, fy{2022})->totals.from + *s.at(year_month{2022, 9}) == 2'378'944);  // SOURCES.md 2b
}

TEST_CASE("a gap in the earlier year gives no comparison and a gap in this year is left out of both") {
    bs::monthly_series<std::int64_t> s;
    for (year_month m : bs::month_range::inclusive(year_month{2023, 10}, year_month{2025, 3})) s.set(m, 10);
    s.set(year_month{2024, 12}, 1000);  // FY2025 December, to be left out
    s.erase(year_month{2024, 12});
    s.set(year_month{2023, 12}, 500);  // FY2024 December
    const auto c = bs::compare_like_for_like(s, fy{2025});
    REQUIRE(c);
    CHECK(c->months.label() == "OCT-NOV+JAN-MAR");
    CHECK(c->totals.from == 50);  // five months of 10
    CHECK(c->totals.to == 50);
    s.erase(year_month{2024, 1});  // FY2024 January: FY2025 January has nothing to compare with
    CHECK_FALSE(bs::compare_like_for_like(s, fy{2025}));
}

// ------------------------------------------------------------------ SHARES

TEST_CASE("shares by month and by fiscal year with their change in percentage points") {
    bs::monthly_series<std::int64_t> whole{year_month{2024, 9}, {200, 100, 400, 0}};
    bs::monthly_series<std::int64_t> part{year_month{2024, 9}, {50, 20, 100, 0}};
    const auto by_month = bs::share_by_month(part, whole);
    CHECK(*by_month.at(year_month{2024, 9}) == doctest::Approx(25));
    CHECK(*by_month.at(year_month{2024, 10}) == doctest::Approx(20));
    CHECK_FALSE(by_month.at(year_month{2024, 12}));  // from a zero whole: undefined
    const auto points = bs::points_change(bs::share_at(part, whole, year_month{2024, 9}),
                                          bs::share_at(part, whole, year_month{2024, 10}));
    REQUIRE(points);
    CHECK(points->value() == doctest::Approx(-5));
    CHECK_FALSE(bs::points_change(bs::share_at(part, whole, year_month{2024, 11}),
                                  bs::share_at(part, whole, year_month{2025, 1})));
    const auto by_year = bs::share_by_fiscal_year<bs::us_federal>(part, whole);
    REQUIRE(by_year.size() == 2);
    CHECK(by_year[0].year == fy{2024});
    CHECK(by_year[0].months.label() == "SEP");
    CHECK(by_year[0].share->value() == doctest::Approx(25));
    CHECK(by_year[1].months.label() == "OCT-DEC");
    CHECK(by_year[1].share->value() == doctest::Approx(100.0 * 120 / 500));
}

TEST_CASE("a part above its whole or a gap in a part is never a share") {
    bs::monthly_series<std::int64_t> whole{year_month{2024, 10}, {100, 100}};
    bs::monthly_series<std::int64_t> part{year_month{2024, 10}, {150, 10}};
    CHECK_THROWS_WITH_AS(bs::share_by_month(part, whole), doctest::Contains("2024-10"), bs::error);
    part.erase(year_month{2024, 10});
    const auto s = bs::share_by_month(part, whole);
    CHECK_FALSE(s.at(year_month{2024, 10}));
    CHECK(*s.at(year_month{2024, 11}) == doctest::Approx(10));
}

// ---------------------------------------------------------------- GROUPS

TEST_CASE("a grouping adds the series of its members and a gap in one member is a gap") {
    std::map<std::string, bs::monthly_series<std::int64_t>> by{
        {"GUATEMALA", {year_month{2024, 1}, {1, 2, 3}}},
        {"HONDURAS", {year_month{2024, 1}, {10, 20, 30}}},
        {"EL SALVADOR", {year_month{2024, 1}, {100, 200, 300}}},
        {"MEXICO", {year_month{2024, 1}, {1000, 2000, 3000}}}};
    by["HONDURAS"].erase(year_month{2024, 2});
    const auto nt = bs::group_total(bs::northern_triangle(), by, "test");
    CHECK(*nt.at(year_month{2024, 1}) == 111);
    CHECK_FALSE(nt.at(year_month{2024, 2}));
    CHECK(*nt.at(year_month{2024, 3}) == 333);
    // A member the data never has is an error naming it, the grouping and the source.
    CHECK_THROWS_WITH_AS(bs::group_total(bs::chnv(), by, "test.csv"),
                         doctest::Contains("grouping 'CHNV': test.csv never has 'CUBA'"), bs::error);
    // The same value named twice would count it twice.
    CHECK_THROWS_AS(bs::group_total(bs::grouping{"twice", {"MEXICO", "mexico"}}, by), bs::error);
    // Another spelling finds the one value it can mean.
    CHECK(*bs::group_total(bs::grouping{"g", {"Guatemala"}}, by).at(year_month{2024, 3}) == 3);
}

TEST_CASE("the CBP files spell citizenships their own way and a grouping finds them or says it cannot") {
    // The nationwide file's Citizenship column has all seven countries, in capitals.
    const io::cbp_table state = io::load_cbp_file(data_file("cbp-nationwide-encounters-fy20-fy23-state.csv"));
    const auto by_citizenship = bs::group_by(
        state, [&](const io::cbp_record& r) { return state.value(r, io::cbp_dimension::citizenship); },
        [](const io::cbp_record& r) { return r.month; }, [](const io::cbp_record& r) { return r.count; }, bs::keep_all{},
        bs::absent_rows::zero);
    const auto total = bs::total_by_month(
        state, [](const io::cbp_record& r) { return r.month; }, [](const io::cbp_record& r) { return r.count; });
    const auto nt = bs::group_total(bs::northern_triangle(), by_citizenship, state.source());
    const auto chnv = bs::group_total(bs::chnv(), by_citizenship, state.source());
    // Each is part of the nationwide FY2022 total (2,766,582, SOURCES.md 2a), and the two do not overlap.
    CHECK(*total.fiscal_year_total(fy{2022}) == 2'766'582);
    CHECK(*nt.fiscal_year_total(fy{2022}) + *chnv.fiscal_year_total(fy{2022}) < 2'766'582);
    CHECK(*by_citizenship.at("CUBA").fiscal_year_total(fy{2022}) + *by_citizenship.at("HAITI").fiscal_year_total(fy{2022}) +
              *by_citizenship.at("NICARAGUA").fiscal_year_total(fy{2022}) +
              *by_citizenship.at("VENEZUELA").fiscal_year_total(fy{2022}) ==
          *chnv.fiscal_year_total(fy{2022}));

    // The August 2025 file groups citizenships into five values only: no Cuba.
    const io::cbp_table sbo = io::load_cbp_file(data_file("sbo-encounters-fy22-fy25-aug.csv"));
    const auto by_group = bs::group_by(
        sbo, [&](const io::cbp_record& r) { return sbo.value(r, io::cbp_dimension::citizenship_grouping); },
        [](const io::cbp_record& r) { return r.month; }, [](const io::cbp_record& r) { return r.count; }, bs::keep_all{},
        bs::absent_rows::zero);
    CHECK_THROWS_WITH_AS(bs::group_total(bs::chnv(), by_group, sbo.source()), doctest::Contains("never has 'CUBA'"),
                         bs::error);
    // Its Northern Triangle, Mexico and Other make the whole: shares that add to 100.
    const auto s = cbp_total("sbo-encounters-fy22-fy25-aug.csv");
    const auto nt25 = bs::group_total(bs::northern_triangle(), by_group, sbo.source());
    const auto shares_nt = bs::share_by_fiscal_year<bs::us_federal>(nt25, s);
    const auto shares_mx = bs::share_by_fiscal_year<bs::us_federal>(by_group.at("Mexico"), s);
    const auto shares_other = bs::share_by_fiscal_year<bs::us_federal>(by_group.at("Other"), s);
    REQUIRE(shares_nt.size() == 4);
    for (std::size_t i = 0; i < 4; ++i)
        CHECK(shares_nt[i].share->value() + shares_mx[i].share->value() + shares_other[i].share->value() ==
              doctest::Approx(100));
    CHECK(shares_nt[3].months.label() == "OCT-AUG");
}

// ------------------------------------------------------------- PROJECTION

TEST_CASE("a fiscal year is projected as the part to date over the mean share of the earlier years") {
    const auto s = projection_series();
    const auto p = bs::project_fiscal_year<bs::us_federal>(s, year_month{2024, 12}, 2);
    CHECK(p.year == fy{2025});
    CHECK(p.months.label() == "OCT-DEC");
    CHECK(p.to_date == 150);
    REQUIRE(p.years_used == std::vector<fy>{fy{2024}, fy{2023}});
    CHECK(p.shares[0].value() == doctest::Approx(10));
    CHECK(p.shares[1].value() == doctest::Approx(50));
    CHECK(p.share.value() == doctest::Approx(30));
    CHECK(p.projected == doctest::Approx(500));                         // 150 / 0.30
    CHECK(p.projected != doctest::Approx(150 + 150 * (1 - 0.30)));    // not the public script's 255
    const auto three = bs::project_fiscal_year<bs::us_federal>(s, year_month{2024, 12}, 3);
    CHECK(three.share.value() == doctest::Approx((10 + 50 + 25) / 3.0));
    CHECK(three.projected == doctest::Approx(150 / ((0.10 + 0.50 + 0.25) / 3)));
}

TEST_CASE("a projection passes over incomplete years and refuses a gap to date or too few years") {
    auto s = projection_series();
    CHECK_THROWS_WITH_AS(bs::project_fiscal_year<bs::us_federal>(s, year_month{2024, 12}, 4),
                         doctest::Contains("needs 4 complete earlier fiscal years"), bs::error);
    s.erase(year_month{2023, 5});  // FY2023 incomplete
    const auto p = bs::project_fiscal_year<bs::us_federal>(s, year_month{2024, 12}, 2);
    CHECK(p.years_used == std::vector<fy>{fy{2024}, fy{2022}});
    CHECK(p.projected == doctest::Approx(150 / ((0.10 + 0.25) / 2)));
    s.erase(year_month{2024, 11});
    CHECK_THROWS_AS(bs::project_fiscal_year<bs::us_federal>(s, year_month{2024, 12}, 2), bs::missing_data_error);
    CHECK_THROWS_AS(bs::project_fiscal_year<bs::us_federal>(s, year_month{2024, 10}, 0), bs::error);
}
