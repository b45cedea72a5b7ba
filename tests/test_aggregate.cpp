// The aggregation core: group-by sums over records, on hand-made records and
// on the real USBP sector file (FY2000-FY2020), checked against the totals CBP
// printed in its PDF (examples/data/SOURCES.md, section 1d).
#include <borderstats/aggregate.hpp>
#include <borderstats/fiscal.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "data_path.hpp"

namespace bs = borderstats;

namespace {
struct sector_row {
    bs::year_month month;
    std::string region;
    std::string sector;
    std::int64_t apprehensions;
};

// The sector file has no quoted fields, so a split on commas is enough here:
// the library's own CSV reader is tested elsewhere, and this test must not
// depend on it.
std::vector<sector_row> read_sector_file() {
    std::ifstream in(data_file("usbp_monthly_apprehensions_by_sector_fy2000_fy2020.csv"));
    REQUIRE(in);
    std::vector<sector_row> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ',')) f.push_back(cell);
        REQUIRE(f.size() == 6);
        const bs::fiscal_year<bs::us_federal> fy{std::stoi(f[0])};
        rows.push_back({fy.month_of(bs::parse_month_name(f[1])), f[3], f[4], std::stoll(f[5])});
    }
    return rows;
}

const std::vector<sector_row>& sector_rows() {
    static const std::vector<sector_row> rows = read_sector_file();
    return rows;
}

using fy = bs::fiscal_year<bs::us_federal>;
}  // namespace

