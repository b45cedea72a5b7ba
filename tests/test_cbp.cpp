// Tests for dictionary.hpp, io/fields.hpp and io/cbp.hpp. Expected figures
// come from examples/data/SOURCES.md, never from this code's output.
#include <borderstats/aggregate.hpp>
#include <borderstats/checked.hpp>
#include <borderstats/dictionary.hpp>
#include <borderstats/io/cbp.hpp>
#include <borderstats/io/fast_scan.hpp>
#include <borderstats/io/fields.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "data_path.hpp"

using namespace borderstats;
using namespace borderstats::io;

namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The parse_failure of loading `text`, which must fail.
parse_failure cbp_failure(const std::string& text) {
    parse_failure failure;
    const auto table = try_load_cbp(text, "test.csv", failure);
    REQUIRE_FALSE(table.has_value());
    return failure;
}

void check_where(const parse_failure& f, std::size_t line, std::size_t column, const std::string& field) {
    CHECK(f.where.source == "test.csv");
    CHECK(f.where.line == line);
    CHECK(f.where.column == column);
    CHECK(f.field == field);
}

std::int64_t sum_where(const cbp_table& t, cbp_dimension d, std::string_view value, int fy) {
    const dimension_code code = t.code(d, value);
    std::int64_t s = 0;
    for (const cbp_record& r : t)
        if (r[d] == code && r.fiscal_year.number() == fy) s = checked_add(s, r.count);
    return s;
}

const std::string header = "Fiscal Year,Month (abbv),State,Encounter Count\n";

}  // namespace

// ---------------------------------------------------------------- dictionary

TEST_CASE("A dictionary gives dense codes in order of first sight and the same code again") {
    dictionary d;
    CHECK(d.empty());
    const dimension_code sw = d.intern("Southwest Land Border");
    const dimension_code north = d.intern("Northern Land Border");
    CHECK(sw.value == 0);
    CHECK(north.value == 1);
    CHECK(d.intern("Southwest Land Border") == sw);
    CHECK(d.size() == 2);
    CHECK(d.name(sw) == "Southwest Land Border");
    CHECK(d.find("Northern Land Border") == north);
    CHECK_FALSE(d.find("Other").has_value());
    CHECK(d.size() == 2);  // find never adds
}

TEST_CASE("A dictionary compares bytes exactly and keeps the empty string as a value") {
    dictionary d;
    const auto upper = d.intern("TX");
    const auto lower = d.intern("tx");
    const auto padded = d.intern(" TX");
    const auto empty = d.intern("");
    CHECK(upper != lower);
    CHECK(upper != padded);
    CHECK(d.name(empty).empty());
    CHECK(d.find("") == empty);
    CHECK(d.size() == 4);
}

TEST_CASE("Views from a dictionary stay valid while it grows and after it moves") {
    dictionary d;
    const std::string_view first = d.name(d.intern("first value"));
    const std::string long_value(40000, 'x');  // longer than a quarter block
    const auto big = d.intern(long_value);
    for (int i = 0; i < 20000; ++i) d.intern("value number " + std::to_string(i));
    CHECK(d.size() == 20002);
    CHECK(first == "first value");
    CHECK(d.name(big) == long_value);
    CHECK(d.find("value number 12345")->value == 12347u);
    dictionary moved = std::move(d);
    CHECK(first == "first value");
    CHECK(moved.name(dimension_code{0}).data() == first.data());
    dictionary copy = moved;
    CHECK(copy.size() == moved.size());
    CHECK(copy.find("value number 19999") == moved.find("value number 19999"));
    CHECK(copy.name(dimension_code{0}).data() != first.data());
}

TEST_CASE("A dictionary refuses to name a code it did not hand out") {
    dictionary d;
    d.intern("a");
    CHECK_THROWS_AS((void)d.name(dimension_code{1}), borderstats::error);
    CHECK_THROWS_AS((void)d.name(dimension_code::none()), borderstats::error);
    CHECK_FALSE(dimension_code{}.valid());
}

// ------------------------------------------------------------------- counts

TEST_CASE("Counts are plain digits or digits grouped by thousands with commas") {
    CHECK(try_parse_count("0") == 0);
    CHECK(try_parse_count("45139") == 45139);
    CHECK(try_parse_count("1,234") == 1234);
    CHECK(try_parse_count("1,234,567") == 1234567);
    CHECK(try_parse_count("12,345") == 12345);
    CHECK(try_parse_count("123,456") == 123456);
    CHECK(try_parse_count("9223372036854775807") == INT64_MAX);
    CHECK(try_parse_count("9,223,372,036,854,775,807") == INT64_MAX);
}

TEST_CASE("Leading zeros are accepted in plain counts but not before a separator") {
    CHECK(try_parse_count("007") == 7);
    CHECK(try_parse_count("000") == 0);
    std::string_view why;
    CHECK_FALSE(try_parse_count("0,123", &why).has_value());
    CHECK(why == count_messages::separator);
}

TEST_CASE("Misplaced thousands separators are errors") {
    for (const char* text : {"1,23", ",123", "1,,234", "1,234,", "1234,567", "1,2345", "12,34,567"}) {
        std::string_view why;
        CAPTURE(text);
        CHECK_FALSE(try_parse_count(text, &why).has_value());
        CHECK(why == count_messages::separator);
    }
}

TEST_CASE("Signs spaces decimals exponents and empty fields are count errors with their own message") {
    std::string_view why;
    CHECK_FALSE(try_parse_count("-1", &why));
    CHECK(why == count_messages::negative);
    CHECK_FALSE(try_parse_count("+5", &why));
    CHECK(why == count_messages::sign);
    CHECK_FALSE(try_parse_count(" 7", &why));
    CHECK(why == count_messages::space);
    CHECK_FALSE(try_parse_count("7 ", &why));
    CHECK(why == count_messages::space);
    CHECK_FALSE(try_parse_count("1e3", &why));
    CHECK(why == count_messages::not_whole);
    CHECK_FALSE(try_parse_count("12.0", &why));
    CHECK(why == count_messages::not_whole);
    CHECK_FALSE(try_parse_count("n/a", &why));
    CHECK(why == count_messages::not_number);
    CHECK_FALSE(try_parse_count("", &why));
    CHECK(why == count_messages::empty);
    CHECK_FALSE(try_parse_count("1,234", &why, false));
    CHECK(why == count_messages::no_separator);
}

