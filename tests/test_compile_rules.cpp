// Compile-time rules: what must compile, what must not, checked with small
// detection traits and static_assert; then the public contract from the
// issue, both at compile time and at run time.
#include <doctest/doctest.h>

#include <borderstats/borderstats.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace bs = borderstats;

namespace {
// ----------------------------------------------------------- DETECTION TRAITS
template <typename A, typename B, typename = void>
struct can_add : std::false_type {};
template <typename A, typename B>
struct can_add<A, B, std::void_t<decltype(std::declval<A>() + std::declval<B>())>> : std::true_type {};

template <typename A, typename B, typename = void>
struct can_subtract : std::false_type {};
template <typename A, typename B>
struct can_subtract<A, B, std::void_t<decltype(std::declval<A>() - std::declval<B>())>> : std::true_type {};

template <typename A, typename B, typename = void>
struct can_equal : std::false_type {};
template <typename A, typename B>
struct can_equal<A, B, std::void_t<decltype(std::declval<A>() == std::declval<B>())>> : std::true_type {};

template <typename A, typename B, typename = void>
struct can_less : std::false_type {};
template <typename A, typename B>
struct can_less<A, B, std::void_t<decltype(std::declval<A>() < std::declval<B>())>> : std::true_type {};

template <typename A, typename B>
using sum_type = decltype(std::declval<A>() + std::declval<B>());
template <typename A, typename B>
using difference_type = decltype(std::declval<A>() - std::declval<B>());

// The traits detect what they should: a control.
static_assert(can_add<int, int>::value && !can_add<int, std::string>::value);
static_assert(can_equal<int, long>::value && !can_equal<int, std::string>::value);

using us_fy = bs::fiscal_year<bs::us_federal>;
using uk_fy = bs::fiscal_year<bs::uk>;

// ---------------------------------------------------------------- MONTHS
// A month has no day: `year_month + 1` does not compile, nor does adding two months.
static_assert(!can_add<bs::year_month, int>::value);
static_assert(!can_add<int, bs::year_month>::value);
static_assert(!can_subtract<bs::year_month, int>::value);
static_assert(!can_add<bs::year_month, bs::year_month>::value);
static_assert(!can_add<bs::year_month, double>::value);
static_assert(!std::is_constructible_v<bs::year_month, int>);
static_assert(!std::is_convertible_v<bs::year_month, int>);
static_assert(!std::is_convertible_v<int, bs::months>);
// Arithmetic is in months and years.
static_assert(std::is_same_v<sum_type<bs::year_month, bs::months>, bs::year_month>);
static_assert(std::is_same_v<sum_type<bs::months, bs::year_month>, bs::year_month>);
static_assert(std::is_same_v<difference_type<bs::year_month, bs::months>, bs::year_month>);
static_assert(std::is_same_v<difference_type<bs::year_month, bs::year_month>, bs::months>);
static_assert(std::is_same_v<sum_type<bs::year_month, bs::years>, bs::year_month>);
static_assert(std::is_same_v<difference_type<bs::year_month, bs::years>, bs::year_month>);
static_assert(std::is_same_v<sum_type<bs::months, bs::months>, bs::months>);
static_assert(std::is_same_v<sum_type<bs::months, bs::years>, bs::months>);
static_assert(std::is_same_v<difference_type<bs::years, bs::months>, bs::months>);
static_assert(std::is_convertible_v<bs::years, bs::months>);
static_assert(!std::is_convertible_v<bs::months, bs::years>);
static_assert(!can_add<bs::months, int>::value);
// a year is twelve months, at compile time
static_assert(bs::months(bs::years{2}) == bs::months{24});
static_assert(bs::year_month{2019, 12} + bs::months{1} == bs::year_month{2020, 1});
static_assert(bs::year_month{2020, 1} - bs::years{1} == bs::year_month{2019, 1});
static_assert(bs::year_month::max().index() - bs::year_month::min().index() == 786419);  // 393215 + 393204

// ----------------------------------------------------------- FISCAL YEARS
// Fiscal years of two calendars do not compare and do not convert.
static_assert(!can_equal<us_fy, uk_fy>::value);
static_assert(!can_equal<uk_fy, us_fy>::value);
static_assert(!can_less<us_fy, uk_fy>::value);
static_assert(!can_subtract<us_fy, uk_fy>::value);
static_assert(!std::is_convertible_v<us_fy, uk_fy>);
static_assert(!std::is_convertible_v<uk_fy, us_fy>);
static_assert(!std::is_constructible_v<uk_fy, us_fy>);
static_assert(can_equal<us_fy, us_fy>::value && can_less<us_fy, us_fy>::value);
// A fiscal year is not built implicitly from an int, nor compared with one.
static_assert(!std::is_convertible_v<int, us_fy>);
static_assert(std::is_constructible_v<us_fy, int>);
static_assert(!can_equal<us_fy, int>::value);
static_assert(!can_add<us_fy, int>::value);
static_assert(!std::is_convertible_v<us_fy, int>);
// Nor is it a month.
static_assert(!can_equal<us_fy, bs::year_month>::value);
// Fiscal years step in years, and differ by years.
static_assert(std::is_same_v<sum_type<us_fy, bs::years>, us_fy>);
static_assert(std::is_same_v<difference_type<us_fy, us_fy>, bs::years>);
static_assert(!can_add<us_fy, bs::months>::value);
// Quarters of two calendars do not compare either.
static_assert(!can_equal<bs::fiscal_quarter<bs::us_federal>, bs::fiscal_quarter<bs::australia>>::value);
static_assert(!std::is_convertible_v<us_fy, bs::fiscal_year<bs::australia>>);

// ------------------------------------------------- PERCENT AND POINTS
// A percent and percentage points do not compare with each other.
static_assert(!can_equal<bs::percent, bs::percentage_points>::value);
static_assert(!can_equal<bs::percentage_points, bs::percent>::value);
static_assert(!can_less<bs::percent, bs::percentage_points>::value);
static_assert(!can_less<bs::percentage_points, bs::percent>::value);
static_assert(!std::is_convertible_v<bs::percent, bs::percentage_points>);
static_assert(!std::is_convertible_v<bs::percentage_points, bs::percent>);
static_assert(!std::is_convertible_v<double, bs::percent>);
static_assert(!std::is_convertible_v<double, bs::percentage_points>);
static_assert(!can_equal<bs::percent, double>::value);
// The difference of two percents is in points; a percent moves by points.
static_assert(std::is_same_v<difference_type<bs::percent, bs::percent>, bs::percentage_points>);
static_assert(std::is_same_v<sum_type<bs::percent, bs::percentage_points>, bs::percent>);
static_assert(std::is_same_v<difference_type<bs::percent, bs::percentage_points>, bs::percent>);
static_assert(!can_add<bs::percent, bs::percent>::value);
static_assert(bs::percent{12} - bs::percent{10} == bs::percentage_points{2});
// A percent change is an optional: a change from zero has no value.
static_assert(std::is_same_v<decltype(bs::percent_change(1, 2)), std::optional<double>>);

// ------------------------------------------------------------------ SUMS
static_assert(std::is_same_v<bs::monthly_series<std::int32_t>::sum_type, std::int64_t>);
static_assert(std::is_same_v<bs::monthly_series<double>::sum_type, double>);
static_assert(std::is_same_v<decltype(std::declval<bs::monthly_series<std::int32_t>>().sum(bs::year_month{},
                                                                                            bs::year_month{})),
                             std::optional<std::int64_t>>);

// --------------------------------------------------------------- VERSION
// CMakeLists.txt: project(borderstats VERSION 0.1.0); 0 * 10000 + 1 * 100 + 0 = 100
static_assert(BORDERSTATS_VERSION == 100);
static_assert(bs::version_major == 0 && bs::version_minor == 1 && bs::version_patch == 0);
}  // namespace