TEST_CASE("group-by region reproduces the Southwest border totals CBP printed") {
    const auto by_region = bs::group_by(
        sector_rows(), [](const sector_row& r) { return r.region; }, [](const sector_row& r) { return r.month; },
        [](const sector_row& r) { return r.apprehensions; });
    REQUIRE(by_region.size() == 3);
    const auto& sw = by_region.at("Southwest Border");
    CHECK(*sw.fiscal_year_total(fy{2000}) == 1'643'679);
    CHECK(*sw.fiscal_year_total(fy{2017}) == 303'916);
    CHECK(*sw.fiscal_year_total(fy{2018}) == 396'579);
    CHECK(*sw.fiscal_year_total(fy{2019}) == 851'508);
    CHECK(*sw.fiscal_year_total(fy{2020}) == 400'651);
    CHECK(*sw.at(bs::year_month{2019, 5}) == 132'856);
    CHECK(sw.first_month() == bs::year_month{1999, 10});
    CHECK(sw.last_month() == bs::year_month{2020, 9});
}

TEST_CASE("group-by with no key gives the nationwide total") {
    const auto nationwide = bs::total_by_month(
        sector_rows(), [](const sector_row& r) { return r.month; }, [](const sector_row& r) { return r.apprehensions; });
    CHECK(*nationwide.fiscal_year_total(fy{2019}) == 859'501);
    CHECK(*nationwide.fiscal_year_total(fy{2020}) == 405'036);
}

TEST_CASE("group-by on two dimensions with a filter keeps one series per sector") {
    const auto sectors = bs::group_by(
        sector_rows(), [](const sector_row& r) { return std::make_tuple(r.region, r.sector); },
        [](const sector_row& r) { return r.month; }, [](const sector_row& r) { return r.apprehensions; },
        [](const sector_row& r) { return r.region == "Southwest Border"; });
    CHECK(sectors.size() == 9);  // the nine Southwest sectors
    CHECK(*sectors.at({"Southwest Border", "Rio Grande Valley"}).fiscal_year_total(fy{2019}) == 339'135);
    CHECK(*sectors.at({"Southwest Border", "El Paso"}).fiscal_year_total(fy{2019}) == 182'143);
}

TEST_CASE("records for the same group and month are summed") {
    struct rec {
        int group;
        bs::year_month month;
        std::int64_t count;
    };
    const std::vector<rec> records{{1, {2019, 5}, 10}, {1, {2019, 5}, 32}, {2, {2019, 5}, 7}, {1, {2019, 7}, 1}};
    const auto groups = bs::group_by(
        records, [](const rec& r) { return r.group; }, [](const rec& r) { return r.month; },
        [](const rec& r) { return r.count; });
    const auto& g1 = groups.at(1);
    CHECK(*g1.at({2019, 5}) == 42);  // 10 + 32
    SUBCASE("a month with no record is a gap by default") { CHECK_FALSE(g1.at({2019, 6}).has_value()); }
    SUBCASE("absent rows read as zero only when asked by name") {
        const auto zeroed = bs::group_by(
            records, [](const rec& r) { return r.group; }, [](const rec& r) { return r.month; },
            [](const rec& r) { return r.count; }, bs::keep_all{}, bs::absent_rows::zero);
        // Group 2 had only May: July, a month other records cover, is zero.
        CHECK(*zeroed.at(2).at({2019, 7}) == 0);
        CHECK_FALSE(zeroed.at(2).at({2019, 8}).has_value());
        // No record at all has June: the data do not cover it, a gap for every group.
        CHECK_FALSE(zeroed.at(1).at({2019, 6}).has_value());
        CHECK_FALSE(zeroed.at(2).at({2019, 6}).has_value());
    }
    SUBCASE("a month with no record at all reads as zero only under the rule that names it") {
        const auto every = bs::group_by(
            records, [](const rec& r) { return r.group; }, [](const rec& r) { return r.month; },
            [](const rec& r) { return r.count; }, bs::keep_all{}, bs::absent_rows::zero_every_month);
        CHECK(*every.at(1).at({2019, 6}) == 0);
        CHECK(*every.at(2).at({2019, 6}) == 0);
    }
    SUBCASE("the months a filter leaves out still count as covered") {
        // Only group 2 is kept: May and July are covered by records of either group.
        const auto only2 = bs::total_by_month(
            records, [](const rec& r) { return r.month; }, [](const rec& r) { return r.count; },
            [](const rec& r) { return r.group == 2; }, bs::absent_rows::zero);
        CHECK(*only2.at({2019, 5}) == 7);
        CHECK_FALSE(only2.at({2019, 6}).has_value());
        CHECK(*only2.at({2019, 7}) == 0);
    }
    SUBCASE("absent rows up to the last supported month fill without stepping past it") {
        const bs::year_month last = bs::year_month::max();
        const std::vector<rec> edge{{1, last - bs::months{1}, 5}, {2, last, 6}};
        const auto zeroed = bs::group_by(
            edge, [](const rec& r) { return r.group; }, [](const rec& r) { return r.month; },
            [](const rec& r) { return r.count; }, bs::keep_all{}, bs::absent_rows::zero);
        CHECK(*zeroed.at(1).at(last) == 0);
        CHECK(*zeroed.at(2).at(last - bs::months{1}) == 0);
        CHECK(*zeroed.at(2).at(last) == 6);
    }
}

TEST_CASE("group-by sums overflow loudly instead of wrapping") {
    struct rec {
        bs::year_month month;
        std::int64_t count;
    };
    const std::vector<rec> records{{{2019, 5}, std::numeric_limits<std::int64_t>::max()}, {{2019, 5}, 1}};
    CHECK_THROWS_AS(bs::total_by_month(records, [](const rec& r) { return r.month; }, [](const rec& r) { return r.count; }),
                    bs::overflow_error);
    SUBCASE("a value that does not fit the chosen count type is an error too") {
        const std::vector<rec> big{{{2019, 5}, std::int64_t{3'000'000'000}}};
        CHECK_THROWS_AS(bs::total_by_month<std::int32_t>(big, [](const rec& r) { return r.month; },
                                                         [](const rec& r) { return r.count; }),
                        bs::overflow_error);
    }
}

TEST_CASE("dense group sums agree with the generic group-by on the real sector file") {
    // Codes for the three regions, as an interning dictionary would give them.
    auto code_of = [](const std::string& region) -> std::size_t {
        return region == "Southwest Border" ? 0 : region == "Northern Border" ? 1 : 2;
    };
    bs::dense_group_sums<std::int64_t> first_half;
    bs::dense_group_sums<std::int64_t> second_half;
    const auto& rows = sector_rows();
    for (std::size_t i = 0; i < rows.size(); ++i)
        (i < rows.size() / 2 ? first_half : second_half).add(code_of(rows[i].region), rows[i].month, rows[i].apprehensions);
    first_half.merge(second_half);  // as per-thread partial sums are merged
    CHECK(first_half.group_count() == 3);
    const auto sw = first_half.series(0);
    CHECK(*sw.fiscal_year_total(fy{2019}) == 851'508);
    CHECK(*sw.fiscal_year_total(fy{2000}) == 1'643'679);
    CHECK(*first_half.total().fiscal_year_total(fy{2019}) == 859'501);
}

TEST_CASE("dense group sums grow backwards in time and keep gaps") {
    bs::dense_group_sums<std::int64_t> sums;
    sums.add(0, {2019, 5}, 5);
    sums.add(2, {2019, 3}, 7);  // earlier month and a new group
    CHECK(sums.group_count() == 3);
    CHECK(sums.months_range() == bs::month_range::inclusive({2019, 3}, {2019, 5}));
    CHECK(*sums.series(0).at({2019, 5}) == 5);
    CHECK_FALSE(sums.series(0).at({2019, 3}).has_value());
    CHECK_FALSE(sums.series(1).at({2019, 4}).has_value());
    // No group had a record in April: a gap even under absent_rows::zero.
    CHECK_FALSE(sums.series(1, bs::absent_rows::zero).at({2019, 4}).has_value());
    CHECK(*sums.series(1, bs::absent_rows::zero_every_month).at({2019, 4}) == 0);
    CHECK(*sums.series(1, bs::absent_rows::zero).at({2019, 3}) == 0);
    CHECK(*sums.series(7, bs::absent_rows::zero).at({2019, 5}) == 0);
    CHECK_FALSE(sums.total(bs::absent_rows::zero).at({2019, 4}).has_value());
    CHECK(*sums.series(2).at({2019, 3}) == 7);
    CHECK(*sums.total().at({2019, 3}) == 7);
    CHECK_FALSE(sums.total().at({2019, 4}).has_value());
    CHECK_THROWS_AS(sums.add(0, {2019, 5}, std::numeric_limits<std::int64_t>::max()), bs::overflow_error);
}
