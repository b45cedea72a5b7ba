// monthly_series<T>: gaps, checked sums, fiscal-year totals, rolling sums,
// roll-ups; checked arithmetic; and the published Southwest border totals
// reproduced from the bundled CBP file.
//
// The monthly figures used below are the final U.S. Border Patrol Southwest
// border apprehensions of examples/data/cbp_southwest_border_fy2018_fy2019.csv
// (SOURCES.md 1a and 1c). Their published year totals are FY2018 = 396,579 and
// FY2019 = 851,508; every other total is added up by hand in a comment.
#include <doctest/doctest.h>

#include <borderstats/change.hpp>
#include <borderstats/checked.hpp>
#include <borderstats/fiscal.hpp>
#include <borderstats/series.hpp>

#include "data_path.hpp"

#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace bs = borderstats;
using bs::monthly_series;
using bs::months;
using bs::year_month;
using bs::years;
using us_fy = bs::fiscal_year<bs::us_federal>;

namespace {
// October 2017 .. September 2019, as in the file.
template <typename T>
monthly_series<T> southwest_border() {
    return monthly_series<T>{year_month{2017, 10},
                             {// FY2018: Oct 2017 .. Sep 2018
                              25488, 29085, 28995, 25975, 26666, 37390, 38243, 40339, 34089, 31299, 37524, 41486,
                              // FY2019: Oct 2018 .. Sep 2019
                              51005, 51857, 50751, 47979, 66883, 92833, 99273, 132856, 94902, 71978, 50684, 40507}};
}
}  // namespace

TEST_CASE_TEMPLATE("an empty series has no months and sums over no months to zero", T, std::int32_t, std::int64_t,
                   double) {
    const monthly_series<T> s;
    CHECK(s.empty());
    CHECK(s.size() == 0);
    CHECK(s.count_reported() == 0);
    CHECK(s.months_range().empty());
    CHECK(s.begin() == s.end());
    CHECK_FALSE(s.at(year_month{2019, 5}));
    CHECK_FALSE(s.has_value(year_month{2019, 5}));
    CHECK_FALSE(s.in_range(year_month{2019, 5}));
    CHECK(s.value_or(year_month{2019, 5}, T(7)) == T(7));
    // months outside the series have no figure: a non-empty range does not sum
    CHECK_FALSE(s.sum(year_month{2019, 1}, year_month{2019, 5}));
    CHECK_THROWS_AS((void)s.require_sum(year_month{2019, 1}, year_month{2019, 5}), bs::missing_data_error);
    const auto r = s.sum_reported(year_month{2019, 1}, year_month{2019, 5});
    CHECK(r.months_reported == 0);
    CHECK(r.months_missing == 5);  // January .. May
    CHECK_FALSE(r.complete());
    // an empty month_range sums to zero; two months in the wrong order are a mistake
    CHECK(s.sum(bs::month_range{}) == bs::sum_t<T>(0));
    CHECK(s.sum(bs::month_range::inclusive(year_month{2019, 5}, year_month{2019, 4})) == bs::sum_t<T>(0));
    CHECK_THROWS_WITH_AS((void)s.sum(year_month{2019, 5}, year_month{2019, 4}),
                         "a sum from 2019-05 to 2019-04: the months are in the wrong order (the first is after the last)",
                         bs::error);
    CHECK(s.rolling_sum(3).empty());
    CHECK(s.template by_fiscal_year<bs::us_federal>().empty());
    CHECK(s.template by_fiscal_quarter<bs::us_federal>().empty());
    CHECK_FALSE(s.fiscal_year_total(us_fy{2019}));
    CHECK(s == monthly_series<T>{});
}

TEST_CASE_TEMPLATE("a series built from values holds them from its first month on", T, std::int32_t, std::int64_t,
                   double) {
    const monthly_series<T> s{year_month{2019, 3}, {T(103719), T(109474), T(144278)}};
    CHECK_FALSE(s.empty());
    CHECK(s.size() == 3);
    CHECK(s.count_reported() == 3);
    CHECK(s.first_month() == year_month{2019, 3});
    CHECK(s.last_month() == year_month{2019, 5});
    CHECK(s.months_range() == bs::month_range::inclusive(year_month{2019, 3}, year_month{2019, 5}));
    CHECK(*s.at(year_month{2019, 5}) == T(144278));
    CHECK(s[year_month{2019, 4}] == T(109474));
    CHECK_FALSE(s.at(year_month{2019, 6}));
    CHECK_FALSE(s.at(year_month{2019, 2}));
    CHECK(s.in_range(year_month{2019, 3}));
    CHECK_FALSE(s.in_range(year_month{2019, 6}));
    CHECK(s.raw_values() == std::vector<T>{T(103719), T(109474), T(144278)});
    // 103,719 + 109,474 + 144,278 = 357,471
    CHECK(*s.sum(year_month{2019, 3}, year_month{2019, 5}) == bs::sum_t<T>(357471));
    CHECK(*s.sum(bs::month_range{year_month{2019, 3}, year_month{2019, 5}}) == bs::sum_t<T>(103719 + 109474));
    CHECK_FALSE(s.sum(year_month{2019, 1}, year_month{2019, 5}));

    const monthly_series<T> from_vector{year_month{2019, 3}, std::vector<T>{T(103719), T(109474), T(144278)}};
    CHECK(from_vector == s);
    const monthly_series<T> later{year_month{2019, 4}, {T(103719), T(109474), T(144278)}};
    CHECK(later != s);
    const monthly_series<T> shorter{year_month{2019, 3}, {T(103719), T(109474)}};
    CHECK(shorter != s);
    const monthly_series<T> other_value{year_month{2019, 3}, {T(103719), T(109474), T(144277)}};
    CHECK(other_value != s);
}