TEST_CASE("A count above the int64 maximum is an overflow error") {
    std::string_view why;
    CHECK_FALSE(try_parse_count("9223372036854775808", &why));
    CHECK(why == count_messages::overflow);
    CHECK_FALSE(try_parse_count("9,223,372,036,854,775,808", &why));
    CHECK(why == count_messages::overflow);
    CHECK_FALSE(try_parse_count("99999999999999999999999", &why));
    CHECK(why == count_messages::overflow);
    try {
        (void)parse_count("9223372036854775808");
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        CHECK(e.field() == "count");
        CHECK(e.text() == "9223372036854775808");
        CHECK(e.message() == count_messages::overflow);
    }
}

// ------------------------------------------------------- months and years

TEST_CASE("Month abbreviations are JAN to DEC in any case and nothing else") {
    CHECK(try_parse_month_abbreviation("JAN") == 1);
    CHECK(try_parse_month_abbreviation("oct") == 10);
    CHECK(try_parse_month_abbreviation("Sep") == 9);
    CHECK(try_parse_month_abbreviation("DEC") == 12);
    for (const char* text : {"SEPT", "September", "5", " MAY", "MAY ", "JUNE", "M"}) {
        CAPTURE(text);
        std::string_view why;
        CHECK_FALSE(try_parse_month_abbreviation(text, &why).has_value());
        CHECK(why == month_abbreviation_message);
    }
    std::string_view why;
    CHECK_FALSE(try_parse_month_abbreviation("", &why).has_value());
    CHECK(why == month_abbreviation_empty_message);
    CHECK_THROWS_AS(parse_month_abbreviation("SEPT"), parse_error);
}

TEST_CASE("CBP fiscal year labels flag the year still under way") {
    const auto complete = try_parse_cbp_fiscal_year("2024");
    REQUIRE(complete);
    CHECK(complete->year.number() == 2024);
    CHECK_FALSE(complete->incomplete);
    const auto fytd = try_parse_cbp_fiscal_year("2025 (FYTD)");
    REQUIRE(fytd);
    CHECK(fytd->year.number() == 2025);
    CHECK(fytd->incomplete);
    std::string_view why;
    CHECK_FALSE(try_parse_cbp_fiscal_year("20x5", &why));
    CHECK(why == fiscal_year_message);
    CHECK_THROWS_AS(parse_cbp_fiscal_year("next year"), parse_error);
}

TEST_CASE("Header names are normalised so original and snake_case names match") {
    CHECK(normalize_column_name("Month (abbv)") == "month_abbv");
    CHECK(normalize_column_name("AOR (Abbv)") == "aor_abbv");
    CHECK(normalize_column_name("Fiscal Year") == "fiscal_year");
    CHECK(normalize_column_name(" encounter_count ") == "encounter_count");
    CHECK(normalize_column_name("Land  Border--Region") == "land_border_region");
}

// ---------------------------------------------------------- CBP, small input

TEST_CASE("A CBP row becomes a civil month through the fiscal year with dimensions and count") {
    const std::string text = header +
                             "2020,OCT,TX,\"1,234\"\n"
                             "2020,SEP,AZ,7\n"
                             "2025 (FYTD),feb,TX,0\n";
    const cbp_table t = load_cbp(text, "test.csv");
    REQUIRE(t.size() == 3);
    CHECK(t[0].month == year_month{2019, 10});
    CHECK(t[0].fiscal_year.number() == 2020);
    CHECK_FALSE(t[0].fiscal_year_incomplete);
    CHECK(t[0].count == 1234);
    CHECK(t[0].line == 2);
    CHECK(t[1].month == year_month{2020, 9});
    CHECK(t[2].month == year_month{2025, 2});
    CHECK(t[2].fiscal_year_incomplete);
    CHECK(t.has(cbp_dimension::state));
    CHECK_FALSE(t.has(cbp_dimension::component));
    CHECK(t[0][cbp_dimension::state] == t[2][cbp_dimension::state]);
    CHECK(t.value(t[1], cbp_dimension::state) == "AZ");
    CHECK_FALSE(t[0][cbp_dimension::component].valid());
    CHECK(t.value(t[0], cbp_dimension::component).empty());
    CHECK(t.months_range() == month_range::inclusive(year_month{2019, 10}, year_month{2025, 2}));
    CHECK(t.header() == std::vector<std::string>{"Fiscal Year", "Month (abbv)", "State", "Encounter Count"});
}

TEST_CASE("CBP columns are found by name in any order and unknown columns are ignored") {
    const std::string text =
        "encounter_count,Notes,state,month_abbv,fiscal_year\n"
        "5,anything,TX,MAY,2019\n";
    const cbp_table t = load_cbp(text, "test.csv");
    REQUIRE(t.size() == 1);
    CHECK(t[0].count == 5);
    CHECK(t[0].month == year_month{2019, 5});
    CHECK(t.value(t[0], cbp_dimension::state) == "TX");
}

TEST_CASE("A negative CBP count is an error at its line column and field") {
    const auto f = cbp_failure(header + "2020,OCT,TX,5\n2020,OCT,TX,-5\n");
    check_where(f, 3, 13, "Encounter Count");
    CHECK(f.text == "-5");
    CHECK(f.message == count_messages::negative);
}

TEST_CASE("A non-numeric CBP count is an error at its line column and field") {
    const auto f = cbp_failure(header + "2020,OCT,TX,12a\n");
    check_where(f, 2, 13, "Encounter Count");
    CHECK(f.message == count_messages::not_number);
}

