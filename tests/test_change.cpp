// Percent change, change<T>, rounding half away from zero, percent and
// percentage points, and the series helpers. Figures come from SOURCES.md or
// are worked out by hand in the comments.
#include <doctest/doctest.h>

#include <borderstats/change.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace bs = borderstats;
using bs::monthly_series;
using bs::months;
using bs::year_month;
using us_fy = bs::fiscal_year<bs::us_federal>;

namespace {
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

bool finite_or_empty(const std::optional<double>& p) { return !p || std::isfinite(*p); }
}  // namespace

TEST_CASE("the percent change from a to b is b minus a over a times one hundred") {
    // 100 -> 110: 10 / 100 * 100 = 10
    CHECK(*bs::percent_change(100, 110) == 10.0);
    // 200 -> 150: -50 / 200 * 100 = -25
    CHECK(*bs::percent_change(200, 150) == -25.0);
    CHECK(*bs::percent_change(5, 0) == -100.0);
    CHECK(*bs::percent_change(7, 7) == 0.0);
    // SOURCES.md: 144,278 / 109,474 - 1 = +31.8% (the June 2019 vintage of April)
    // 144,278 - 109,474 = 34,804 ; 34,804 / 109,474 = 0.31792
    CHECK(*bs::percent_change(109474, 144278) == doctest::Approx(31.792).epsilon(1e-4));
    // and 144,278 / 109,144 - 1 = +32.2% (the first April figure): 35,134 / 109,144 = 0.32191
    CHECK(*bs::percent_change(109144, 144278) == doctest::Approx(32.191).epsilon(1e-4));
    // mixed argument types
    CHECK(*bs::percent_change(std::int32_t{100}, std::int64_t{125}) == 25.0);
    CHECK(*bs::percent_change(100, 112.5) == 12.5);
    CHECK(*bs::percent_change(std::uint32_t{10}, std::uint32_t{5}) == -50.0);  // a fall, also for unsigned
    // from a negative value the formula still holds: (-25 - -50) / -50 * 100 = -50
    CHECK(*bs::percent_change(-50, -25) == -50.0);
    static_assert(*bs::percent_change(100, 150) == 50.0);
}

TEST_CASE("a percent change from zero is empty and never inf or NaN") {
    CHECK_FALSE(bs::percent_change(0, 5));
    CHECK_FALSE(bs::percent_change(0, 0));
    CHECK_FALSE(bs::percent_change(0, -5));
    CHECK_FALSE(bs::percent_change(std::int64_t{0}, std::int64_t{1}));
    CHECK_FALSE(bs::percent_change(0.0, 5.0));
    CHECK_FALSE(bs::percent_change(-0.0, 5.0));
    CHECK_FALSE(bs::percent_change(0.0, 0.0));
    CHECK_FALSE(bs::percent_change(0u, 3u));
    static_assert(!bs::percent_change(0, 5));
}

TEST_CASE("a percent change with NaN or infinite inputs is empty") {
    CHECK_FALSE(bs::percent_change(nan_v, 5.0));
    CHECK_FALSE(bs::percent_change(5.0, nan_v));
    CHECK_FALSE(bs::percent_change(nan_v, nan_v));
    CHECK_FALSE(bs::percent_change(1.0, inf_v));
    CHECK_FALSE(bs::percent_change(inf_v, 1.0));  // (1 - inf) / inf is NaN
    CHECK_FALSE(bs::percent_change(-inf_v, inf_v));
    // a result too large for a double is empty too: (1 - 5e-324) / 5e-324 * 100 overflows
    CHECK_FALSE(bs::percent_change(std::numeric_limits<double>::denorm_min(), 1.0));
    CHECK_FALSE(bs::percent_change(1e-300, 1e300));
    for (double from : {0.0, -0.0, 1.0, -1.0, 1e-320, 1e308, nan_v, inf_v})
        for (double to : {0.0, 1.0, -1e308, 1e308, nan_v, inf_v, -inf_v}) {
            CAPTURE(from);
            CAPTURE(to);
            CHECK(finite_or_empty(bs::percent_change(from, to)));
        }
}

