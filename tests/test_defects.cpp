// Regression tests for the smaller defects of issue 12 ("Why", last item),
// each with the verdict worked out by hand: rounding above 2^48, checked_cast
// of doubles, chart ticks at the int64 maximum, fiscal-year arithmetic at the
// ends of int, the fiscal year 0000, overflow errors with their place, and
// quoted text cut in messages however long the input.
#include <doctest/doctest.h>

#include <borderstats/aggregate.hpp>
#include <borderstats/borderstats.hpp>
#include <borderstats/io/bts.hpp>
#include <borderstats/io/cbp.hpp>
#include <borderstats/io/csv.hpp>
#include <borderstats/io/fast_scan.hpp>
#include <borderstats/output/chart.hpp>

#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "data_path.hpp"

namespace bs = borderstats;
namespace io = borderstats::io;

TEST_CASE("format_number keeps whole numbers above 2 to the 48 as they are") {
    // 562949953421313 = 2^49 + 1, exactly a double; it used to print as ...314
    // (taken for the half 562949953421313.5 and rounded up).
    CHECK(bs::format_number(562949953421313.0, 0) == "562,949,953,421,313");
    CHECK(bs::round_half_away_from_zero(562949953421313.0) == 562949953421313.0);
    CHECK(bs::round_half_away_from_zero(-562949953421313.0) == -562949953421313.0);
    // 2^50 + 0.25 is a quarter, not a half: down to 2^50.
    CHECK(bs::round_half_away_from_zero(1125899906842624.25) == 1125899906842624.0);
    // A true half up there still goes away from zero: 2^47 + 0.5.
    CHECK(bs::round_half_away_from_zero(140737488355328.5) == 140737488355329.0);
    CHECK(bs::format_number(140737488355328.5, 0) == "140,737,488,355,329");
    // Below 2^44 the half window is unchanged: 0.285 (stored 0.28499999...) is a half.
    CHECK(bs::format_number(0.285, 2) == "0.29");
    CHECK(bs::format_number(1e19, 0) == "10,000,000,000,000,000,000");
}

TEST_CASE("checked_cast refuses a double that is not a whole number in range") {
    CHECK(bs::checked_cast<std::int64_t>(2.0) == 2);
    CHECK(bs::checked_cast<std::int64_t>(-3.0) == -3);
    CHECK_THROWS_AS((void)bs::checked_cast<std::int64_t>(2.7), bs::overflow_error);  // was 2
    CHECK_THROWS_AS((void)bs::checked_cast<std::int64_t>(-0.5), bs::overflow_error);
    CHECK_THROWS_AS((void)bs::checked_cast<std::uint32_t>(-1.0), bs::overflow_error);
    CHECK_THROWS_AS((void)bs::checked_cast<std::int32_t>(2147483648.0), bs::overflow_error);
    CHECK(bs::checked_cast<std::int32_t>(-2147483648.0) == INT32_MIN);
    CHECK(bs::checked_cast<std::int64_t>(-9223372036854775808.0) == INT64_MIN);
    CHECK_THROWS_AS((void)bs::checked_cast<std::int64_t>(9223372036854775808.0), bs::overflow_error);  // 2^63
    CHECK_THROWS_AS((void)bs::checked_cast<std::int64_t>(std::nan("")), bs::overflow_error);
    CHECK_THROWS_AS((void)bs::checked_cast<std::int64_t>(HUGE_VAL), bs::overflow_error);
    CHECK(bs::checked_cast<double>(2.7) == 2.7);  // floating to floating: as is
}

TEST_CASE("group_by refuses a fractional count instead of truncating it") {
    struct row {
        bs::year_month month;
        double value;
    };
    const std::vector<row> rows{{bs::year_month{2019, 5}, 2.7}};
    CHECK_THROWS_AS(bs::group_by(
                        rows, [](const row&) { return 0; }, [](const row& r) { return r.month; },
                        [](const row& r) { return r.value; }),
                    bs::overflow_error);
}

TEST_CASE("chart ticks print exactly at the int64 maximum") {
    // 9,223,372,036,854,775,807 on an axis of 5 steps of 2e18: 0 .. 1e19.
    const auto scale = bs::nice_scale(0, static_cast<double>(std::numeric_limits<std::int64_t>::max()));
    CHECK(scale.step == 2e18);
    CHECK(scale.hi == 1e19);
    CHECK(bs::format_tick(scale.hi, scale.step) == "10,000,000,000,000,000,000");  // was -9,223,372,036,854,775,808
    CHECK(bs::format_tick(2e18, scale.step) == "2,000,000,000,000,000,000");
    bs::monthly_series<std::int64_t> s{bs::year_month{2019, 1}, {std::numeric_limits<std::int64_t>::max(), 1}};
    const std::string svg = bs::render_svg<bs::us_federal>(s, bs::chart_options{});
    CHECK(svg.find("10,000,000,000,000,000,000") != std::string::npos);
    CHECK(svg.find("-9,223") == std::string::npos);
}