TEST_CASE("An empty CBP count is an error and not a zero") {
    const auto f = cbp_failure(header + "2020,OCT,TX,\n");
    check_where(f, 2, 13, "Encounter Count");
    CHECK(f.message == count_messages::empty);
}

TEST_CASE("A quoted CBP count with a misplaced separator is an error at the opening quote") {
    const auto f = cbp_failure(header + "2020,OCT,TX,\"1,23\"\n");
    check_where(f, 2, 13, "Encounter Count");
    CHECK(f.text == "1,23");
    CHECK(f.message == count_messages::separator);
}

TEST_CASE("A CBP count over the int64 maximum is an overflow error") {
    const auto f = cbp_failure(header + "2020,OCT,TX,9223372036854775808\n");
    check_where(f, 2, 13, "Encounter Count");
    CHECK(f.message == count_messages::overflow);
}

TEST_CASE("An unknown CBP month is an error at its line column and field") {
    const auto f = cbp_failure(header + "2020,SEPT,TX,5\n");
    check_where(f, 2, 6, "Month (abbv)");
    CHECK(f.text == "SEPT");
}

TEST_CASE("A bad CBP fiscal year is an error at its line column and field") {
    const auto f = cbp_failure(header + "2020,OCT,TX,5\r\n20x0,OCT,TX,5\r\n");
    check_where(f, 3, 1, "Fiscal Year");
    CHECK(f.text == "20x0");
}

TEST_CASE("A CBP error names the field as the file writes it") {
    const auto f = cbp_failure("fiscal_year,month_abbv,encounter_count\n2020,OCT,x\n");
    check_where(f, 2, 10, "encounter_count");
}

TEST_CASE("A CBP row with too few fields is an error where the missing field would start") {
    const auto f = cbp_failure(header + "2020,OCT,TX\n");
    check_where(f, 2, 12, "Encounter Count");
    CHECK(f.message.find("expected 4 fields") != std::string::npos);
    // After a quoted last field the column counts the quotes.
    const auto g = cbp_failure(header + "2020,OCT,\"T\"\"X\"\n");
    check_where(g, 2, 16, "Encounter Count");
}

TEST_CASE("A CBP row with too many fields is an error at the first extra field") {
    const auto f = cbp_failure(header + "2020,OCT,TX,5,9\n");
    check_where(f, 2, 15, "");
    CHECK(f.text.empty());  // refused as soon as the field starts, before it is read
    CHECK(f.message == "expected 4 fields as in the header, found more");
}

TEST_CASE("A CBP file without a required column is an error on the header line") {
    const auto f = cbp_failure("Fiscal Year,Month (abbv),State\n2020,OCT,TX\n");
    check_where(f, 1, 1, "Encounter Count");
    CHECK(f.message.find("'Fiscal Year', 'Month (abbv)', 'State'") != std::string::npos);
    const auto g = cbp_failure("Fiscal Year,State,Encounter Count\n");
    check_where(g, 1, 1, "Month (abbv)");
}

TEST_CASE("A CBP column given twice is an error at the second one even in another spelling") {
    const auto f = cbp_failure("Fiscal Year,Month (abbv),fiscal_year,Encounter Count\n2020,OCT,2020,1\n");
    check_where(f, 1, 26, "fiscal_year");
    CHECK(f.message.find("repeats column 1") != std::string::npos);
    const auto g = cbp_failure("Fiscal Year,Month (abbv),State,State,Encounter Count\n");
    check_where(g, 1, 32, "State");
}

TEST_CASE("An empty CBP input is an error at line 1") {
    const auto f = cbp_failure("");
    check_where(f, 1, 1, "");
}

TEST_CASE("CBP errors count lines across quoted line ends and CSV errors pass through") {
    // The line break is in a column the reader ignores: in a dimension it is an error.
    const std::string with_note = "Fiscal Year,Month (abbv),State,Encounter Count,Note\n";
    const auto f = cbp_failure(with_note + "2020,OCT,TX,5,\"a\nb\"\n2020,OCT,TX,x,n\n");
    check_where(f, 4, 13, "Encounter Count");
    const auto g = cbp_failure(header + "2020,OCT,T\"X,5\n");
    CHECK(g.where.line == 2);
    CHECK(g.where.column == 11);
}

TEST_CASE("The throwing CBP loader throws a parse_error carrying the same failure") {
    try {
        (void)load_cbp(header + "2020,OCT,TX,-5\n", "test.csv");
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        CHECK(e.source() == "test.csv");
        CHECK(e.line() == 2);
        CHECK(e.column() == 13);
        CHECK(e.field() == "Encounter Count");
        CHECK(std::string(e.what()).rfind("test.csv:2:13: field 'Encounter Count'", 0) == 0);
    }
}

TEST_CASE("A CBP reader fails again with the same failure after an error") {
    const std::string text = header + "2020,OCT,TX,-5\n2020,OCT,TX,5\n";
    cbp_reader reader{csv_reader(text, "test.csv")};
    cbp_record r;
    parse_failure first;
    CHECK(reader.try_next(r, first) == csv_status::error);
    parse_failure second;
    CHECK(reader.try_next(r, second) == csv_status::error);
    CHECK(second.where.line == first.where.line);
    CHECK(second.message == first.message);
}

TEST_CASE("A missing CBP file is a parse_error naming it at line 0") {
    parse_failure failure;
    CHECK_FALSE(try_load_cbp_file(data_file("no-such-file.csv"), failure).has_value());
    CHECK(failure.where.line == 0);
    CHECK(failure.where.source.find("no-such-file.csv") != std::string::npos);
    CHECK_THROWS_AS((void)load_cbp_file(data_file("no-such-file.csv")), parse_error);
}

// ------------------------------------------------------------ CBP, real data

TEST_CASE("The CBP state file sums to the published nationwide fiscal year totals") {
    const cbp_table t = load_cbp_file(data_file("cbp-nationwide-encounters-fy20-fy23-state.csv"));
    CHECK(t.size() == 42532);
    std::map<int, std::int64_t> by_fy;
    for (const cbp_record& r : t) by_fy[r.fiscal_year.number()] = checked_add(by_fy[r.fiscal_year.number()], r.count);
    CHECK(by_fy[2020] == 646822);
    CHECK(by_fy[2021] == 1956519);
    CHECK(by_fy[2022] == 2766582);
    CHECK(by_fy[2023] == 3201144);
    CHECK(by_fy.size() == 4);
}