TEST_CASE("a percent change between int64 extremes is computed without overflow") {
    constexpr auto lo = std::numeric_limits<std::int64_t>::min();
    constexpr auto hi = std::numeric_limits<std::int64_t>::max();
    // (2^63 - 1 - (-2^63)) / -2^63 * 100 = -(2^64 - 1) / 2^63 * 100, about -200
    CHECK(*bs::percent_change(lo, hi) == doctest::Approx(-200.0));
    // (-2^63 - (2^63 - 1)) / (2^63 - 1) * 100, about -200
    CHECK(*bs::percent_change(hi, lo) == doctest::Approx(-200.0));
    // the difference is exact: (2^53 + 1) - 2^53 = 1, over 2^53 is 1.11e-14 percent, not 0
    const std::int64_t two53 = std::int64_t{1} << 53;
    CHECK(*bs::percent_change(two53, two53 + 1) > 0.0);
}

TEST_CASE("percent_change of optionals is empty when either side is empty") {
    const std::optional<std::int64_t> a{100}, b{110}, none;
    CHECK(*bs::percent_change(a, b) == 10.0);
    CHECK_FALSE(bs::percent_change(a, none));
    CHECK_FALSE(bs::percent_change(none, b));
    CHECK_FALSE(bs::percent_change(std::optional<int>{0}, std::optional<int>{5}));
    CHECK_FALSE(bs::percent_change(std::optional<double>{nan_v}, std::optional<double>{1.0}));
}

TEST_CASE("rounding is half away from zero") {
    CHECK(bs::round_half_away_from_zero(31.85, 1) == 31.9);
    CHECK(bs::round_half_away_from_zero(31.84, 1) == 31.8);
    CHECK(bs::round_half_away_from_zero(31.5) == 32.0);
    CHECK(bs::round_half_away_from_zero(-0.5) == -1.0);
    CHECK(bs::round_half_away_from_zero(0.5) == 1.0);
    CHECK(bs::round_half_away_from_zero(2.5) == 3.0);  // not 2, as banker's rounding would give
    CHECK(bs::round_half_away_from_zero(-2.5) == -3.0);
    CHECK(bs::round_half_away_from_zero(1.4999) == 1.0);
    CHECK(bs::round_half_away_from_zero(-1.4999) == -1.0);
    // 0.285 is stored as 0.28499999999999998; the reader sees a half and so does the rounding
    CHECK(bs::round_half_away_from_zero(0.285, 2) == 0.29);
    CHECK(bs::round_half_away_from_zero(-0.285, 2) == -0.29);
    CHECK(bs::round_half_away_from_zero(1.005, 2) == 1.01);
    CHECK(bs::round_half_away_from_zero(0.125, 2) == 0.13);
    CHECK(bs::round_half_away_from_zero(0.0) == 0.0);
    // decimals are clamped to 0..9
    CHECK(bs::round_half_away_from_zero(2.5, -3) == 3.0);
    CHECK(bs::round_half_away_from_zero(0.1234567895, 12) == doctest::Approx(0.123456790).epsilon(1e-12));
    CHECK(std::isnan(bs::round_half_away_from_zero(nan_v)));
    CHECK(bs::round_half_away_from_zero(inf_v) == inf_v);
}

TEST_CASE("rounding does not take a value clearly below a half for the half") {
    // 123,456,789.45 is 0.05 below the half 123,456,789.5: it rounds down
    CHECK(bs::round_half_away_from_zero(123456789.45) == 123456789.0);
    CHECK(bs::round_half_away_from_zero(-123456789.45) == -123456789.0);
    // 318.4999999 (31.84999999% at one place) is below 318.5: 31.8, not 31.9
    CHECK(bs::round_half_away_from_zero(31.84999999, 1) == 31.8);
    CHECK(bs::round_half_away_from_zero(1000000.4999, 0) == 1000000.0);
    CHECK(bs::round_half_away_from_zero(1000000.5, 0) == 1000001.0);
}

