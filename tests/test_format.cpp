// Numbers as statements print them: thousands separators, signed percents
// rounded half away from zero, shares and percentage points.
#include <doctest/doctest.h>

#include <borderstats/output/format.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

namespace bs = borderstats;

TEST_CASE("format_count puts a comma every three digits") {
    CHECK(bs::format_count(144278) == "144,278");  // CBP's May 2019 total (SOURCES.md 1c)
    CHECK(bs::format_count(std::int64_t{851508}) == "851,508");
    CHECK(bs::format_count(std::int64_t{1643679}) == "1,643,679");
    CHECK(bs::format_count(0) == "0");
    CHECK(bs::format_count(7) == "7");
    CHECK(bs::format_count(999) == "999");
    CHECK(bs::format_count(1000) == "1,000");
    CHECK(bs::format_count(100000) == "100,000");
    CHECK(bs::format_count(-12000) == "-12,000");
    CHECK(bs::format_count(-999) == "-999");
    CHECK(bs::format_count(-1000) == "-1,000");
    CHECK(bs::format_count(std::int16_t{-32768}) == "-32,768");
    CHECK(bs::format_count(851508, '.') == "851.508");
    CHECK(bs::format_count(1234567, ' ') == "1 234 567");
}

TEST_CASE("format_count writes the most negative and the largest integers") {
    CHECK(bs::format_count(std::numeric_limits<std::int64_t>::min()) == "-9,223,372,036,854,775,808");
    CHECK(bs::format_count(std::numeric_limits<std::int64_t>::max()) == "9,223,372,036,854,775,807");
    CHECK(bs::format_count(std::numeric_limits<std::int32_t>::min()) == "-2,147,483,648");
    CHECK(bs::format_count(std::numeric_limits<std::int32_t>::max()) == "2,147,483,647");
    CHECK(bs::format_count(std::numeric_limits<std::uint64_t>::max()) == "18,446,744,073,709,551,615");
    CHECK(bs::format_count(std::numeric_limits<std::uint32_t>::max()) == "4,294,967,295");
}

TEST_CASE("format_number rounds half away from zero and separates thousands") {
    CHECK(bs::format_number(1234.5) == "1,235");
    CHECK(bs::format_number(1234.5, 1) == "1,234.5");
    CHECK(bs::format_number(-1234567.891, 2) == "-1,234,567.89");
    CHECK(bs::format_number(2.5) == "3");
    CHECK(bs::format_number(-2.5) == "-3");
    CHECK(bs::format_number(0.285, 2) == "0.29");
    CHECK(bs::format_number(999.96, 1) == "1,000.0");  // the carry reaches a new group
    CHECK(bs::format_number(123456789.45) == "123,456,789");
    // a value that rounds to zero has no sign
    CHECK(bs::format_number(-0.04, 1) == "0.0");
    CHECK(bs::format_number(-0.0) == "0");
    CHECK(bs::format_number(12345.678, 0, '.') == "12.346");
    CHECK(bs::format_number(std::numeric_limits<double>::quiet_NaN()) == "n/a");
    CHECK(bs::format_number(std::numeric_limits<double>::infinity()) == "n/a");
    CHECK(bs::format_number(5.0, -1) == "5");
}

TEST_CASE("format_percent shows the sign and rounds half away from zero") {
    CHECK(bs::format_percent(31.84, 1) == "+31.8%");
    CHECK(bs::format_percent(31.84) == "+32%");
    CHECK(bs::format_percent(31.85, 1) == "+31.9%");
    CHECK(bs::format_percent(31.5) == "+32%");
    CHECK(bs::format_percent(-4.0) == "-4%");
    CHECK(bs::format_percent(-0.5) == "-1%");
    CHECK(bs::format_percent(2.5) == "+3%");
    CHECK(bs::format_percent(0.0) == "0%");
    CHECK(bs::format_percent(0.285, 2) == "+0.29%");
    // a value that rounds to zero prints without a sign
    CHECK(bs::format_percent(-0.04, 1) == "0.0%");
    CHECK(bs::format_percent(0.04, 1) == "0.0%");
    CHECK(bs::format_percent(std::numeric_limits<double>::quiet_NaN()) == "n/a");
    CHECK(bs::format_percent(-std::numeric_limits<double>::infinity()) == "n/a");
}

