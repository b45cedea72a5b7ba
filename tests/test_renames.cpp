// Issue 13's renames: each renamed function through its new name, and each
// deprecated alias once, giving the same answer. The aliases stay for one
// release (0.2); this file is the only place that may call them, so the
// deprecation warning is silenced here and nowhere else.
#include <borderstats/aggregate.hpp>
#include <borderstats/calendar.hpp>
#include <borderstats/change.hpp>
#include <borderstats/fiscal.hpp>
#include <borderstats/aggregate_scan.hpp>
#include <borderstats/io/bts.hpp>
#include <borderstats/io/fast_scan.hpp>
#include <borderstats/io/fields.hpp>
#include <borderstats/releases.hpp>
#include <borderstats/series.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bs = borderstats;
using bs::year_month;

namespace {
// Southwest border apprehensions, March to May 2019 (SOURCES.md 1c, final USBP).
bs::monthly_series<std::int64_t> spring_2019() {
    return bs::monthly_series<std::int64_t>{year_month{2019, 3}, {92833, 99273, 132856}};
}

const char* const two_ports = "Port Name,State,Port Code,Border,Date,Measure,Value\n"
                              "San Ysidro,California,2504,US-Mexico Border,Mar 2018,Pedestrians,5\n"
                              "Laredo,Texas,2304,US-Mexico Border,Apr 2018,Trucks,7\n";
}  // namespace

// ------------------------------------------------------------- NEW NAMES

TEST_CASE("the months a value covers are months_range on every type") {
    const auto s = spring_2019();
    CHECK(s.months_range() == bs::month_range::inclusive(year_month{2019, 3}, year_month{2019, 5}));
    const auto t = bs::io::load_bts(two_ports, "bts.csv");
    CHECK(t.months_range() == bs::month_range::inclusive(year_month{2018, 3}, year_month{2018, 4}));
    bs::dense_group_sums<std::int64_t> d;
    d.add(0, year_month{2019, 1}, 1);
    d.add(1, year_month{2019, 4}, 1);
    CHECK(d.months_range() == bs::month_range::inclusive(year_month{2019, 1}, year_month{2019, 4}));
    CHECK(bs::fiscal_year<bs::us_federal>{2019}.months_range().size() == 12);
}

TEST_CASE("a fiscal year's number is the year it is named by and a quarter's year is a fiscal year") {
    constexpr bs::fiscal_year<bs::us_federal> fy{2019};
    static_assert(fy.number() == 2019);
    static_assert(fy.quarter(3).number() == 3);
    static_assert(fy.quarter(3).year() == fy);
    CHECK(bs::fiscal_year<bs::uk>{2019}.number() == 2019);
}

TEST_CASE("a change reports its percent change by that name") {
    // (132,856 - 99,273) / 99,273 = 33.829% (April to May 2019).
    const bs::change<std::int64_t> c{99273, 132856};
    CHECK(*c.percent_change() == doctest::Approx(33.829).epsilon(1e-4));
    CHECK(*c.rounded_percent_change(1) == doctest::Approx(33.8));
    CHECK_FALSE(bs::change<std::int64_t>{0, 5}.percent_change().has_value());
}

TEST_CASE("the non-throwing constructors from parts are try_ forms") {
    CHECK(*year_month::try_from_parts(2019, 5) == year_month{2019, 5});
    CHECK_FALSE(year_month::try_from_parts(2019, 13).has_value());
    CHECK(bs::io::civil_date::try_from_parts(2020, 2, 29).has_value());
    CHECK_FALSE(bs::io::civil_date::try_from_parts(2019, 2, 29).has_value());
}

TEST_CASE("a value is looked up by code which throws or by try_code which reports why") {
    const auto t = bs::io::load_bts(two_ports, "bts.csv");
    CHECK(t.name(bs::io::bts_dimension::port_name, t.code(bs::io::bts_dimension::port_name, "Laredo")) == "Laredo");
    bs::parse_failure why;
    CHECK_FALSE(t.try_code(bs::io::bts_dimension::port_name, "Nogales", why).has_value());
    CHECK(why.field == "Port Name");
}