TEST_CASE("change holds both ends and computes the exact difference") {
    const bs::change<std::int64_t> c{99273, 132856};
    CHECK(c.from == 99273);
    CHECK(c.to == 132856);
    CHECK(c.difference() == 33583);  // 132,856 - 99,273
    CHECK(*c.percent_change() == doctest::Approx(33.829).epsilon(1e-4));
    CHECK(c == bs::make_change<std::int64_t>(99273, 132856));
    CHECK(c != bs::make_change<std::int64_t>(99273, 132857));
    static_assert(bs::make_change(3, 5).difference() == 2);

    // unsigned counts still give a signed fall: 4 - 10 = -6
    const bs::change<std::uint32_t> fall{10, 4};
    CHECK(fall.difference() == -6);
    static_assert(std::is_same_v<bs::change<std::uint32_t>::difference_type, std::int64_t>);
    static_assert(std::is_same_v<bs::change<double>::difference_type, double>);
    CHECK(bs::change<double>{1.5, 1.0}.difference() == -0.5);

    // a difference that does not fit 64 bits throws
    CHECK_THROWS_AS((void)bs::change<std::uint64_t>({0, std::numeric_limits<std::uint64_t>::max()}).difference(),
                    bs::overflow_error);
    CHECK_THROWS_AS((void)bs::change<std::int64_t>({std::numeric_limits<std::int64_t>::min(),
                                                     std::numeric_limits<std::int64_t>::max()})
                        .difference(),
                    bs::overflow_error);
    CHECK_FALSE(bs::change<std::int64_t>{0, 5}.percent_change());
}

TEST_CASE("rounded_percent of integer counts rounds the exact fraction half away from zero") {
    // 200 -> 257 is exactly +28.5% (57 / 200); a double computes 28.499999999999996
    CHECK(*bs::change<std::int64_t>{200, 257}.rounded_percent_change() == 29.0);
    // 200 -> 143 is exactly -28.5%
    CHECK(*bs::change<std::int64_t>{200, 143}.rounded_percent_change() == -29.0);
    CHECK(*bs::change<std::int32_t>{200, 257}.rounded_percent_change() == 29.0);
    // from 2,000,000,000,000,001 up by 570,000,000,000,000: 5.7e16 / (2e15 + 1) = 28.4999999999999857...%,
    // just below the half: 28, although a double is within a few units in the last place of 28.5
    const std::int64_t big = 2'000'000'000'000'001;
    CHECK(*bs::change<std::int64_t>{big, big + 570'000'000'000'000}.rounded_percent_change() == 28.0);
    CHECK(*bs::change<std::int64_t>{big, big + 570'000'000'000'000}.rounded_percent_change(1) == 28.5);
    // SOURCES.md: 109,474 -> 144,278 is +31.8% at one place and 32% at none
    CHECK(*bs::change<std::int64_t>{109474, 144278}.rounded_percent_change(1) == 31.8);
    CHECK(*bs::change<std::int64_t>{109474, 144278}.rounded_percent_change() == 32.0);
    // 109,144 -> 144,278: 35,134 / 109,144 = 32.19% -> 32.2
    CHECK(*bs::change<std::int64_t>{109144, 144278}.rounded_percent_change(1) == 32.2);
    // 99,273 -> 132,856: 33,583 / 99,273 = 33.8289% -> 33.83 at two places
    CHECK(*bs::change<std::int64_t>{99273, 132856}.rounded_percent_change(2) == 33.83);
    // 3 -> 1: -2 / 3 = -66.666...% -> -66.67
    CHECK(*bs::change<std::int64_t>{3, 1}.rounded_percent_change(2) == -66.67);
    // negative from: -4 -> -3 is (-3 - -4) / -4 = -25%
    CHECK(*bs::change<std::int64_t>{-4, -3}.rounded_percent_change() == -25.0);
    // unsigned: 8 -> 7 is -12.5% -> -13
    CHECK(*bs::change<std::uint64_t>{8, 7}.rounded_percent_change() == -13.0);
    // decimals are clamped to 0..9
    CHECK(*bs::change<std::int64_t>{8, 7}.rounded_percent_change(-2) == -13.0);
    // 3 -> 4 is 33.333...%: at most nine places, 33.333333333
    CHECK(*bs::change<std::int64_t>{3, 4}.rounded_percent_change(12) == doctest::Approx(33.333333333).epsilon(1e-12));
    CHECK_FALSE(bs::change<std::int64_t>{0, 5}.rounded_percent_change());
    CHECK_FALSE(bs::change<std::uint32_t>{0, 0}.rounded_percent_change(1));
}