TEST_CASE_TEMPLATE("a gap is not a zero", T, std::int32_t, std::int64_t, double) {
    const year_month jan{2019, 1}, feb{2019, 2}, mar{2019, 3};
    const monthly_series<T> s{jan, std::vector<std::optional<T>>{T(10), std::nullopt, T(30)}};
    CHECK(s.size() == 3);
    CHECK(s.count_reported() == 2);
    CHECK(s.in_range(feb));
    CHECK_FALSE(s.has_value(feb));
    CHECK_FALSE(s.at(feb));
    CHECK(s.value_or(feb, T(-1)) == T(-1));
    CHECK_THROWS_AS((void)s[feb], bs::missing_data_error);  // the shortest reader never gives T{} for a gap
    CHECK(s[mar] == T(30));

    // the sum over a gap is empty, not 10 + 0 + 30
    CHECK_FALSE(s.sum(jan, mar));
    CHECK_FALSE(s.sum(feb, feb));
    CHECK(*s.sum(jan, jan) == bs::sum_t<T>(10));
    CHECK(*s.sum(mar, mar) == bs::sum_t<T>(30));
    CHECK_THROWS_WITH_AS((void)s.require_sum(jan, mar), doctest::Contains("2019-02"), bs::missing_data_error);
    CHECK(s.require_sum(jan, jan) == bs::sum_t<T>(10));
    // sum_reported adds what there is and counts the rest: 10 + 30 = 40, one month missing
    const auto r = s.sum_reported(jan, mar);
    CHECK(r.total == bs::sum_t<T>(40));
    CHECK(r.months_reported == 2);
    CHECK(r.months_missing == 1);
    CHECK_FALSE(r.complete());
    // months outside the series count as missing too
    const auto wide = s.sum_reported(year_month{2018, 12}, year_month{2019, 4});
    CHECK(wide.total == bs::sum_t<T>(40));
    CHECK(wide.months_reported == 2);
    CHECK(wide.months_missing == 3);  // Dec 2018, Feb 2019, Apr 2019

    // a reported zero is a figure: 10 + 0 + 30 = 40
    const monthly_series<T> zero{jan, {T(10), T(0), T(30)}};
    CHECK(*zero.sum(jan, mar) == bs::sum_t<T>(40));
    CHECK(zero.has_value(feb));
    CHECK(zero != s);
}

TEST_CASE_TEMPLATE("a series built over a range starts with every month missing", T, std::int32_t, std::int64_t,
                   double) {
    monthly_series<T> s{bs::month_range::inclusive(year_month{2019, 1}, year_month{2019, 3})};
    CHECK(s.size() == 3);
    CHECK(s.count_reported() == 0);
    CHECK(s.first_month() == year_month{2019, 1});
    CHECK_FALSE(s.at(year_month{2019, 1}));
    s.set(year_month{2019, 2}, T(5));
    CHECK(*s.at(year_month{2019, 2}) == T(5));
    CHECK(s.count_reported() == 1);
    CHECK(monthly_series<T>{bs::month_range{}}.empty());
}

