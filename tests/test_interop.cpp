// Interop with Boost.Date_Time and C++20 std::chrono.
#include <borderstats/boost_date_time.hpp>
#include <borderstats/chrono.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace bs = borderstats;
namespace bg = boost::gregorian;

TEST_CASE("a boost date maps to the month it falls in") {
    CHECK(bs::to_year_month(bg::date(2019, 5, 31)) == bs::year_month{2019, 5});
    CHECK(bs::to_year_month(bg::date(2018, 12, 31)) + bs::months{1} == bs::year_month{2019, 1});
    CHECK_THROWS_AS(bs::to_year_month(bg::date(bg::not_a_date_time)), bs::bad_month);
}

TEST_CASE("the last day of February follows the leap-year rule") {
    CHECK(bs::last_day({2020, 2}) == bg::date(2020, 2, 29));  // divisible by 4
    CHECK(bs::last_day({2019, 2}) == bg::date(2019, 2, 28));
    CHECK(bs::last_day({1900, 2}) == bg::date(1900, 2, 28));  // century, not divisible by 400
    CHECK(bs::last_day({2000, 2}) == bg::date(2000, 2, 29));  // divisible by 400
    CHECK(bs::to_date_period(bs::year_month{2020, 2}).length().days() == 29);
}

TEST_CASE("a U.S. federal fiscal year is a half-open period from October 1") {
    const auto p = bs::to_date_period(bs::fiscal_year<bs::us_federal>{2019});
    CHECK(p.begin() == bg::date(2018, 10, 1));
    CHECK(p.last() == bg::date(2019, 9, 30));
    CHECK(p.end() == bg::date(2019, 10, 1));
    CHECK(p.length().days() == 365);  // Oct 2018 - Sep 2019 holds no February 29
    CHECK(bs::to_date_period(bs::fiscal_year<bs::us_federal>{2020}).length().days() == 366);  // Feb 29 2020
    CHECK(bs::fiscal_year_of<bs::us_federal>(bg::date(2019, 9, 30)) == bs::fiscal_year<bs::us_federal>{2019});
    CHECK(bs::fiscal_year_of<bs::us_federal>(bg::date(2019, 10, 1)) == bs::fiscal_year<bs::us_federal>{2020});
    CHECK(bs::fiscal_year_of<bs::uk>(bg::date(2020, 3, 31)) == bs::fiscal_year<bs::uk>{2019});
    CHECK(bs::to_date_period(bs::fiscal_year<bs::australia>{2019}).begin() == bg::date(2018, 7, 1));
}

TEST_CASE("months outside Boost's calendar are refused rather than wrapped") {
    CHECK_THROWS_AS(bs::first_day({1399, 12}), bs::bad_month);
    CHECK_THROWS_AS(bs::first_day({10000, 1}), bs::bad_month);
    CHECK(bs::first_day({1400, 1}) == bg::date(1400, 1, 1));
}

TEST_CASE("daily figures roll up into months with gaps kept") {
    const std::vector<std::pair<bg::date, std::int64_t>> days{
        {bg::date(2020, 2, 28), 10}, {bg::date(2020, 2, 29), 5}, {bg::date(2020, 3, 1), 7}, {bg::date(2020, 5, 2), 1}};
    const auto monthly = bs::roll_up_daily(days);
    CHECK(*monthly.at({2020, 2}) == 15);  // 10 + 5, the leap day included
    CHECK(*monthly.at({2020, 3}) == 7);
    CHECK_FALSE(monthly.at({2020, 4}).has_value());
    CHECK(*monthly.at({2020, 5}) == 1);
}

#if BORDERSTATS_HAS_CHRONO_CALENDAR
TEST_CASE("std chrono year_month converts both ways") {
    using namespace std::chrono;
    static_assert(bs::to_chrono(bs::year_month{2019, 5}) == year{2019} / May);
    static_assert(bs::from_chrono(year{2018} / October) == bs::year_month{2018, 10});
    static_assert(bs::to_year_month(year{2020} / February / 29) == bs::year_month{2020, 2});
    CHECK_THROWS_AS(bs::from_chrono(year{2019} / month{13}), bs::bad_month);
}
#endif

TEST_CASE("an empty range of months is an empty period, whatever months it was made of") {
    const auto period = bs::to_date_period(bs::month_range{});
    CHECK(period.is_null());
    CHECK(period.length().days() == 0);
    const auto one = bs::to_date_period(bs::month_range::inclusive({2019, 2}, {2019, 2}));
    CHECK(one.length().days() == 28);
}