TEST_CASE("fiscal years at the ends of int neither wrap nor print the wrong year") {
    using us_fy = bs::fiscal_year<bs::us_federal>;
    using uk_fy = bs::fiscal_year<bs::uk>;
    // FY INT_MIN begins in October of INT_MIN - 1, which is out of range: the
    // message names that year (the subtraction used to wrap to INT_MAX).
    try {
        (void)us_fy{INT_MIN}.first_month();
        FAIL("no bad_month");
    } catch (const bs::bad_month& e) {
        CHECK(std::string(e.what()) == "year -2147483649 is out of range");
    }
    CHECK_THROWS_AS((void)us_fy{INT_MAX}.first_month(), bs::bad_month);
    // 2147483647-48: (2147483647 + 1) mod 100 is 48 (the sum used to wrap and give 52).
    CHECK(uk_fy{INT_MAX}.label() == "2147483647-48");
    CHECK(uk_fy{2019}.label() == "2019-20");
    CHECK(uk_fy{-1}.label() == "-1-00");
}

TEST_CASE("a fiscal year named 0000 is refused where text is read") {
    // FY0000 would begin in October of the year before year 0: "-0001-10".
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::us_federal>("0000"));
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::us_federal>("FY0000"));
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::us_federal>("0000 (FYTD)"));
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::uk>("0000-01"));  // the UK names it by its start: 0000
    CHECK(bs::try_parse_fiscal_year<bs::us_federal>("0000-01")->year.number() == 1);  // FY0001: October 0000
    CHECK(bs::to_string(bs::try_parse_fiscal_year<bs::us_federal>("FY0001")->year.first_month()) == "0000-10");
    const std::string cbp = "Fiscal Year,Month (abbv),Encounter Count\n2019,MAY,5\n0000,MAY,5\n";
    try {
        (void)io::load_cbp(cbp, "f.csv");
        FAIL("no parse_error");
    } catch (const bs::parse_error& e) {
        CHECK(e.line() == 3);
        CHECK(e.column() == 1);
        CHECK(e.field() == "Fiscal Year");
    }
}

namespace {
struct defects_temp_file {
    std::filesystem::path path;
    explicit defects_temp_file(const std::string& content)
        : path(unique_temp_path("test_defects")) {
        std::ofstream(path, std::ios::binary) << content;
    }
    ~defects_temp_file() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};
}  // namespace

TEST_CASE("an overflowing sum in sum_encounters names the file line and column of the count") {
    // 9e18 + 9e18 does not fit 64 bits: the second row's count (line 3, column 10).
    // Still an overflow_error, with the place in its message.
    const defects_temp_file f("Fiscal Year,Month (abbv),Encounter Count\n"
                              "2019,MAY,9000000000000000000\n"
                              "2019,MAY,9000000000000000000\n");
    try {
        (void)io::sum_encounters(f.path, io::encounter_columns{});
        FAIL("no overflow_error");
    } catch (const bs::overflow_error& e) {
        const std::string what = e.what();
        CHECK(what.rfind(f.path.string() + ":3:10: field 'Encounter Count': sum overflows a 64-bit integer", 0) == 0);
    }
}

TEST_CASE("a missing column error quotes a huge header in a few hundred bytes") {
    // One column name of 1 MB, then a real one: the error lists the names cut
    // to 60 bytes (it used to quote the whole header).
    const std::string huge(1'000'000, 'x');
    try {
        (void)io::load_cbp(huge + ",Fiscal Year\n", "big.csv");
        FAIL("no parse_error");
    } catch (const bs::parse_error& e) {
        const std::string what = e.what();
        CHECK(what.size() < 400);
        CHECK(what.rfind("big.csv:1:1: field 'Month (abbv)': expected a column 'Month (abbv)'", 0) == 0);
        CHECK(what.find("'" + std::string(60, 'x') + "...', 'Fiscal Year'") != std::string::npos);
    }
    // 2,000 columns: at most 20 names listed.
    std::string wide;
    for (int i = 0; i < 2'000; ++i) wide += "c" + std::to_string(i) + ",";
    try {
        (void)io::load_bts(wide + "Port Name\n", "wide.csv");
        FAIL("no parse_error");
    } catch (const bs::parse_error& e) {
        const std::string what = e.what();
        CHECK(what.size() < 600);
        CHECK(what.find("'c19' and 1981 more") != std::string::npos);
    }
}

TEST_CASE("a repeated column name of 1 MB is quoted cut") {
    const std::string huge(1'000'000, 'y');
    try {
        (void)io::load_cbp("Fiscal Year," + huge + "," + huge + "\n", "dup.csv");
        FAIL("no parse_error");
    } catch (const bs::parse_error& e) {
        CHECK(std::string(e.what()).size() < 400);
        CHECK(e.line() == 1);
    }
    const std::string text = huge + "," + huge + "\n";  // the reader views it
    io::csv_reader reader(text, "dup2.csv");
    io::csv_record record;
    REQUIRE(reader.next(record));
    try {
        const io::csv_header header(record, "dup2.csv");
        FAIL("no parse_error");
    } catch (const bs::parse_error& e) {
        CHECK(std::string(e.what()).size() < 400);
        CHECK(e.column() == 1'000'002);
    }
}

TEST_CASE("parse_failure describe cuts a long field name and text to 60 bytes") {
    const bs::parse_failure f{bs::text_location{"s.csv", 2, 3}, std::string(500, 'f'), std::string(500, 't'),
                              "expected a count"};
    CHECK(f.describe() == "s.csv:2:3: field '" + std::string(60, 'f') + "...': expected a count (found '" +
                              std::string(60, 't') + "...')");
}