TEST_CASE_TEMPLATE("set and add widen the series and the months in between are gaps", T, std::int32_t, std::int64_t,
                   double) {
    monthly_series<T> s;
    s.set(year_month{2019, 3}, T(7));
    CHECK(s.size() == 1);
    CHECK(s.first_month() == year_month{2019, 3});
    s.set(year_month{2019, 6}, T(9));  // Mar .. Jun: 4 months, April and May are gaps
    CHECK(s.size() == 4);
    CHECK(s.count_reported() == 2);
    CHECK_FALSE(s.has_value(year_month{2019, 4}));
    CHECK_FALSE(s.has_value(year_month{2019, 5}));
    s.set(year_month{2018, 12}, T(1));  // before the start: Dec 2018 .. Jun 2019 is 7 months
    CHECK(s.first_month() == year_month{2018, 12});
    CHECK(s.size() == 7);
    CHECK_FALSE(s.has_value(year_month{2019, 1}));
    CHECK(*s.at(year_month{2019, 3}) == T(7));

    s.add(year_month{2019, 3}, T(5));  // 7 + 5 = 12
    CHECK(*s.at(year_month{2019, 3}) == T(12));
    s.add(year_month{2019, 4}, T(4));  // a gap has no figure yet: 4
    CHECK(*s.at(year_month{2019, 4}) == T(4));
    s.add(year_month{2019, 8}, T(2));  // widens to August
    CHECK(s.last_month() == year_month{2019, 8});
    CHECK(*s.at(year_month{2019, 8}) == T(2));
    CHECK_FALSE(s.has_value(year_month{2019, 7}));

    s.set(year_month{2019, 3}, T(3));  // set replaces
    CHECK(*s.at(year_month{2019, 3}) == T(3));
}

TEST_CASE_TEMPLATE("erase makes a month a gap and cover widens the range with gaps", T, std::int32_t, std::int64_t,
                   double) {
    monthly_series<T> s{year_month{2019, 1}, {T(1), T(2), T(3)}};
    s.erase(year_month{2019, 2});
    CHECK_FALSE(s.has_value(year_month{2019, 2}));
    CHECK(s.size() == 3);
    CHECK(s.count_reported() == 2);
    s.erase(year_month{2020, 1});  // outside: nothing happens
    CHECK(s.size() == 3);
    // a series whose gap once held another value is still equal
    const monthly_series<T> expected{year_month{2019, 1}, std::vector<std::optional<T>>{T(1), std::nullopt, T(3)}};
    CHECK(s == expected);

    s.cover(bs::month_range::inclusive(year_month{2018, 11}, year_month{2019, 5}));
    CHECK(s.first_month() == year_month{2018, 11});
    CHECK(s.last_month() == year_month{2019, 5});
    CHECK(s.size() == 7);  // Nov 2018 .. May 2019
    CHECK(s.count_reported() == 2);
    s.cover(bs::month_range{});  // an empty range changes nothing
    CHECK(s.size() == 7);
}

TEST_CASE_TEMPLATE("iteration visits every month of the range with its value or a gap", T, std::int32_t,
                   std::int64_t, double) {
    const monthly_series<T> s{year_month{2018, 11},
                              std::vector<std::optional<T>>{T(1), std::nullopt, T(3), T(4)}};
    std::vector<year_month> seen;
    std::vector<bool> present;
    for (const auto& e : s) {
        seen.push_back(e.month);
        present.push_back(e.value.has_value());
    }
    CHECK(seen == std::vector<year_month>{{2018, 11}, {2018, 12}, {2019, 1}, {2019, 2}});
    CHECK(present == std::vector<bool>{true, false, true, true});
    auto it = s.begin();
    CHECK((*it).value == T(1));
    it++;
    ++it;
    CHECK((*it).month == year_month{2019, 1});
    CHECK(*(*it).value == T(3));
}

TEST_CASE_TEMPLATE("fiscal year totals reproduce the published FY2018 and FY2019 Southwest border totals", T,
                   std::int32_t, std::int64_t, double) {
    const auto s = southwest_border<T>();
    CHECK(*s.fiscal_year_total(us_fy{2018}) == bs::sum_t<T>(396579));
    CHECK(*s.fiscal_year_total(us_fy{2019}) == bs::sum_t<T>(851508));
    CHECK_FALSE(s.fiscal_year_total(us_fy{2020}));  // no figures
    CHECK_FALSE(s.fiscal_year_total(us_fy{2017}));
    // a calendar year that is fully covered: CY2018 = Jan .. Sep 2018 of FY2018 and Oct .. Dec 2018 of FY2019
    // 25975+26666+37390+38243+40339+34089+31299+37524+41486 + 51005+51857+50751 = 466,624
    CHECK(*s.fiscal_year_total(bs::fiscal_year<bs::calendar_year>{2018}) == bs::sum_t<T>(466624));
    CHECK_FALSE(s.fiscal_year_total(bs::fiscal_year<bs::calendar_year>{2019}));  // ends in Sep 2019
}