TEST_CASE("the public contract from the issue holds at compile time") {
    constexpr bs::year_month may19{2019, 5};
    static_assert(may19.year() == 2019 && may19.month() == 5);
    static_assert(may19 - bs::months{1} == bs::year_month{2019, 4});
    static_assert(may19 - bs::year_month{2018, 10} == bs::months{7});
    using fy = bs::fiscal_year<bs::us_federal>;
    static_assert(fy::containing(may19) == fy{2019});
    static_assert(fy{2019}.first_month() == bs::year_month{2018, 10});
    static_assert(fy{2019}.last_month() == bs::year_month{2019, 9});
    static_assert(bs::us_federal::month_number(may19) == 8);
    static_assert(bs::us_federal::quarter(may19) == 3);
    CHECK(may19.month() == 5);  // the static_asserts above are the test
}

TEST_CASE("the public contract from the issue holds at run time") {
    constexpr bs::year_month may19{2019, 5};
    // SOURCES.md: March 103,719, April 109,474, May 144,278 (June 2019 vintage)
    bs::monthly_series<std::int64_t> s{bs::year_month{2019, 3}, {103'719, 109'474, 144'278}};
    CHECK(*s.at(may19) == 144'278);
    CHECK(!s.at(bs::year_month{2019, 6}));
    // 144,278 / 109,474 - 1 = +31.8% -> 32
    CHECK(std::lround(*bs::percent_change(s[bs::year_month{2019, 4}], s[may19])) == 32);
    CHECK(!bs::percent_change(0, 5));
    CHECK(bs::streak_at_least(s, may19, 100'000) == 3);
    // 103,719 + 109,474 + 144,278 = 357,471
    CHECK(*s.sum(bs::year_month{2019, 3}, may19) == 357'471);
    CHECK(!s.sum(bs::year_month{2019, 1}, may19));
}

TEST_CASE("the version string agrees with the version numbers") {
    CHECK(std::string(bs::version_string) == "0.1.0");
    CHECK(std::string(BORDERSTATS_VERSION_STRING) == bs::version_string);
}