TEST_CASE("The CBP state file gives the Southwest Land Border by fiscal year and month") {
    const cbp_table t = load_cbp_file(data_file("cbp-nationwide-encounters-fy20-fy23-state.csv"));
    const auto region = cbp_dimension::land_border_region;
    CHECK(sum_where(t, region, "Southwest Land Border", 2020) == 458088);
    CHECK(sum_where(t, region, "Southwest Land Border", 2021) == 1734686);
    CHECK(sum_where(t, region, "Southwest Land Border", 2022) == 2378944);
    CHECK(sum_where(t, region, "Southwest Land Border", 2023) == 2475669);
    CHECK(t.dimensions()[region].size() == 3);

    // FY2020 OCT is October 2019.
    const dimension_code sw = t.code(region, "Southwest Land Border");
    std::int64_t october_2019 = 0;
    for (const cbp_record& r : t)
        if (r[region] == sw && r.month == year_month{2019, 10}) october_2019 = checked_add(october_2019, r.count);
    CHECK(october_2019 == 45139);
}

TEST_CASE("The CBP state file gives FY2022 Southwest Texas and Title 42 in FY2021") {
    const cbp_table t = load_cbp_file(data_file("cbp-nationwide-encounters-fy20-fy23-state.csv"));
    const dimension_code sw = t.code(cbp_dimension::land_border_region, "Southwest Land Border");
    const dimension_code tx = t.code(cbp_dimension::state, "TX");
    std::int64_t texas = 0;
    for (const cbp_record& r : t)
        if (r[cbp_dimension::land_border_region] == sw && r[cbp_dimension::state] == tx && r.fiscal_year.number() == 2022)
            texas = checked_add(texas, r.count);
    CHECK(texas == 1333161);
    CHECK(sum_where(t, cbp_dimension::title_of_authority, "Title 42", 2021) == 1071075);
    // A quoted value with a comma is one value.
    CHECK(t.code(cbp_dimension::citizenship, "CHINA, PEOPLES REPUBLIC OF").valid());
    CHECK(t.dimensions()[cbp_dimension::citizenship].size() == 22);
    CHECK(t.dimensions()[cbp_dimension::state].size() == 48);
}

TEST_CASE("The CBP Southwest file splits FY2024 by component and flags FY2025 as incomplete") {
    const cbp_table t = load_cbp_file(data_file("sbo-encounters-fy22-fy25-aug.csv"));
    CHECK(t.size() == 1936);
    CHECK(t.has(cbp_dimension::component));
    CHECK(t.has(cbp_dimension::month_grouping));
    CHECK(t.has(cbp_dimension::encounter_type));
    CHECK_FALSE(t.has(cbp_dimension::state));
    const auto component = cbp_dimension::component;
    CHECK(sum_where(t, component, "U.S. Border Patrol", 2024) == 1530523);
    CHECK(sum_where(t, component, "Office of Field Operations", 2024) == 604482);
    CHECK(sum_where(t, component, "U.S. Border Patrol", 2022) == 2206436);
    std::map<int, std::int64_t> by_fy;
    bool fy2025_all_incomplete = true;
    bool others_complete = true;
    year_month last{};
    for (const cbp_record& r : t) {
        by_fy[r.fiscal_year.number()] = checked_add(by_fy[r.fiscal_year.number()], r.count);
        if (r.fiscal_year.number() == 2025) {
            fy2025_all_incomplete = fy2025_all_incomplete && r.fiscal_year_incomplete;
            if (r.month > last) last = r.month;
        } else {
            others_complete = others_complete && !r.fiscal_year_incomplete;
        }
    }
    CHECK(by_fy[2022] == 2378944);
    CHECK(by_fy[2023] == 2475669);
    CHECK(by_fy[2024] == 2135005);
    CHECK(by_fy[2025] == 432059);
    CHECK(fy2025_all_incomplete);
    CHECK(others_complete);
    CHECK(last == year_month{2025, 8});
}

TEST_CASE("A snake_case republication of a CBP file reads the same as the original") {
    std::string text = read_all(data_file("sbo-encounters-fy22-fy25-aug.csv"));
    const std::size_t eol = text.find('\n');
    text.replace(0, eol,
                 "fiscal_year,month_grouping,month_abbv,component,demographic,citizenship_grouping,"
                 "title_of_authority,encounter_type,encounter_count\r");
    const cbp_table snake = load_cbp(text, "snake.csv");
    const cbp_table original = load_cbp_file(data_file("sbo-encounters-fy22-fy25-aug.csv"));
    REQUIRE(snake.size() == original.size());
    bool same = true;
    for (std::size_t i = 0; i < snake.size(); ++i)
        same = same && snake[i].month == original[i].month && snake[i].count == original[i].count &&
               snake[i].dimensions == original[i].dimensions;
    CHECK(same);
}

TEST_CASE("Streaming a CBP file gives the records of the loaded table without holding the file") {
    const std::string path = data_file("cbp-nationwide-encounters-fy20-fy23-state.csv");
    std::int64_t total = 0;
    std::size_t rows = 0;
    std::int64_t southwest_fy2021 = 0;
    const cbp_dimensions dims = for_each_cbp_record(path, [&](const cbp_record& r, const cbp_dimensions& d) {
        total = checked_add(total, r.count);
        ++rows;
        if (r.fiscal_year.number() == 2021 &&
            d.name(cbp_dimension::land_border_region, r[cbp_dimension::land_border_region]) == "Southwest Land Border")
            southwest_fy2021 = checked_add(southwest_fy2021, r.count);
    });
    CHECK(rows == 42532);
    CHECK(total == 646822 + 1956519 + 2766582 + 3201144);
    CHECK(southwest_fy2021 == 1734686);
    CHECK(dims.has(cbp_dimension::state));
    CHECK(dims[cbp_dimension::state].size() == 48);

    // The one-argument callback form, over a stream.
    std::ifstream in(path, std::ios::binary);
    std::int64_t again = 0;
    for_each_cbp_record(in, path, [&](const cbp_record& r) { again = checked_add(again, r.count); });
    CHECK(again == total);
}