TEST_CASE_TEMPLATE("fiscal year to date runs from the first month of the fiscal year to the given month", T,
                   std::int32_t, std::int64_t, double) {
    const auto s = southwest_border<T>();
    // FY2019 Oct..May: 51005+51857+50751+47979+66883+92833+99273+132856 = 593,437
    CHECK(*s.template fiscal_year_to_date<bs::us_federal>(year_month{2019, 5}) == bs::sum_t<T>(593437));
    // the first month alone
    CHECK(*s.template fiscal_year_to_date<bs::us_federal>(year_month{2018, 10}) == bs::sum_t<T>(51005));
    // December to January stays in FY2019: Oct..Jan = 51005+51857+50751+47979 = 201,592
    CHECK(*s.template fiscal_year_to_date<bs::us_federal>(year_month{2019, 1}) == bs::sum_t<T>(201592));
    // the last month gives the whole year
    CHECK(*s.template fiscal_year_to_date<bs::us_federal>(year_month{2019, 9}) == bs::sum_t<T>(851508));
    // same period last year: FY2018 Oct..May = 25488+29085+28995+25975+26666+37390+38243+40339 = 252,181
    CHECK(*s.template same_period_last_year<bs::us_federal>(year_month{2019, 5}) == bs::sum_t<T>(252181));
    // and a year before that there are no figures
    CHECK_FALSE(s.template same_period_last_year<bs::us_federal>(year_month{2018, 5}));
    // calendar year to date through May 2019: 47979+66883+92833+99273+132856 = 439,824
    CHECK(*s.template fiscal_year_to_date<bs::calendar_year>(year_month{2019, 5}) == bs::sum_t<T>(439824));
    CHECK(*s.same_month_last_year(year_month{2019, 5}) == T(40339));
    CHECK(*s.same_month_last_year(year_month{2019, 1}) == T(25975));
    CHECK_FALSE(s.same_month_last_year(year_month{2018, 5}));
}

TEST_CASE_TEMPLATE("a rolling sum is a gap where its window reaches a gap or the start of the series", T,
                   std::int32_t, std::int64_t, double) {
    const auto s = southwest_border<T>();
    const auto r3 = s.rolling_sum(3);
    static_assert(std::is_same_v<typename decltype(r3)::value_type, bs::sum_t<T>>);
    CHECK(r3.months_range() == s.months_range());
    CHECK_FALSE(r3.at(year_month{2017, 10}));
    CHECK_FALSE(r3.at(year_month{2017, 11}));
    // Oct..Dec 2017: 25488+29085+28995 = 83,568
    CHECK(*r3.at(year_month{2017, 12}) == bs::sum_t<T>(83568));
    // Mar..May 2019: 92833+99273+132856 = 324,962
    CHECK(*r3.at(year_month{2019, 5}) == bs::sum_t<T>(324962));
    // across December to January: Nov 2018..Jan 2019 = 51857+50751+47979 = 150,587
    CHECK(*r3.at(year_month{2019, 1}) == bs::sum_t<T>(150587));
    // a twelve-month window ending in September is the fiscal year
    CHECK(*s.rolling_sum(12).at(year_month{2019, 9}) == bs::sum_t<T>(851508));
    CHECK(*s.rolling_sum(12).at(year_month{2018, 9}) == bs::sum_t<T>(396579));
    CHECK_FALSE(s.rolling_sum(12).at(year_month{2018, 8}));
    // a window of one is the series itself
    CHECK(*s.rolling_sum(1).at(year_month{2017, 10}) == bs::sum_t<T>(25488));
    CHECK(s.rolling_sum(1).count_reported() == 24);
    // a window longer than the series: all gaps
    CHECK(s.rolling_sum(25).count_reported() == 0);
    CHECK(s.rolling_sum(std::numeric_limits<int>::max()).count_reported() == 0);
    CHECK_THROWS_AS((void)s.rolling_sum(0), bs::error);
    CHECK_THROWS_AS((void)s.rolling_sum(-1), bs::error);

    // a gap in the middle makes every window that reaches it a gap
    const monthly_series<T> g{year_month{2019, 1}, std::vector<std::optional<T>>{T(1), T(2), std::nullopt, T(4), T(5),
                                                                              T(6)}};
    const auto rg = g.rolling_sum(2);
    CHECK(*rg.at(year_month{2019, 2}) == bs::sum_t<T>(3));  // 1 + 2
    CHECK_FALSE(rg.at(year_month{2019, 3}));
    CHECK_FALSE(rg.at(year_month{2019, 4}));
    CHECK(*rg.at(year_month{2019, 5}) == bs::sum_t<T>(9));   // 4 + 5
    CHECK(*rg.at(year_month{2019, 6}) == bs::sum_t<T>(11));  // 5 + 6
}