TEST_CASE("format_percent of an empty change prints n/a or the text given") {
    CHECK(bs::format_percent(std::optional<double>{}) == "n/a");
    CHECK(bs::format_percent(std::nullopt) == "n/a");
    CHECK(bs::format_percent(std::optional<double>{}, 1, "undefined") == "undefined");
    CHECK(bs::format_percent(std::optional<double>{31.84}, 1) == "+31.8%");
    // a change from zero
    CHECK(bs::format_percent(bs::percent_change(0, 5)) == "n/a");
    // SOURCES.md: 144,278 / 109,474 - 1 = +31.8% and rounds to "32%"
    CHECK(bs::format_percent(bs::percent_change(109474, 144278)) == "+32%");
    CHECK(bs::format_percent(bs::percent_change(109474, 144278), 1) == "+31.8%");
    // 144,278 / 109,144 - 1 = +32.2%
    CHECK(bs::format_percent(bs::percent_change(109144, 144278), 1) == "+32.2%");
    // a fall: 99,273 -> 94,902 (Apr -> Jun 2019) is -4,371 / 99,273 = -4.40%
    CHECK(bs::format_percent(bs::percent_change(99273, 94902), 1) == "-4.4%");
}

TEST_CASE("format_share prints a share without a sign") {
    CHECK(bs::format_share(bs::percent{12.5}) == "12.5%");
    CHECK(bs::format_share(bs::percent{12.5}, 0) == "13%");
    CHECK(bs::format_share(bs::percent{0.0}) == "0.0%");
    // 132,856 of 144,116 (SOURCES.md 1a) = 92.187% -> "92.2%"
    CHECK(bs::format_share(*bs::share(132856, 144116)) == "92.2%");
}

TEST_CASE("format_points prints percentage points with a sign and the unit pp") {
    CHECK(bs::format_points(bs::percentage_points{2.04}, 1) == "+2.0 pp");
    CHECK(bs::format_points(bs::percentage_points{2.04}) == "+2.0 pp");
    CHECK(bs::format_points(bs::percentage_points{2.05}, 1) == "+2.1 pp");
    CHECK(bs::format_points(bs::percentage_points{-0.25}, 1) == "-0.3 pp");  // -2.5 tenths -> -3
    CHECK(bs::format_points(bs::percentage_points{-0.04}, 1) == "0.0 pp");
    CHECK(bs::format_points(bs::percent{12} - bs::percent{10}, 0) == "+2 pp");
}

TEST_CASE("format_number prints every digit of a huge figure and at most nine places") {
    // 1e300 is 1 followed by 300 zeros: 301 digits and 100 separators.
    const std::string huge = bs::format_number(1e300);
    CHECK(huge.size() == 401);
    CHECK(huge.rfind("1,000,000,", 0) == 0);
    // 1e22 is the largest power of ten a double holds exactly.
    CHECK(bs::format_number(1e22) == "10,000,000,000,000,000,000,000");
    // Places are clamped to 9, as the rounding is.
    CHECK(bs::format_number(1234.5678, 12) == "1,234.567800000");
    CHECK(bs::format_percent(31.84, 12) == "+31.840000000%");
}

#if defined(__SIZEOF_INT128__)
namespace {
// __int128 is an integral type only with GNU extensions (-std=gnu++17, what
// CMake gives consumers by default); with -std=c++17 format_count does not
// take it, and there is nothing to check.
template <typename I, typename U>
void check_most_negative_128() {
    if constexpr (std::is_integral_v<I>) {
        // -(2^127) = -170141183460469231731687303715884105728, 39 digits.
        const I most_negative = static_cast<I>(static_cast<U>(1) << 127);
        CHECK(bs::format_count(most_negative) == "-170,141,183,460,469,231,731,687,303,715,884,105,728");
    }
}
}  // namespace

TEST_CASE("format_count of a 128-bit count fits its buffer") {
    __extension__ using i128 = __int128;
    __extension__ using u128 = unsigned __int128;
    check_most_negative_128<i128, u128>();
}
#endif