TEST_CASE("every text parser has the shape try_parse_X of text and an optional why") {
    std::string_view why;
    CHECK_FALSE(bs::try_parse_year_month("2019-13", &why).has_value());
    CHECK(why == "expected a month such as '2019-05' or 'May 2019'");
    CHECK(*bs::try_parse_year_month("May 2019", &why) == year_month{2019, 5});
    CHECK_FALSE(bs::try_parse_year_month("Sept", 2019, &why).has_value());
    CHECK(why == "expected a month such as '2019-05', 'May 2019' or 'MAY'");
    CHECK(*bs::try_parse_year_month("MAY", 2019) == year_month{2019, 5});
    CHECK_FALSE(bs::try_parse_month_name("Sept", &why).has_value());
    CHECK(why == "expected a month name or three-letter abbreviation such as 'May' or 'MAY'");
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::us_federal>("FY19", &why).has_value());
    CHECK(why == "expected a fiscal year such as '2019', 'FY2019', 'FY 2019' or '2025 (FYTD)'");
    CHECK(bs::try_parse_fiscal_year<bs::us_federal>("2025 (FYTD)", &why)->incomplete);
    CHECK_FALSE(bs::publication_date::try_parse("2023-02-29", &why).has_value());
    CHECK(why == "expected a publication date YYYY-MM-DD, or YYYY-MM when only the month is known");
    CHECK_FALSE(bs::publication_date::try_parse("2023-13").has_value());
    // The throwing forms carry the same message, at line 0.
    CHECK_THROWS_WITH_AS(bs::parse_year_month("2019-13"),
                         "field 'year_month': expected a month such as '2019-05' or 'May 2019' (found '2019-13')",
                         bs::parse_error);
    CHECK_THROWS_WITH_AS(bs::parse_fiscal_year<bs::us_federal>("FY19"),
                         "field 'fiscal year': expected a fiscal year such as '2019', 'FY2019', 'FY 2019' or "
                         "'2025 (FYTD)' (found 'FY19')",
                         bs::parse_error);
    // The fast path's field parser is a try_ form too, and reads as io::try_parse_count.
    const std::string padded = std::string("1,234") + std::string(8, '\0');
    const bs::io::raw_field quoted{padded.data(), 5, true};
    CHECK(*bs::io::try_parse_count(quoted) == 1234);
    const std::string minus = std::string("-5") + std::string(8, '\0');
    CHECK_FALSE(bs::io::try_parse_count(bs::io::raw_field{minus.data(), 2, false}, &why).has_value());
    CHECK(why == bs::io::count_messages::negative);
}

TEST_CASE("the shortest reader of a series never turns a gap into zero") {
    auto s = spring_2019();
    CHECK(s[year_month{2019, 5}] == 132856);
    s.erase(year_month{2019, 4});
    const year_month april{2019, 4};
    const year_month june{2019, 6};
    CHECK_THROWS_WITH_AS((void)s[april], "no figure for 2019-04 (a gap in the series)", bs::missing_data_error);
    CHECK_THROWS_WITH_AS((void)s[june], "no figure for 2019-06 (outside the series)", bs::missing_data_error);
    CHECK_FALSE(s.at(year_month{2019, 4}).has_value());  // `at`: the figure or the gap
}

// ------------------------------------------------------ DEPRECATED ALIASES

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif

TEST_CASE("each deprecated alias still answers as its new name for one release") {
    const auto s = spring_2019();
    CHECK(s.range() == s.months_range());
    const auto t = bs::io::load_bts(two_ports, "bts.csv");
    CHECK(t.span() == t.months_range());
    CHECK(*t.find(bs::io::bts_dimension::measure, "Trucks") == t.code(bs::io::bts_dimension::measure, "Trucks"));
    bs::dense_group_sums<std::int64_t> d;
    d.add(0, year_month{2019, 1}, 1);
    CHECK(d.months_span() == d.months_range());
    constexpr bs::fiscal_year<bs::us_federal> fy{2019};
    static_assert(fy.year() == 2019);
    const bs::change<std::int64_t> c{99273, 132856};
    CHECK(*c.percent() == *c.percent_change());
    CHECK(*c.rounded_percent(0) == 34);
    CHECK(*year_month::from_parts(2019, 5) == year_month{2019, 5});
    CHECK(bs::io::civil_date::from_parts(2019, 2, 28) == bs::io::civil_date::try_from_parts(2019, 2, 28));
    // filter_code / try_filter_code: code / try_code, whose failure they describe.
    CHECK(t.filter_code(bs::io::bts_dimension::measure, "Trucks") == t.code(bs::io::bts_dimension::measure, "Trucks"));
    std::string why;
    CHECK_FALSE(t.try_filter_code(bs::io::bts_dimension::measure, "Truck", why).has_value());
    CHECK(why == "bts.csv: field 'Measure': no value 'Truck'; did you mean 'Trucks'?");
    CHECK(t.try_filter_code(bs::io::bts_dimension::measure, "Pedestrians", why).has_value());
    CHECK(why.empty());
    const std::string padded = std::string("42") + std::string(8, '\0');
    CHECK(*bs::io::parse_count(bs::io::raw_field{padded.data(), 2, false}) == 42);
    bs::io::encounter_columns columns;
    columns.dimensions = {"Land Border Region"};
    const bs::io::encounter_sums sums = bs::io::sum_encounters_text(
        "Fiscal Year,Month (abbv),Land Border Region,Encounter Count\n2020,OCT,Northern Land Border,2\n", "s.csv",
        columns);
    CHECK_FALSE(sums.try_filter_code(0, "Northern", "s.csv", "Land Border Region", why).has_value());
    CHECK(why == "s.csv: field 'Land Border Region': no value 'Northern'; did you mean 'Northern Land Border'?");
}

#if defined(__GNUC__) || defined(__clang__)
#pragma GCC diagnostic pop
#endif