TEST_CASE_TEMPLATE("roll-ups to fiscal years flag partial years", T, std::int32_t, std::int64_t, double) {
    const auto s = southwest_border<T>();
    const auto us = s.template by_fiscal_year<bs::us_federal>();
    REQUIRE(us.size() == 2);
    CHECK(us[0].period == us_fy{2018});
    CHECK(us[0].total == bs::sum_t<T>(396579));
    CHECK(us[0].months_reported == 12);
    CHECK(us[0].months_in_period == 12);
    CHECK(us[0].complete());
    CHECK(*us[0].complete_total() == bs::sum_t<T>(396579));
    CHECK(us[1].period == us_fy{2019});
    CHECK(*us[1].complete_total() == bs::sum_t<T>(851508));

    // by calendar year the same months touch 2017 (Oct..Dec), 2018 (all) and 2019 (Jan..Sep)
    const auto cy = s.template by_fiscal_year<bs::calendar_year>();
    REQUIRE(cy.size() == 3);
    CHECK(cy[0].period == bs::fiscal_year<bs::calendar_year>{2017});
    CHECK(cy[0].total == bs::sum_t<T>(83568));  // 25488 + 29085 + 28995
    CHECK(cy[0].months_reported == 3);
    CHECK_FALSE(cy[0].complete());
    CHECK_FALSE(cy[0].complete_total());
    CHECK(*cy[1].complete_total() == bs::sum_t<T>(466624));
    // Jan..Sep 2019: 47979+66883+92833+99273+132856+94902+71978+50684+40507 = 697,895
    CHECK(cy[2].total == bs::sum_t<T>(697895));
    CHECK(cy[2].months_reported == 9);
    CHECK(cy[2].months_in_period == 12);

    // a gap inside a year: the partial total and eleven months reported
    auto gappy = s;
    gappy.erase(year_month{2019, 5});
    const auto gu = gappy.template by_fiscal_year<bs::us_federal>();
    CHECK(gu[1].total == bs::sum_t<T>(851508 - 132856));
    CHECK(gu[1].months_reported == 11);
    CHECK_FALSE(gu[1].complete_total());
    CHECK(*gu[0].complete_total() == bs::sum_t<T>(396579));

    // Australia: Oct 2017..Sep 2019 touches FY2018 (Oct..Jun: 9), FY2019 (all 12), FY2020 (Jul..Sep: 3)
    const auto au = s.template by_fiscal_year<bs::australia>();
    REQUIRE(au.size() == 3);
    CHECK(au[0].months_reported == 9);
    CHECK(au[1].months_reported == 12);
    CHECK(au[2].months_reported == 3);
    CHECK(au[2].total == bs::sum_t<T>(71978 + 50684 + 40507));
}

TEST_CASE_TEMPLATE("roll-ups to fiscal quarters follow the fiscal calendar", T, std::int32_t, std::int64_t, double) {
    const auto s = southwest_border<T>();
    const auto q = s.template by_fiscal_quarter<bs::us_federal>();
    REQUIRE(q.size() == 8);
    using fq = bs::fiscal_quarter<bs::us_federal>;
    CHECK(q[0].period == fq{us_fy{2018}, 1});
    CHECK(q[7].period == fq{us_fy{2019}, 4});
    CHECK(q[0].months_in_period == 3);
    // FY2019 Q1 Oct..Dec 2018: 51005+51857+50751 = 153,613
    CHECK(q[4].total == bs::sum_t<T>(153613));
    // FY2019 Q3 Apr..Jun 2019: 99273+132856+94902 = 327,031
    CHECK(q[6].total == bs::sum_t<T>(327031));
    CHECK(q[6].complete());
    // the four quarters add up to the published year: 153613 + 207695 + 327031 + 163169 = 851,508
    CHECK(q[4].total + q[5].total + q[6].total + q[7].total == bs::sum_t<T>(851508));

    // a series starting in May touches quarter 3 with two of its three months
    const monthly_series<T> part{year_month{2019, 5}, {T(1), T(2), T(3)}};
    const auto pq = part.template by_fiscal_quarter<bs::us_federal>();
    REQUIRE(pq.size() == 2);
    CHECK(pq[0].period == fq{us_fy{2019}, 3});
    CHECK(pq[0].months_reported == 2);
    CHECK_FALSE(pq[0].complete());
    CHECK(pq[1].period == fq{us_fy{2019}, 4});
    CHECK(pq[1].months_reported == 1);
}