TEST_CASE("rounded_percent of double counts rounds half away from zero too") {
    CHECK(*bs::change<double>{200, 257}.rounded_percent_change() == 29.0);
    CHECK(*bs::change<double>{109474, 144278}.rounded_percent_change(1) == 31.8);
    CHECK_FALSE(bs::change<double>{0.0, 1.0}.rounded_percent_change());
    CHECK_FALSE(bs::change<double>{nan_v, 1.0}.rounded_percent_change());
}

TEST_CASE("a change between two shares is in percentage points not percent") {
    // 10% -> 12% is 2 percentage points, and a 20% change
    const bs::percent before{10.0}, after{12.0};
    const bs::percentage_points d = after - before;
    CHECK(d == bs::percentage_points{2.0});
    CHECK(d.value() == 2.0);
    CHECK(*bs::percent_change(before.value(), after.value()) == doctest::Approx(20.0));
    CHECK(before + d == after);
    CHECK(after - d == before);
    CHECK(-d == bs::percentage_points{-2.0});
    CHECK(before - after == bs::percentage_points{-2.0});
    CHECK(before < after);
    CHECK(after > before);
    CHECK(before != after);
    CHECK(bs::percentage_points{1} < bs::percentage_points{2});
    CHECK(bs::percentage_points{2} > bs::percentage_points{1});
    CHECK(bs::percentage_points{1} != bs::percentage_points{2});
    CHECK(bs::percent{}.value() == 0.0);
    CHECK(bs::percentage_points{}.value() == 0.0);
}

TEST_CASE("share is a part as a percent of a whole and empty for a whole of zero") {
    CHECK(*bs::share(25, 200) == bs::percent{12.5});
    // May 2019: USBP 132,856 of the final total 144,116 (SOURCES.md 1a) = 92.19%
    CHECK(bs::share(132856, 144116)->value() == doctest::Approx(92.187).epsilon(1e-4));
    CHECK_FALSE(bs::share(1, 0));
    CHECK_FALSE(bs::share(0.0, 0.0));
    CHECK(*bs::share(0, 7) == bs::percent{0.0});
}

namespace {
template <typename T>
monthly_series<T> fy2018_fy2019() {
    // cbp_southwest_border_fy2018_fy2019.csv apprehensions, October 2017 .. September 2019
    return monthly_series<T>{year_month{2017, 10},
                             {25488, 29085, 28995, 25975, 26666, 37390, 38243, 40339, 34089, 31299, 37524, 41486,
                              51005, 51857, 50751, 47979, 66883, 92833, 99273, 132856, 94902, 71978, 50684, 40507}};
}
}  // namespace

TEST_CASE_TEMPLATE("month_over_month compares a month with the one before it", T, std::int32_t, std::int64_t,
                   double) {
    const auto s = fy2018_fy2019<T>();
    const auto mom = bs::month_over_month(s, year_month{2019, 5});
    REQUIRE(mom);
    CHECK(mom->from == T(99273));
    CHECK(mom->to == T(132856));
    // across December to January: Dec 2018 50,751 -> Jan 2019 47,979
    const auto jan = bs::month_over_month(s, year_month{2019, 1});
    REQUIRE(jan);
    CHECK(jan->from == T(50751));
    CHECK(jan->to == T(47979));
    CHECK(jan->difference() == -2772);  // 47,979 - 50,751
    // the first month has no month before it in the series; a month after the end has no figure
    CHECK_FALSE(bs::month_over_month(s, year_month{2017, 10}));
    CHECK_FALSE(bs::month_over_month(s, year_month{2019, 10}));
    // a gap on either side gives no change, not a change from or to zero
    auto g = s;
    g.erase(year_month{2019, 4});
    CHECK_FALSE(bs::month_over_month(g, year_month{2019, 4}));
    CHECK_FALSE(bs::month_over_month(g, year_month{2019, 5}));
    CHECK(bs::month_over_month(g, year_month{2019, 6}));
}