TEST_CASE("Streaming a malformed CBP file delivers the rows before the error and then throws") {
    const std::string text = header + "2020,OCT,TX,5\n2020,NOV,TX,6\n2020,DEC,TX,x\n";
    std::istringstream in(text);
    std::int64_t seen = 0;
    try {
        for_each_cbp_record(in, "test.csv", [&](const cbp_record& r) { seen += r.count; });
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        CHECK(e.line() == 4);
        CHECK(e.column() == 13);
        CHECK(e.field() == "Encounter Count");
    }
    CHECK(seen == 11);
}

// ------------------------------------------------------- missing months

namespace {

// The bundled state file without any FY2021 March row (issue 12's case).
std::string state_file_without_march_2021() {
    std::istringstream in(read_all(data_file("cbp-nationwide-encounters-fy20-fy23-state.csv")));
    std::string out;
    std::string line;
    std::size_t dropped = 0;
    while (std::getline(in, line)) {
        if (line.rfind("2021,", 0) == 0 && line.find(",MAR,") != std::string::npos) {
            ++dropped;
            continue;
        }
        out += line + "\n";
    }
    REQUIRE(dropped > 0);
    return out;
}

struct scratch_file {
    std::filesystem::path path;
    explicit scratch_file(const std::string& content) : path(unique_temp_path("test_cbp")) {
        std::ofstream(path, std::ios::binary) << content;
    }
    ~scratch_file() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

using us_fy = ::borderstats::fiscal_year<us_federal>;

void check_march_2021_is_a_gap(const monthly_series<std::int64_t>& s) {
    CHECK(s.months_range() == month_range::inclusive({2019, 10}, {2023, 9}));
    CHECK_FALSE(s.at({2021, 3}).has_value());
    CHECK_FALSE(s.fiscal_year_total(us_fy{2021}).has_value());
    CHECK(*s.fiscal_year_total(us_fy{2020}) == 646'822);  // SOURCES.md
    CHECK(*s.fiscal_year_total(us_fy{2022}) == 2'766'582);
    const auto years = s.by_fiscal_year<us_federal>();
    REQUIRE(years.size() == 4);
    CHECK(years[1].period == us_fy{2021});
    CHECK_FALSE(years[1].complete());
    CHECK(years[1].months_reported == 11);
}

}  // namespace

TEST_CASE("A CBP file without any row for a month reads that month as a gap and not as zero") {
    const std::string text = state_file_without_march_2021();
    const cbp_table t = load_cbp(text, "no-march.csv");
    const auto month = [](const cbp_record& r) { return r.month; };
    const auto count = [](const cbp_record& r) { return r.count; };

    SUBCASE("the nationwide total under absent_rows::zero") {
        check_march_2021_is_a_gap(total_by_month(t, month, count, keep_all{}, absent_rows::zero));
    }
    SUBCASE("a group-by by region under absent_rows::zero") {
        const auto by_region = group_by(
            t, [](const cbp_record& r) { return r[cbp_dimension::land_border_region]; }, month, count, keep_all{},
            absent_rows::zero);
        const auto sw = by_region.at(t.code(cbp_dimension::land_border_region, "Southwest Land Border"));
        CHECK_FALSE(sw.at({2021, 3}).has_value());
        CHECK_FALSE(sw.fiscal_year_total(us_fy{2021}).has_value());
        CHECK(*sw.fiscal_year_total(us_fy{2020}) == 458'088);  // SOURCES.md
        CHECK(*sw.at({2021, 4}) == 178'795);
    }
    SUBCASE("the fast path's sums under absent_rows::zero") {
        const scratch_file f(text);
        encounter_columns cols;
        cols.dimensions = {"Land Border Region"};
        const encounter_sums sums = sum_encounters(f.path, cols);
        check_march_2021_is_a_gap(sums.total_by_month([](const std::uint32_t*) { return true; }, absent_rows::zero));
        CHECK_FALSE(sums.sums().covers({2021, 3}));
        CHECK(sums.sums().covers({2021, 4}));
        CHECK_FALSE(sums.sums().total(absent_rows::zero).at({2021, 3}).has_value());
        CHECK_FALSE(sums.sums().series(0, absent_rows::zero).at({2021, 3}).has_value());
        // A region with no row in some covered month reads 0 there; a filter
        // keeping nothing gives no series, as total_by_month over the table.
        const auto other = *sums.find(0, "Other");
        const auto kept_other = sums.total_by_month([&](const std::uint32_t* c) { return c[0] == other; }, absent_rows::zero);
        CHECK(kept_other.months_range() == month_range::inclusive({2019, 10}, {2023, 9}));
        CHECK_FALSE(kept_other.at({2021, 3}).has_value());
        CHECK(sums.total_by_month([](const std::uint32_t*) { return false; }, absent_rows::zero).empty());
        CHECK(total_by_month(t, month, count, [](const cbp_record&) { return false; }, absent_rows::zero).empty());
    }
    SUBCASE("only the rule that names it reads the missing month as zero") {
        const auto s = total_by_month(t, month, count, keep_all{}, absent_rows::zero_every_month);
        CHECK(*s.at({2021, 3}) == 0);
    }
}

TEST_CASE("The whole CBP state file has March 2021 and reads the published fiscal year 2021") {
    const cbp_table t = load_cbp_file(data_file("cbp-nationwide-encounters-fy20-fy23-state.csv"));
    const auto s = total_by_month(
        t, [](const cbp_record& r) { return r.month; }, [](const cbp_record& r) { return r.count; }, keep_all{},
        absent_rows::zero);
    CHECK(*s.fiscal_year_total(us_fy{2021}) == 1'956'519);  // SOURCES.md
}

TEST_CASE("A CBP group with no row in a month other rows cover reads zero there") {
    // Hand-made: Texas has rows in October and December, California only in
    // November; every month has some row, so absent cells are zeros.
    const std::string text = header + "2020,OCT,TX,5\n2020,NOV,CA,7\n2020,DEC,TX,2\n";
    const cbp_table t = load_cbp(text, "test.csv");
    const auto ca = t.code(cbp_dimension::state, "CA");
    const auto s = total_by_month(
        t, [](const cbp_record& r) { return r.month; }, [](const cbp_record& r) { return r.count; },
        [&](const cbp_record& r) { return r[cbp_dimension::state] == ca; }, absent_rows::zero);
    CHECK(s.months_range() == month_range::inclusive({2019, 10}, {2019, 12}));
    CHECK(*s.at({2019, 10}) == 0);
    CHECK(*s.at({2019, 11}) == 7);
    CHECK(*s.at({2019, 12}) == 0);
}

// ------------------------------------------- issue 12: dimensions and filters

namespace {
const std::string region_header = "Fiscal Year,Month (abbv),Land Border Region,Encounter Count\n";
// Southwest written three ways, on lines 2 to 4; Northern on line 5.
const std::string three_spellings = region_header + "2020,OCT,Southwest Land Border,5\n2020,OCT,Southwest Land Border ,7\n"
                                                    "2020,NOV,southwest land border,1\n2020,NOV,Northern Land Border,2\n";
const std::string near_tail =
    "; these are different values to borderstats: name the one you mean exactly, or fix the file";
}  // namespace

TEST_CASE("A CBP region lookup is an error listing the values that differ from it only by case or spaces") {
    const cbp_table t = load_cbp(three_spellings, "test.csv");
    parse_failure why;
    CHECK_FALSE(t.try_code(cbp_dimension::land_border_region, "Southwest Land Border", why).has_value());
    CHECK(why.describe() ==
          "test.csv: filtering Land Border Region by 'Southwest Land Border' would leave out rows whose value "
          "differs from it only in case or surrounding spaces: 'Southwest Land Border ' (line 3), "
          "'southwest land border' (line 4)" + near_tail);
    CHECK_FALSE(t.try_code(cbp_dimension::land_border_region, " SOUTHWEST LAND BORDER", why).has_value());
    CHECK(why.describe() ==
          "test.csv: no row has Land Border Region ' SOUTHWEST LAND BORDER' exactly, but rows have values that "
          "differ from it only in case or surrounding spaces: 'Southwest Land Border' (line 2), "
          "'Southwest Land Border ' (line 3), 'southwest land border' (line 4)" + near_tail);
    CHECK_FALSE(t.try_code(cbp_dimension::land_border_region, "Other", why).has_value());
    CHECK(why.describe() == "test.csv: field 'Land Border Region': no value 'Other'; its values are "
                            "'Southwest Land Border', 'Southwest Land Border ', 'southwest land border' and "
                            "'Northern Land Border'");
    CHECK_THROWS_AS(t.code(cbp_dimension::land_border_region, "Southwest Land Border"), lookup_error);
    const auto north = t.try_code(cbp_dimension::land_border_region, "Northern Land Border", why);
    REQUIRE(north.has_value());
    CHECK(t.name(cbp_dimension::land_border_region, *north) == "Northern Land Border");
}

TEST_CASE("The fast path's lookup refuses values near the one named as the table does") {
    const scratch_file f(three_spellings);
    encounter_columns cols;
    cols.dimensions = {"Land Border Region"};
    const encounter_sums sums = sum_encounters(f.path, cols);
    parse_failure why;
    CHECK_FALSE(sums.try_code(0, "Southwest Land Border", "test.csv", "Land Border Region", why).has_value());
    CHECK(why.describe() ==
          "test.csv: filtering Land Border Region by 'Southwest Land Border' would leave out rows whose value "
          "differs from it only in case or surrounding spaces: 'Southwest Land Border ', "
          "'southwest land border'" + near_tail);
    CHECK_THROWS_WITH_AS(sums.code(0, "Northen Land Border", "test.csv", "Land Border Region"),
                         "test.csv: field 'Land Border Region': no value 'Northen Land Border'; did you mean "
                         "'Northern Land Border'?",
                         lookup_error);
    const auto north = sums.try_code(0, "Northern Land Border", "test.csv", "Land Border Region", why);
    REQUIRE(north.has_value());
    CHECK(sums.values(0).name(dimension_code{*north}) == "Northern Land Border");
}

TEST_CASE("An empty or blank CBP dimension is an error at its line and column in both paths") {
    const std::string text = region_header + "2020,OCT,Southwest Land Border,5\n2020,NOV,,7\n";
    const auto f = cbp_failure(text);
    CHECK(parse_error(f).what() == std::string("test.csv:3:10: field 'Land Border Region': empty; expected a value: "
                                               "every row names its group in this column"));
    const auto blank = cbp_failure(region_header + "2020,NOV, ,7\n");
    check_where(blank, 2, 10, "Land Border Region");
    CHECK(blank.message == "expected a value, found only spaces");
    const scratch_file file(text);
    encounter_columns cols;
    cols.dimensions = {"Land Border Region"};
    try {
        (void)sum_encounters(file.path, cols);
        FAIL("an empty dimension was summed");
    } catch (const parse_error& e) {
        CHECK(e.line() == 3);
        CHECK(e.column() == 10);
        CHECK(e.field() == "Land Border Region");
        CHECK(e.message() == dimension_messages::empty);
    }
}

TEST_CASE("A CBP dimension holding a line break is an error at its opening quote") {
    const auto f = cbp_failure(region_header + "2020,OCT,\"Southwest\nLand Border\",5\n");
    check_where(f, 2, 10, "Land Border Region");
    CHECK(f.message == dimension_messages::line_break);
}

TEST_CASE("An empty CBP month or fiscal year says it is empty") {
    const auto month = cbp_failure(header + "2020,,TX,5\n");
    CHECK(parse_error(month).what() ==
          std::string("test.csv:2:6: field 'Month (abbv)': empty; expected a three-letter month abbreviation JAN..DEC"));
    const auto year = cbp_failure(header + ",OCT,TX,5\n");
    CHECK(parse_error(year).what() ==
          std::string("test.csv:2:1: field 'Fiscal Year': empty; expected a fiscal year such as 2019, FY2019 or 2025 (FYTD)"));
}

TEST_CASE("CBP fiscal years 0001 and 9999 with 20000 citizenships are refused at the row that widens the span") {
    // Before: the group x month store asked for about 21 GB (20,000 groups x
    // 120,000 months). Now the row of FY9999 is refused in both paths.
    std::string text = "Fiscal Year,Month (abbv),Citizenship,Encounter Count\n";
    for (int i = 0; i < 20'000; ++i) text += "0001,OCT,C" + std::to_string(i) + ",1\n";
    text += "9999,SEP,C0,1\n";
    const std::string message =
        "expected the file's months to span at most 1200 months (100 years), but 9999-09 and 0000-10, seen earlier, "
        "span 119988";
    parse_failure failure;
    REQUIRE_FALSE(try_load_cbp(text, "test.csv", failure).has_value());
    check_where(failure, 20'002, 1, "Fiscal Year");
    CHECK(failure.message == message);
    const scratch_file file(text);
    encounter_columns cols;
    cols.dimensions = {"Citizenship"};
    try {
        (void)sum_encounters(file.path, cols);
        FAIL("the span was accepted");
    } catch (const parse_error& e) {
        CHECK(e.line() == 20'002);
        CHECK(e.column() == 1);
        CHECK(e.message() == message);
    }
}

TEST_CASE("CBP rows spanning exactly 1200 months are read and one month more is refused") {
    const std::string ok = header + "2000,OCT,TX,1\n2099,SEP,TX,2\n";  // October 1999 to September 2099
    CHECK(load_cbp(ok, "test.csv").months_range().size() == 1200);
    const auto f = cbp_failure(ok + "2100,OCT,TX,3\n");
    check_where(f, 4, 1, "Fiscal Year");
    CHECK(f.message == "expected the file's months to span at most 1200 months (100 years), but 2099-10 and 1999-10, "
                       "seen earlier, span 1201");
}

TEST_CASE("The fast path refuses the same row for the span with two threads as with one") {
    // 1.5 MiB, so threads are used; the first half names FY1950, the second
    // FY2100: each range of two threads spans one month, together 1,801.
    std::string text = header;
    std::size_t line = 1;
    while (text.size() < (std::size_t{3} << 18)) {
        text += "1950,OCT,TX,1\n";
        ++line;
    }
    std::size_t first_late = 0;
    while (text.size() < (std::size_t{3} << 19)) {
        text += "2100,OCT,TX,1\n";
        if (first_late == 0) first_late = line + 1;
        ++line;
    }
    const scratch_file file(text);
    encounter_columns cols;
    cols.dimensions = {"State"};
    for (unsigned threads : {1u, 2u, 3u}) {
        CAPTURE(threads);
        try {
            (void)sum_encounters(file.path, cols, threads, 4096);
            FAIL("the span was accepted");
        } catch (const parse_error& e) {
            CHECK(e.line() == first_late);
            CHECK(e.column() == 1);
            CHECK(e.message() == "expected the file's months to span at most 1200 months (100 years), but 2099-10 "
                                 "and 1949-10, seen earlier, span 1801");
        }
    }
}

// Issue: a nationwide file without a "Land Border Region" column was read as
// CBP's Southwest cut, so a Southwest filter took the nationwide total. Only
// the Southwest release's own columns are evidence of that cut.
TEST_CASE("Only the columns of the Southwest Land Border Encounters release imply the Southwest region") {
    constexpr auto region = cbp_dimension::land_border_region;
    const cbp_table sbo = load_cbp_file(data_file("sbo-encounters-fy22-fy25-aug.csv"));
    CHECK(cbp_is_southwest_release(sbo.dimensions()));
    REQUIRE(cbp_implied_value(sbo.dimensions(), region).has_value());
    CHECK(*cbp_implied_value(sbo.dimensions(), region) == "Southwest Land Border");
    CHECK_FALSE(cbp_implied_value(sbo.dimensions(), cbp_dimension::state).has_value());

    // The real FY2022-FY2025 nationwide file with its region column renamed
    // "Region": no evidence, nothing implied (it would have given FY2023
    // 3,201,144, the nationwide total, for the Southwest's 2,475,669).
    std::string text = read_all(data_file("cbp-nationwide-encounters-fy22-fy25-state.csv"));
    const std::string named = "Land Border Region";
    REQUIRE(text.find(named) < 100);
    text.replace(text.find(named), named.size(), "Region");
    const cbp_table renamed = load_cbp(text, "renamed.csv");
    CHECK_FALSE(cbp_is_southwest_release(renamed.dimensions()));
    CHECK_FALSE(cbp_implied_value(renamed.dimensions(), region).has_value());
    CHECK(cbp_unknown_region_message("renamed.csv") ==
          "renamed.csv: no 'Land Border Region' column, and its columns are not those of CBP's Southwest Land "
          "Border Encounters file (Fiscal Year, Month Grouping, Month (abbv), Component, Demographic, Citizenship "
          "Grouping, Title of Authority, Encounter Type, Encounter Count), so which region its rows are in is not "
          "known; if a column holds the region under another name, rename it 'Land Border Region'");

    // The file with the column keeps it: nothing implied either.
    const cbp_table nationwide = load_cbp(read_all(data_file("cbp-nationwide-encounters-fy22-fy25-state.csv")), "n.csv");
    CHECK_FALSE(cbp_implied_value(nationwide.dimensions(), region).has_value());
    CHECK(sum_where(nationwide, region, "Southwest Land Border", 2023) == 2475669);

    // The Southwest release with one column dropped or one added is no longer
    // its known header: no evidence.
    const std::string sw_header = "Fiscal Year,Month Grouping,Month (abbv),Component,Demographic,Citizenship Grouping,"
                                  "Title of Authority,Encounter Type,Encounter Count\n";
    const std::string row = "2024,FYTD,DEC,U.S. Border Patrol,Single Adults,Mexico,Title 8,Apprehensions,7\n";
    CHECK(cbp_is_southwest_release(load_cbp(sw_header + row).dimensions()));
    CHECK(cbp_is_southwest_release(load_cbp("Notes," + sw_header.substr(0, sw_header.size() - 1) + ",Source\nx," +
                                            row.substr(0, row.size() - 1) + ",CBP\n")
                                       .dimensions()));  // unmapped columns prove nothing either way
    CHECK_FALSE(cbp_is_southwest_release(
        load_cbp("Fiscal Year,Month Grouping,Month (abbv),Component,Demographic,Title of Authority,Encounter Type,"
                 "Encounter Count\n2024,FYTD,DEC,U.S. Border Patrol,Single Adults,Title 8,Apprehensions,7\n")
            .dimensions()));
    CHECK_FALSE(cbp_is_southwest_release(
        load_cbp("Fiscal Year,Month Grouping,Month (abbv),Component,State,Demographic,Citizenship Grouping,"
                 "Title of Authority,Encounter Type,Encounter Count\n"
                 "2024,FYTD,DEC,U.S. Border Patrol,TX,Single Adults,Mexico,Title 8,Apprehensions,7\n")
            .dimensions()));
}

// Issue: repeated rows were added silently (December 600 for a row of 300
// written twice; a file with its FY2025 rows stacked twice doubled FY2025).
TEST_CASE("A CBP row that repeats the month and every value of an earlier row is an error at the later row") {
    const std::string head = "Fiscal Year,Month Grouping,Month (abbv),Land Border Region,State,Demographic,Citizenship,"
                             "Title of Authority,Encounter Count\n";
    const std::string dec = "2024,FYTD,DEC,Southwest Land Border,TX,Single Adults,MEXICO,Title 8,300\n";
    const std::string text = head + "2024,FYTD,OCT,Southwest Land Border,TX,Single Adults,MEXICO,Title 8,100\n" +
                             "2024,FYTD,NOV,Southwest Land Border,TX,Single Adults,MEXICO,Title 8,200\n" + dec + dec;
    const std::string message = "repeats the month and every other value of line 4 (all but the count): a file has "
                                "one row per month and group, so adding both would count that group twice; remove "
                                "the repeated row";
    const parse_failure f = cbp_failure(text);
    check_where(f, 5, 1, "");
    CHECK(f.message == message);
    CHECK(f.describe() == "test.csv:5:1: " + message);
    // The stream, as cbp_report reads, stops at the same row; the rows before
    // it have been delivered.
    std::istringstream in(text);
    std::int64_t seen = 0;
    parse_failure g;
    CHECK_FALSE(try_for_each_cbp_record(in, "test.csv", [&](const cbp_record& r) { seen += r.count; }, g).has_value());
    CHECK(seen == 600);
    CHECK(g.describe() == "test.csv:5:1: " + message);

    // Another count is still the same group; "2024 (FYTD)" is the same month
    // as "2024"; a Month Grouping that differs makes another group.
    CHECK(cbp_failure(text.substr(0, text.size() - 4) + "7\n").message == message);
    CHECK(cbp_failure(head + dec + "2024 (FYTD),FYTD,DEC,Southwest Land Border,TX,Single Adults,MEXICO,Title 8,9\n")
              .message.find("line 2 ") != std::string::npos);
    const cbp_table t = load_cbp(head + dec + "2024,Remaining,DEC,Southwest Land Border,TX,Single Adults,MEXICO,Title 8,9\n");
    CHECK(t.size() == 2);
}

TEST_CASE("The real FY2022-FY2025 file with its FY2025 rows appended again is refused at the first appended row") {
    const std::string text = read_all(data_file("cbp-nationwide-encounters-fy22-fy25-state.csv"));
    // The data rows of FY2025 (CRLF lines), and the line of the first one.
    std::string fy2025;
    std::size_t first_line = 0;
    std::size_t line = 1;
    std::size_t data_rows = 0;
    for (std::size_t at = text.find('\n') + 1; at < text.size(); ++line) {
        const std::size_t end = text.find('\n', at) + 1;
        ++data_rows;
        if (text.compare(at, 5, "2025,") == 0) {
            if (first_line == 0) first_line = line + 1;
            fy2025 += text.substr(at, end - at);
        }
        at = end;
    }
    REQUIRE(data_rows == 47100);  // SOURCES.md 2b2
    REQUIRE(first_line > 2);
    parse_failure f;
    CHECK_FALSE(try_load_cbp(text + fy2025, "stacked.csv", f).has_value());
    CHECK(f.where.line == 47100 + 2);  // the header, the 47,100 rows, then the first appended one
    CHECK(f.where.column == 1);
    CHECK(f.message.rfind("repeats the month and every other value of line " + std::to_string(first_line) + " (", 0) == 0);
    // The file as published has no repeated row.
    CHECK(load_cbp(text).size() == 47100);
}

TEST_CASE("The fast path sums repeated rows since it reads only the columns it is given") {
    // Documented in aggregate_scan.hpp: a repeat cannot be told from two parts
    // of one group when columns are left unread. 300 + 300 here.
    const std::string text = "Fiscal Year,Month (abbv),Land Border Region,Encounter Count\n"
                             "2024,DEC,Southwest Land Border,300\n2024,DEC,Southwest Land Border,300\n";
    encounter_columns cols;
    cols.dimensions = {"Land Border Region"};
    const encounter_sums sums = sum_encounters_text(text, "test.csv", cols, 1);
    CHECK(sums.total_by_month([](const std::uint32_t*) { return true; }).at(year_month{2023, 12}) == 600);
    CHECK(cbp_failure(text).where.line == 3);
}