TEST_CASE("a sum of int64 counts near the limit throws overflow_error instead of wrapping") {
    constexpr std::int64_t big = std::numeric_limits<std::int64_t>::max();
    const monthly_series<std::int64_t> s{year_month{2019, 1}, {big - 1, 1, 1}};
    // big - 1 + 1 = big fits; one more does not
    CHECK(*s.sum(year_month{2019, 1}, year_month{2019, 2}) == big);
    CHECK_THROWS_AS((void)s.sum(year_month{2019, 1}, year_month{2019, 3}), bs::overflow_error);
    CHECK_THROWS_AS((void)s.require_sum(year_month{2019, 1}, year_month{2019, 3}), bs::overflow_error);
    CHECK_THROWS_AS((void)s.sum_reported(year_month{2019, 1}, year_month{2019, 3}), bs::overflow_error);
    CHECK_THROWS_AS((void)s.rolling_sum(3), bs::overflow_error);
    CHECK_THROWS_AS((void)s.by_fiscal_year<bs::calendar_year>(), bs::overflow_error);

    constexpr std::int64_t small = std::numeric_limits<std::int64_t>::min();
    const monthly_series<std::int64_t> neg{year_month{2019, 1}, {small, -1}};
    CHECK_THROWS_AS((void)neg.sum(year_month{2019, 1}, year_month{2019, 2}), bs::overflow_error);

    monthly_series<std::int64_t> a{year_month{2019, 1}, {big}};
    CHECK_THROWS_AS(a.add(year_month{2019, 1}, 1), bs::overflow_error);
    CHECK(*a.at(year_month{2019, 1}) == big);  // unchanged
    monthly_series<std::int32_t> a32{year_month{2019, 1}, {std::numeric_limits<std::int32_t>::max()}};
    CHECK_THROWS_AS(a32.add(year_month{2019, 1}, 1), bs::overflow_error);
}

TEST_CASE("int32 counts sum in int64 without overflow") {
    static_assert(std::is_same_v<monthly_series<std::int32_t>::sum_type, std::int64_t>);
    constexpr std::int32_t big = std::numeric_limits<std::int32_t>::max();
    const monthly_series<std::int32_t> s{year_month{2019, 1}, {big, big, big}};
    // 3 * 2,147,483,647 = 6,442,450,941
    CHECK(*s.sum(year_month{2019, 1}, year_month{2019, 3}) == std::int64_t{6442450941});
    const monthly_series<std::int32_t> twelve{year_month{2019, 1}, std::vector<std::int32_t>(12, big)};
    // 12 * 2,147,483,647 = 25,769,803,764
    CHECK(*twelve.fiscal_year_total(bs::fiscal_year<bs::calendar_year>{2019}) == std::int64_t{25769803764});
    CHECK(*twelve.rolling_sum(12).at(year_month{2019, 12}) == std::int64_t{25769803764});
}

TEST_CASE("double counts sum as they are") {
    const monthly_series<double> s{year_month{2019, 1}, {0.5, 0.25, 1e308, 1e308}};
    CHECK(*s.sum(year_month{2019, 1}, year_month{2019, 2}) == 0.75);
    // doubles saturate to infinity rather than throw
    CHECK(*s.sum(year_month{2019, 3}, year_month{2019, 4}) == std::numeric_limits<double>::infinity());
}

TEST_CASE("checked_add and checked_sub throw at the int32 and int64 limits") {
    constexpr auto i32max = std::numeric_limits<std::int32_t>::max();
    constexpr auto i32min = std::numeric_limits<std::int32_t>::min();
    constexpr auto i64max = std::numeric_limits<std::int64_t>::max();
    constexpr auto i64min = std::numeric_limits<std::int64_t>::min();

    CHECK(bs::checked_add<std::int32_t>(i32max, 0) == i32max);
    CHECK(bs::checked_add<std::int32_t>(i32max - 1, 1) == i32max);
    CHECK(bs::checked_add<std::int32_t>(i32max, i32min) == -1);  // 2147483647 - 2147483648
    CHECK_THROWS_AS(bs::checked_add<std::int32_t>(i32max, 1), bs::overflow_error);
    CHECK_THROWS_AS(bs::checked_add<std::int32_t>(i32min, -1), bs::overflow_error);
    CHECK(bs::checked_sub<std::int32_t>(-1, i32max) == i32min);  // -1 - 2147483647 = -2147483648
    CHECK(bs::checked_sub<std::int32_t>(i32min + 1, 1) == i32min);
    CHECK_THROWS_AS(bs::checked_sub<std::int32_t>(i32min, 1), bs::overflow_error);
    CHECK_THROWS_AS(bs::checked_sub<std::int32_t>(i32max, -1), bs::overflow_error);
    CHECK_THROWS_AS(bs::checked_sub<std::int32_t>(0, i32min), bs::overflow_error);  // 2^31 does not fit

    CHECK(bs::checked_add<std::int64_t>(i64max - 1, 1) == i64max);
    CHECK_THROWS_AS(bs::checked_add<std::int64_t>(i64max, 1), bs::overflow_error);
    CHECK_THROWS_AS(bs::checked_add<std::int64_t>(i64min, -1), bs::overflow_error);
    CHECK_THROWS_AS(bs::checked_add<std::int64_t>(i64max, i64max), bs::overflow_error);
    CHECK(bs::checked_sub<std::int64_t>(-1, i64max) == i64min);
    CHECK_THROWS_AS(bs::checked_sub<std::int64_t>(i64min, 1), bs::overflow_error);
    CHECK_THROWS_AS(bs::checked_sub<std::int64_t>(i64max, -1), bs::overflow_error);
    CHECK_THROWS_AS(bs::checked_sub<std::int64_t>(0, i64min), bs::overflow_error);
    CHECK_THROWS_WITH_AS(bs::checked_add<std::int64_t>(i64max, 1), doctest::Contains("9223372036854775807"),
                         bs::overflow_error);

    CHECK_THROWS_AS(bs::checked_add<std::uint32_t>(4294967295u, 1u), bs::overflow_error);
    CHECK_THROWS_AS(bs::checked_sub<std::uint32_t>(0u, 1u), bs::overflow_error);

    // floating point is not checked
    CHECK(bs::checked_add(1e308, 1e308) == std::numeric_limits<double>::infinity());
    CHECK(bs::checked_sub(0.5, 0.25) == 0.25);

    static_assert(bs::checked_add<std::int32_t>(2, 3) == 5);
    static_assert(bs::checked_sub<std::int64_t>(2, 3) == -1);
}