TEST_CASE_TEMPLATE("year_over_year compares a month with the same month a year earlier", T, std::int32_t,
                   std::int64_t, double) {
    const auto s = fy2018_fy2019<T>();
    const auto yoy = bs::year_over_year(s, year_month{2019, 5});
    REQUIRE(yoy);
    CHECK(yoy->from == T(40339));
    CHECK(yoy->to == T(132856));
    // 132,856 - 40,339 = 92,517 ; 92,517 / 40,339 = 2.29349 -> +229.3%
    CHECK(*yoy->rounded_percent_change(1) == doctest::Approx(229.3));
    CHECK_FALSE(bs::year_over_year(s, year_month{2018, 9}));  // September 2017 is before the series
    CHECK(bs::year_over_year(s, year_month{2018, 10}));
    auto g = s;
    g.erase(year_month{2018, 5});
    CHECK_FALSE(bs::year_over_year(g, year_month{2019, 5}));
}

TEST_CASE_TEMPLATE("fytd_over_prior_fytd compares the fiscal year to date with the same months a year earlier", T,
                   std::int32_t, std::int64_t, double) {
    const auto s = fy2018_fy2019<T>();
    const auto c = bs::fytd_over_prior_fytd<bs::us_federal>(s, year_month{2019, 5});
    REQUIRE(c);
    static_assert(std::is_same_v<typename decltype(c)::value_type, bs::change<bs::sum_t<T>>>);
    // FY2018 Oct..May: 25488+29085+28995+25975+26666+37390+38243+40339 = 252,181
    // FY2019 Oct..May: 51005+51857+50751+47979+66883+92833+99273+132856 = 593,437
    CHECK(c->from == bs::sum_t<T>(252181));
    CHECK(c->to == bs::sum_t<T>(593437));
    // 593,437 - 252,181 = 341,256 ; / 252,181 = 1.35322 -> +135.3%
    CHECK(*c->rounded_percent_change(1) == doctest::Approx(135.3));
    // through September: the whole years, 396,579 -> 851,508 (published totals)
    const auto full = bs::fytd_over_prior_fytd<bs::us_federal>(s, year_month{2019, 9});
    REQUIRE(full);
    CHECK(full->from == bs::sum_t<T>(396579));
    CHECK(full->to == bs::sum_t<T>(851508));
    // FY2018 has no prior year in the series
    CHECK_FALSE(bs::fytd_over_prior_fytd<bs::us_federal>(s, year_month{2018, 5}));
    // a gap in the prior year's months gives no change
    auto g = s;
    g.erase(year_month{2017, 11});
    CHECK_FALSE(bs::fytd_over_prior_fytd<bs::us_federal>(g, year_month{2019, 5}));
    // ... but not when it lies outside the compared months: calendar year to date May 2019 against May 2018
    // Jan..May 2018: 25975+26666+37390+38243+40339 = 168,613 ; Jan..May 2019: 47979+66883+92833+99273+132856 = 439,824
    const auto cy = bs::fytd_over_prior_fytd<bs::calendar_year>(g, year_month{2019, 5});
    REQUIRE(cy);
    CHECK(cy->from == bs::sum_t<T>(168613));
    CHECK(cy->to == bs::sum_t<T>(439824));
}

TEST_CASE("percent and percentage_points order with all four comparisons") {
    static_assert(bs::percent{31.8} <= bs::percent{31.8} && bs::percent{31.8} >= bs::percent{31.8});
    static_assert(bs::percent{4.1} <= bs::percent{37.1} && !(bs::percent{4.1} >= bs::percent{37.1}));
    static_assert(bs::percentage_points{-2.0} <= bs::percentage_points{0.5});
    static_assert(bs::percentage_points{2.0} >= bs::percentage_points{2.0});
    CHECK(bs::percentage_points{1.5} >= bs::percentage_points{-1.5});
}