TEST_CASE("checked_cast throws when a value does not fit the count type") {
    CHECK(bs::checked_cast<std::int32_t>(std::int64_t{2147483647}) == 2147483647);
    CHECK_THROWS_AS(bs::checked_cast<std::int32_t>(std::int64_t{2147483648}), bs::overflow_error);
    CHECK(bs::checked_cast<std::int32_t>(std::int64_t{-2147483648LL}) == std::numeric_limits<std::int32_t>::min());
    CHECK_THROWS_AS(bs::checked_cast<std::int32_t>(std::int64_t{-2147483649LL}), bs::overflow_error);
    CHECK_THROWS_AS(bs::checked_cast<std::uint32_t>(-1), bs::overflow_error);
    CHECK_THROWS_AS(bs::checked_cast<std::int64_t>(std::numeric_limits<std::uint64_t>::max()), bs::overflow_error);
    CHECK(bs::checked_cast<double>(std::int64_t{3}) == 3.0);
}

TEST_CASE("sums of counts are kept in 64 bits for integers and in the type itself for floating point") {
    static_assert(std::is_same_v<bs::sum_t<std::int8_t>, std::int64_t>);
    static_assert(std::is_same_v<bs::sum_t<std::int16_t>, std::int64_t>);
    static_assert(std::is_same_v<bs::sum_t<std::int32_t>, std::int64_t>);
    static_assert(std::is_same_v<bs::sum_t<std::int64_t>, std::int64_t>);
    static_assert(std::is_same_v<bs::sum_t<std::uint32_t>, std::uint64_t>);
    static_assert(std::is_same_v<bs::sum_t<double>, double>);
    static_assert(std::is_same_v<bs::sum_t<float>, float>);
    static_assert(bs::is_count_type_v<std::int32_t>);
    static_assert(bs::is_count_type_v<double>);
    static_assert(bs::is_count_type_v<std::uint64_t>);
    static_assert(!bs::is_count_type_v<bool>);
    static_assert(!bs::is_count_type_v<char>);
    static_assert(!bs::is_count_type_v<signed char>);
    static_assert(!bs::is_count_type_v<unsigned char>);
    static_assert(!bs::is_count_type_v<std::string>);
    CHECK(bs::is_count_type_v<long>);
}

TEST_CASE("a series may end at the largest representable month and still sum") {
    const year_month hi = year_month::max();
    const monthly_series<std::int64_t> s{hi - months{2}, {1, 2, 3}};
    CHECK(s.last_month() == hi);
    CHECK(*s.at(hi) == 3);
    CHECK(s.months_range().back() == hi);
    // 1 + 2 + 3 = 6
    CHECK(*s.sum(hi - months{2}, hi) == 6);
    CHECK(s.require_sum(hi - months{1}, hi) == 5);
    CHECK(s.sum_reported(hi - months{2}, hi).months_reported == 3);
    CHECK(*s.sum(s.months_range()) == 6);
    CHECK(*s.rolling_sum(2).at(hi) == 5);
    int n = 0;
    for (const auto& e : s) n += e.value ? 1 : 0;
    CHECK(n == 3);
    // one value more would lie beyond the largest month
    CHECK_THROWS_AS((monthly_series<std::int64_t>{hi - months{1}, {1, 2, 3}}), bs::bad_month);
}

TEST_CASE("a series may start at the smallest representable month and its rolling sums start with gaps") {
    const year_month lo = year_month::min();
    const monthly_series<std::int64_t> s{lo, {1, 2, 3}};
    CHECK(*s.sum(lo, lo + months{2}) == 6);
    const auto r = s.rolling_sum(2);
    CHECK_FALSE(r.at(lo));
    CHECK(*r.at(lo + months{1}) == 3);  // 1 + 2
    CHECK(*r.at(lo + months{2}) == 5);  // 2 + 3
    CHECK(s.rolling_sum(5).count_reported() == 0);
}

namespace {
// A deliberately tiny splitter for the bundled file, whose fields hold no
// quotes or commas: the library's CSV reader is tested elsewhere.
std::vector<std::string> split_line(const std::string& line) {
    std::vector<std::string> fields(1);
    for (char c : line) {
        if (c == ',')
            fields.emplace_back();
        else if (c != '\r')
            fields.back() += c;
    }
    return fields;
}
}  // namespace

TEST_CASE("the published FY2018 and FY2019 Southwest border apprehensions are reproduced from the bundled CBP file") {
    std::ifstream in(data_file("cbp_southwest_border_fy2018_fy2019.csv"));
    REQUIRE(in.good());
    std::string line;
    REQUIRE(std::getline(in, line));
    REQUIRE(split_line(line) ==
            std::vector<std::string>{"fiscal_year", "month", "apprehensions", "inadmissibles", "total"});

    monthly_series<std::int64_t> apprehensions;
    int rows = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line == "\r") continue;
        const auto f = split_line(line);
        REQUIRE(f.size() == 5);
        const us_fy fy{std::stoi(f[0])};
        const year_month m = fy.month_of(bs::parse_month_name(f[1]));
        CHECK_FALSE(apprehensions.has_value(m));  // each month once
        apprehensions.set(m, std::stoll(f[2]));
        ++rows;
    }
    CHECK(rows == 24);  // SOURCES.md: 24 data rows
    CHECK(apprehensions.first_month() == year_month{2017, 10});
    CHECK(apprehensions.last_month() == year_month{2019, 9});
    CHECK(apprehensions.count_reported() == 24);

    // published year totals (SOURCES.md 1a, S11, S27, S30)
    CHECK(*apprehensions.fiscal_year_total(us_fy{2018}) == 396579);
    CHECK(*apprehensions.fiscal_year_total(us_fy{2019}) == 851508);
    // published final May 2019 figure (SOURCES.md 1c, 1d)
    CHECK(*apprehensions.at(year_month{2019, 5}) == 132856);
    // "FY2019 OCT" is October 2018 and "FY2018 SEP" September 2018
    CHECK(*apprehensions.at(year_month{2018, 10}) == 51005);
    CHECK(*apprehensions.at(year_month{2018, 9}) == 41486);

    // month over month April -> May 2019, by hand from the file's 99,273 and 132,856:
    // 132,856 - 99,273 = 33,583 ; 33,583 / 99,273 = 0.33829 -> +33.8%
    const std::int64_t apr = *apprehensions.at(year_month{2019, 4});
    const std::int64_t may = *apprehensions.at(year_month{2019, 5});
    CHECK(apr == 99273);
    CHECK(may - apr == 33583);
    CHECK((may - apr) * 1000 / apr == 338);  // 33,583,000 / 99,273 = 338.29 -> 338 tenths of a percent
    const auto mom = bs::month_over_month(apprehensions, year_month{2019, 5});
    REQUIRE(mom);
    CHECK(mom->from == 99273);
    CHECK(mom->to == 132856);
    CHECK(mom->difference() == 33583);
    CHECK(*mom->rounded_percent_change(1) == doctest::Approx(33.8));
    CHECK(*mom->percent_change() == doctest::Approx(33.829).epsilon(1e-4));

    const auto both = apprehensions.by_fiscal_year<bs::us_federal>();
    REQUIRE(both.size() == 2);
    CHECK(*both[0].complete_total() == 396579);
    CHECK(*both[1].complete_total() == 851508);
}

TEST_CASE_TEMPLATE("a sum over two months in the wrong order is an error and never a zero", T, std::int32_t,
                   std::int64_t, double) {
    // March to May 2019 as CBP first published them: 103,719 + 109,474 + 144,278 = 357,471.
    const monthly_series<T> s{year_month{2019, 3}, {T(103719), T(109474), T(144278)}};
    const year_month mar{2019, 3};
    const year_month may{2019, 5};
    CHECK(s.sum(mar, may) == bs::sum_t<T>(357471));
    // May to March: before 0.2 this gave 0, a figure the data never had.
    CHECK_THROWS_WITH_AS((void)s.sum(may, mar), doctest::Contains("2019-05 to 2019-03"), bs::error);
    CHECK_THROWS_WITH_AS((void)s.require_sum(may, mar), doctest::Contains("wrong order"), bs::error);
    CHECK_THROWS_WITH_AS((void)s.sum_reported(may, mar), doctest::Contains("wrong order"), bs::error);
    // The empty range that sums to 0 is said with a month_range.
    CHECK(s.sum(bs::month_range::inclusive(may, mar)) == bs::sum_t<T>(0));
    CHECK(s.sum(bs::month_range::inclusive(mar, may)) == bs::sum_t<T>(357471));
}
