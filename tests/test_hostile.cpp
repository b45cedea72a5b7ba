// Hostile input: files and texts that are wrong on purpose, each with the
// precise error it must give (line, column, field, a fragment of the message)
// or the precisely defined result it must have. Also the limits of exact
// arithmetic: sums that would wrap at int32 and int64, and percent changes
// that would be inf or NaN.
//
// Only public APIs. Nothing here measures time or memory: the 10 MB line and
// the 100,000 columns check that the result is the defined one.
#include <borderstats/aggregate.hpp>
#include <borderstats/calendar.hpp>
#include <borderstats/change.hpp>
#include <borderstats/checked.hpp>
#include <borderstats/error.hpp>
#include <borderstats/fiscal.hpp>
#include <borderstats/io/bts.hpp>
#include <borderstats/io/cbp.hpp>
#include <borderstats/io/csv.hpp>
#include <borderstats/io/fields.hpp>
#include <borderstats/io/vintages.hpp>
#include <borderstats/series.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "data_path.hpp"

namespace bs = borderstats;
using bs::parse_error;
using bs::year_month;
using namespace borderstats::io;

namespace {

std::vector<std::vector<std::string>> read_all(std::string_view text) {
    csv_reader reader(text, "<hostile>");
    csv_record record;
    std::vector<std::vector<std::string>> out;
    while (reader.next(record)) {
        std::vector<std::string> fields;
        for (std::size_t i = 0; i < record.size(); ++i) fields.emplace_back(record[i]);
        out.push_back(std::move(fields));
    }
    return out;
}

std::vector<std::vector<std::string>> read_all_streamed(std::string_view text, std::size_t chunk) {
    std::istringstream in{std::string(text)};
    csv_stream_reader reader(in, "<hostile>", {}, chunk);
    csv_record record;
    std::vector<std::vector<std::string>> out;
    while (reader.next(record)) {
        std::vector<std::string> fields;
        for (std::size_t i = 0; i < record.size(); ++i) fields.emplace_back(record[i]);
        out.push_back(std::move(fields));
    }
    return out;
}

// The failure reading `text` gives, through both readers (they must agree);
// fails the test when the text reads without error.
bs::parse_failure failure_of(std::string_view text) {
    bs::parse_failure from_buffer;
    bs::parse_failure from_stream;
    bool buffer_failed = false;
    bool stream_failed = false;
    try {
        (void)read_all(text);
    } catch (const parse_error& e) {
        buffer_failed = true;
        from_buffer = e.failure();
    }
    try {
        (void)read_all_streamed(text, 3);
    } catch (const parse_error& e) {
        stream_failed = true;
        from_stream = e.failure();
    }
    REQUIRE(buffer_failed);
    REQUIRE(stream_failed);
    CHECK(from_stream.where.line == from_buffer.where.line);
    CHECK(from_stream.where.column == from_buffer.where.column);
    CHECK(from_stream.message == from_buffer.message);
    CHECK(from_stream.text == from_buffer.text);
    CHECK(from_buffer.where.source == "<hostile>");
    return from_buffer;
}

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

// ===================================================================== CSV

TEST_CASE("hostile CSV an empty file holds no record") {
    CHECK(read_all("").empty());
    CHECK(read_all_streamed("", 1).empty());
}

TEST_CASE("hostile CSV a file of blank lines and a lone BOM holds no record") {
    CHECK(read_all("\n\r\n\r\n\n").empty());
    CHECK(read_all("\xEF\xBB\xBF").empty());
    CHECK(read_all_streamed("\xEF\xBB\xBF\r\n", 1).empty());
}

TEST_CASE("hostile CSV a header-only file is one record whose names the header finds") {
    const auto records = read_all("Fiscal Year,Month (abbv),Encounter Count\r\n");
    REQUIRE(records.size() == 1);
    csv_reader reader("Fiscal Year,Month (abbv),Encounter Count\r\n", "<hostile>");
    csv_record first;
    REQUIRE(reader.next(first));
    const csv_header header(first, "<hostile>");
    CHECK(header.size() == 3);
    CHECK(header.find("Encounter Count") == std::optional<std::size_t>{2});
    csv_record none;
    CHECK_FALSE(reader.next(none));
}

TEST_CASE("hostile CSV a missing required column is not found by exact or case-free lookup") {
    csv_reader reader("Fiscal Year,Month (abbv),Count\n", "<hostile>");
    csv_record first;
    REQUIRE(reader.next(first));
    const csv_header header(first, "<hostile>");
    CHECK_FALSE(header.find("Encounter Count").has_value());
    CHECK_FALSE(header.find_case_insensitive("encounter count").has_value());
}

TEST_CASE("hostile CSV a duplicate column is an error at the duplicate with its name") {
    csv_reader reader("state,count,State ,  count\n", "<hostile>");
    csv_record first;
    REQUIRE(reader.next(first));
    try {
        const csv_header header(first, "<hostile>");
        FAIL("a duplicate column name was accepted");
    } catch (const parse_error& e) {
        CHECK(e.line() == 1);
        CHECK(e.column() == 20);  // "  count" starts at byte 20; names compare trimmed
        CHECK(e.field() == "count");
        CHECK(contains(e.message(), "repeats column 2"));
    }
}

TEST_CASE("hostile CSV an unbalanced quote at the end of the file is reported where it opened") {
    const auto f = failure_of("a,b\n1,\"2\n3,4\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 3);
    CHECK(contains(f.message, "expected a closing quote"));
    CHECK(contains(f.message, "end of the input"));
    CHECK(f.text == "\"2\n3,4\n");
}

TEST_CASE("hostile CSV a file that ends inside a quoted field without a line end fails at the quote") {
    const auto f = failure_of("a,b\r\nx,\"abc");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 3);
    CHECK(contains(f.message, "closing quote"));
    CHECK(f.text == "\"abc");
}

TEST_CASE("hostile CSV a quote inside an unquoted field is an error at the quote") {
    const auto f = failure_of("a,b\n12,3\"4\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 5);
    CHECK(contains(f.message, "no quote inside an unquoted field"));
    CHECK(f.text == "3\"");
}

TEST_CASE("hostile CSV a space after a closing quote is an error at the space") {
    const auto f = failure_of("\"a\" ,b\n");
    CHECK(f.where.line == 1);
    CHECK(f.where.column == 4);
    CHECK(contains(f.message, "expected the delimiter ','"));
}

TEST_CASE("hostile CSV an embedded NUL is an error at the byte in plain and quoted fields") {
    using namespace std::string_literals;
    const auto plain = failure_of("a,b\n1,2\0003\n"s);
    CHECK(plain.where.line == 2);
    CHECK(plain.where.column == 4);
    CHECK(contains(plain.message, "NUL byte"));
    CHECK(plain.text == "\\0");
    const auto quoted = failure_of("a,b\n\"x\ny\0\",2\n"s);
    CHECK(quoted.where.line == 3);
    CHECK(quoted.where.column == 2);
    CHECK(contains(quoted.message, "NUL byte"));
}

TEST_CASE("hostile CSV a UTF-16 file fails at its first NUL") {
    using namespace std::string_literals;
    const auto f = failure_of("\xFF\xFE" "a\0,\0b\0\n\0"s);
    CHECK(f.where.line == 1);
    CHECK(f.where.column == 4);
    CHECK(contains(f.message, "binary or UTF-16"));
}

TEST_CASE("hostile CSV a BOM in the middle of the file is an error at the mark") {
    const auto f = failure_of("a,b\n1,2\n\xEF\xBB\xBF" "a,b\n");
    CHECK(f.where.line == 3);
    CHECK(f.where.column == 1);
    CHECK(contains(f.message, "byte-order mark after the start"));
    CHECK(f.text == "\\xEF\\xBB\\xBF");
}

TEST_CASE("hostile CSV a BOM inside a quoted field is an error too") {
    const auto f = failure_of("a,\"x\xEF\xBB\xBFy\"\n");
    CHECK(f.where.line == 1);
    CHECK(f.where.column == 5);
    CHECK(contains(f.message, "byte-order mark"));
}

TEST_CASE("hostile CSV CRLF mixed with LF and lone CR counts every line end once") {
    csv_reader reader("a,b\r\n1,2\n3,4\r5,\"x\r\ny\"\r\n\r\n6,7", "<hostile>");
    csv_record r;
    std::vector<std::size_t> lines;
    std::vector<std::string> last_fields;
    while (reader.next(r)) {
        lines.push_back(r.line());
        last_fields.emplace_back(r[r.size() - 1]);
    }
    CHECK(lines == std::vector<std::size_t>{1, 2, 3, 4, 7});
    CHECK(last_fields == std::vector<std::string>{"b", "2", "4", "x\r\ny", "7"});
}

TEST_CASE("hostile CSV invalid UTF-8 in a field is kept as the bytes it is") {
    const auto records = read_all("place,n\nM\xC3\xA9xico,1\nbad\xFF\xFE\xC3,2\n");
    REQUIRE(records.size() == 3);
    CHECK(records[1][0] == "M\xC3\xA9xico");
    CHECK(records[2][0] == "bad\xFF\xFE\xC3");
    CHECK(read_all_streamed("place,n\nbad\xFF\xFE\xC3,2\n", 2)[1][0] == "bad\xFF\xFE\xC3");
}

TEST_CASE("hostile CSV a lone 0xEF that starts no BOM is ordinary text") {
    const auto records = read_all("a\xEF,\xEF\xBB\n\xEF\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0][0] == "a\xEF");
    CHECK(records[0][1] == "\xEF\xBB");
    CHECK(records[1][0] == "\xEF");
}

TEST_CASE("hostile CSV a 10 MB single line is one field of 10 MB from memory and from a stream") {
    std::string line(10'000'000, 'x');
    line += "\n";
    const auto from_memory = read_all(line);
    REQUIRE(from_memory.size() == 1);
    REQUIRE(from_memory[0].size() == 1);
    CHECK(from_memory[0][0].size() == 10'000'000);
    const auto streamed = read_all_streamed(line, 4096);
    REQUIRE(streamed.size() == 1);
    CHECK(streamed[0][0] == from_memory[0][0]);
}

TEST_CASE("hostile CSV a 10 MB unclosed quoted line fails with a message cut to 60 bytes") {
    std::string line = "a,\"";
    line.append(10'000'000, 'y');
    const auto f = failure_of(line);
    CHECK(f.where.line == 1);
    CHECK(f.where.column == 3);
    CHECK(f.text.size() == 63);
    CHECK(f.text.substr(60) == "...");
    CHECK(f.text.substr(0, 4) == "\"yyy");
}

TEST_CASE("hostile CSV 100000 columns read as one record and a header finds the last one") {
    std::string names;
    std::string values;
    for (int i = 0; i < 100'000; ++i) {
        if (i > 0) {
            names += ',';
            values += ',';
        }
        names += "c" + std::to_string(i);
        values += std::to_string(i % 10);
    }
    const std::string text = names + "\n" + values + "\n";
    csv_reader reader(text, "<hostile>");
    csv_record r;
    REQUIRE(reader.next(r));
    REQUIRE(r.size() == 100'000);
    const csv_header header(r, "<hostile>");
    CHECK(header.find("c99999") == std::optional<std::size_t>{99'999});
    REQUIRE(reader.next(r));
    CHECK(r.size() == 100'000);
    CHECK(r[99'999] == "9");
    CHECK(r.column_of(99'999) == 2 * 99'999 + 1);
    const auto streamed = read_all_streamed(text, 1024);
    REQUIRE(streamed.size() == 2);
    CHECK(streamed[1].size() == 100'000);
}

TEST_CASE("hostile CSV a directory given as input is a parse_error at line 0") {
    try {
        (void)csv_stream_reader::open(std::filesystem::path(BORDERSTATS_DATA_DIR));
        FAIL("a directory was opened as a CSV file");
    } catch (const parse_error& e) {
        CHECK(e.line() == 0);
        CHECK(e.source() == std::filesystem::path(BORDERSTATS_DATA_DIR).string());
        CHECK(contains(e.message(), "found a directory"));
    }
}

TEST_CASE("hostile CSV a path that does not exist is a parse_error at line 0 naming it") {
    // Run as root, chmod 000 does not stop a read: a missing file is the
    // unreadable case that holds everywhere.
    const std::string path = data_file("no-such-file.csv");
    bs::parse_failure failure;
    CHECK_FALSE(csv_stream_reader::try_open(path, failure).has_value());
    CHECK(failure.where.source == path);
    CHECK(failure.where.line == 0);
    CHECK(contains(failure.message, "does not exist or cannot be opened"));
    CHECK_THROWS_AS((void)csv_stream_reader::open(path), parse_error);
}

TEST_CASE("hostile CSV a failed reader keeps failing and never returns a later record") {
    csv_reader reader("a\nb\"c\nd\n", "<hostile>");
    csv_record r;
    REQUIRE(reader.next(r));
    CHECK_THROWS_AS(reader.next(r), parse_error);
    bs::parse_failure failure;
    CHECK(reader.try_next(r, failure) == csv_status::error);
    CHECK(failure.where.line == 2);
    CHECK(failure.where.column == 2);
}

// ===================================================== MONTHS AND FISCAL YEARS

TEST_CASE("hostile month SEPT is not a month name and its error names the field and text") {
    CHECK_FALSE(bs::try_parse_month_name("SEPT").has_value());
    CHECK_FALSE(bs::try_parse_year_month("SEPT 2019").has_value());
    try {
        (void)bs::parse_month_name("SEPT");
        FAIL("SEPT was read as a month");
    } catch (const parse_error& e) {
        CHECK(e.field() == "month");
        CHECK(e.text() == "SEPT");
        CHECK(e.line() == 0);
        CHECK(contains(e.message(), "three-letter abbreviation"));
    }
}

TEST_CASE("hostile month a month outside 1 to 12 is rejected by the parser and the constructor") {
    CHECK_FALSE(bs::try_parse_year_month("2019-13").has_value());
    CHECK_FALSE(bs::try_parse_year_month("2019-00").has_value());
    CHECK_FALSE(bs::try_parse_year_month("2019-1").has_value());
    CHECK_FALSE(bs::try_parse_year_month("2019-+1").has_value());
    CHECK_FALSE(bs::try_parse_year_month("-019-01").has_value());
    CHECK_THROWS_AS((void)year_month(2019, 13), bs::bad_month);
    CHECK_THROWS_AS((void)year_month(2019, 0), bs::bad_month);
    CHECK_THROWS_AS((void)year_month(40000, 1), bs::bad_month);
    CHECK_THROWS_AS((void)(year_month::max() + bs::months{1}), bs::bad_month);
    CHECK_THROWS_AS((void)(year_month::min() - bs::months{std::numeric_limits<std::int32_t>::max()}), bs::bad_month);
    try {
        (void)bs::parse_year_month("2019-13");
        FAIL("2019-13 was read as a month");
    } catch (const parse_error& e) {
        CHECK(e.field() == "year_month");
        CHECK(e.text() == "2019-13");
    }
}

TEST_CASE("hostile month a bare month name needs a year from context inside the supported range") {
    CHECK(bs::try_parse_year_month("MAY", 2019) == year_month{2019, 5});
    CHECK_FALSE(bs::try_parse_year_month("MAY").has_value());
    CHECK_FALSE(bs::try_parse_year_month("MAY", 40000).has_value());
    CHECK_THROWS_AS((void)bs::parse_year_month("MAY", 40000), parse_error);
}

TEST_CASE("hostile fiscal year 20XX and FY20XX are parse errors naming the field and text") {
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::us_federal>("20XX").has_value());
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::uk>("FY20XX").has_value());
    try {
        (void)bs::parse_fiscal_year<bs::us_federal>("20XX");
        FAIL("20XX was read as a fiscal year");
    } catch (const parse_error& e) {
        CHECK(e.field() == "fiscal year");
        CHECK(e.text() == "20XX");
        CHECK(contains(e.message(), "expected a fiscal year"));
    }
}

TEST_CASE("hostile fiscal year 2025 (FYTD without its closing parenthesis is rejected") {
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::us_federal>("2025 (FYTD").has_value());
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::us_federal>("2025 FYTD)").has_value());
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::us_federal>("(FYTD)").has_value());
    const auto fytd = bs::try_parse_fiscal_year<bs::us_federal>("2025 (FYTD)");
    REQUIRE(fytd.has_value());
    CHECK(fytd->year.number() == 2025);
    CHECK(fytd->incomplete);
}

TEST_CASE("hostile fiscal year spans must name the following year") {
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::uk>("2019-21").has_value());
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::uk>("2019-2019").has_value());
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::calendar_year>("2019-20").has_value());
    CHECK(bs::try_parse_fiscal_year<bs::uk>("1999-00")->year.number() == 1999);
    CHECK(bs::try_parse_fiscal_year<bs::us_federal>("2018-19")->year.number() == 2019);
}

TEST_CASE("fiscal labels of years below 1000 have four digits and read back") {
    // Found by fuzz_fiscal_year: "0000-01" read as FY1 printed "FY1", which
    // the parser (four-digit years) rejected.
    using us_fy = bs::fiscal_year<bs::us_federal>;
    using uk_fy = bs::fiscal_year<bs::uk>;
    CHECK(us_fy{1}.label() == "FY0001");
    CHECK(uk_fy{0}.label() == "0000-01");
    CHECK(bs::fiscal_year<bs::calendar_year>{42}.label() == "0042");
    const auto back = bs::try_parse_fiscal_year<bs::us_federal>(bs::try_parse_fiscal_year<bs::us_federal>("0000-01")->year.label());
    REQUIRE(back.has_value());
    CHECK(back->year == us_fy{1});
    CHECK(us_fy{2019}.label() == "FY2019");
}

// ================================================ DUPLICATED ROWS ARE SUMMED

TEST_CASE("hostile rows duplicated for the same month and group are summed exactly") {
    struct row {
        std::string group;
        year_month month;
        std::int64_t count;
    };
    const std::vector<row> rows{{"Tucson", {2019, 5}, 100}, {"Yuma", {2019, 5}, 7},   {"Tucson", {2019, 5}, 23},
                                {"Tucson", {2019, 6}, 1},   {"Tucson", {2019, 5}, 0}, {"Yuma", {2019, 5}, 7}};
    const auto groups = bs::group_by(
        rows, [](const row& r) { return r.group; }, [](const row& r) { return r.month; },
        [](const row& r) { return r.count; });
    REQUIRE(groups.size() == 2);
    CHECK(groups.at("Tucson").at({2019, 5}) == 123);
    CHECK(groups.at("Tucson").at({2019, 6}) == 1);
    CHECK(groups.at("Yuma").at({2019, 5}) == 14);
    bs::dense_group_sums<std::int64_t> dense;
    for (const row& r : rows) dense.add(r.group == "Tucson" ? 0 : 1, r.month, r.count);
    CHECK(dense.series(0).at({2019, 5}) == 123);
    CHECK(dense.total().at({2019, 5}) == 137);
}

// ========================================================= EXACT ARITHMETIC

TEST_CASE("checked_add reaches the limits of int32 and int64 exactly and throws one past them") {
    constexpr auto i32max = std::numeric_limits<std::int32_t>::max();
    constexpr auto i32min = std::numeric_limits<std::int32_t>::min();
    constexpr auto i64max = std::numeric_limits<std::int64_t>::max();
    constexpr auto i64min = std::numeric_limits<std::int64_t>::min();
    CHECK(bs::checked_add<std::int32_t>(i32max - 1, 1) == i32max);
    CHECK(bs::checked_add<std::int32_t>(i32min + 1, -1) == i32min);
    CHECK_THROWS_AS((void)bs::checked_add<std::int32_t>(i32max, 1), bs::overflow_error);
    CHECK_THROWS_AS((void)bs::checked_add<std::int32_t>(i32min, -1), bs::overflow_error);
    CHECK(bs::checked_add<std::int64_t>(i64max - 1, 1) == i64max);
    CHECK_THROWS_AS((void)bs::checked_add<std::int64_t>(i64max, 1), bs::overflow_error);
    CHECK_THROWS_AS((void)bs::checked_add<std::int64_t>(i64min, -1), bs::overflow_error);
    CHECK_THROWS_AS((void)bs::checked_add<std::uint64_t>(std::numeric_limits<std::uint64_t>::max(), 1u),
                    bs::overflow_error);
    CHECK_THROWS_AS((void)bs::checked_sub<std::int64_t>(i64min, 1), bs::overflow_error);
    CHECK_THROWS_AS((void)bs::checked_cast<std::int32_t>(std::int64_t{i32max} + 1), bs::overflow_error);
    CHECK_THROWS_AS((void)bs::checked_cast<std::uint32_t>(std::int64_t{-1}), bs::overflow_error);
}

TEST_CASE("monthly_series add throws at the int32 limit and keeps the old figure") {
    bs::monthly_series<std::int32_t> s;
    s.add({2019, 5}, std::numeric_limits<std::int32_t>::max() - 5);
    s.add({2019, 5}, 5);
    CHECK(s.at({2019, 5}) == std::numeric_limits<std::int32_t>::max());
    CHECK_THROWS_AS(s.add({2019, 5}, 1), bs::overflow_error);
    CHECK(s.at({2019, 5}) == std::numeric_limits<std::int32_t>::max());
    s.add({2019, 6}, std::numeric_limits<std::int32_t>::min());
    CHECK_THROWS_AS(s.add({2019, 6}, -1), bs::overflow_error);
}

TEST_CASE("sums of int32 months at the limit accumulate in 64 bits without wrapping") {
    constexpr auto i32max = std::numeric_limits<std::int32_t>::max();
    bs::monthly_series<std::int32_t> s(year_month{2018, 10}, std::vector<std::int32_t>(12, i32max));
    const auto total = s.fiscal_year_total(bs::fiscal_year<bs::us_federal>{2019});
    REQUIRE(total.has_value());
    CHECK(*total == std::int64_t{i32max} * 12);
    const auto rolled = s.rolling_sum(12);
    CHECK(rolled.at({2019, 9}) == std::int64_t{i32max} * 12);
}

TEST_CASE("sums of int64 months past the limit throw overflow_error instead of wrapping") {
    constexpr auto i64max = std::numeric_limits<std::int64_t>::max();
    bs::monthly_series<std::int64_t> s(year_month{2019, 1}, {i64max / 2, i64max / 2, 2});
    CHECK(s.sum({2019, 1}, {2019, 2}) == i64max - 1);
    CHECK_THROWS_AS((void)s.sum({2019, 1}, {2019, 3}), bs::overflow_error);
    CHECK_THROWS_AS((void)s.sum_reported({2019, 1}, {2019, 3}), bs::overflow_error);
    CHECK_THROWS_AS((void)s.by_fiscal_year<bs::calendar_year>(), bs::overflow_error);
}

TEST_CASE("group_by throws overflow_error when a group's month passes int64 or a value does not fit int32") {
    struct row {
        int group;
        std::int64_t count;
    };
    const std::vector<row> rows{{1, std::numeric_limits<std::int64_t>::max()}, {1, 1}};
    const auto month = [](const row&) { return year_month{2019, 5}; };
    const auto key = [](const row& r) { return r.group; };
    const auto value = [](const row& r) { return r.count; };
    CHECK_THROWS_AS((void)bs::group_by(rows, key, month, value), bs::overflow_error);
    const std::vector<row> big{{1, std::int64_t{std::numeric_limits<std::int32_t>::max()} + 1}};
    CHECK_THROWS_AS((void)bs::group_by<std::int32_t>(big, key, month, value), bs::overflow_error);
    const std::vector<row> fits{{1, std::numeric_limits<std::int32_t>::max()}, {2, 1}};
    CHECK(bs::group_by<std::int32_t>(fits, key, month, value).at(1).at({2019, 5}) ==
          std::numeric_limits<std::int32_t>::max());
}

TEST_CASE("dense_group_sums throws overflow_error on add and merge and total at the int64 limit") {
    constexpr auto i64max = std::numeric_limits<std::int64_t>::max();
    bs::dense_group_sums<std::int64_t> a;
    a.add(0, {2019, 5}, i64max);
    CHECK_THROWS_AS(a.add(0, {2019, 5}, 1), bs::overflow_error);
    CHECK(a.series(0).at({2019, 5}) == i64max);
    bs::dense_group_sums<std::int64_t> b;
    b.add(0, {2019, 5}, 1);
    CHECK_THROWS_AS(a.merge(b), bs::overflow_error);
    bs::dense_group_sums<std::int64_t> c;
    c.add(0, {2019, 5}, i64max);
    c.add(1, {2019, 5}, 1);
    CHECK_THROWS_AS((void)c.total(), bs::overflow_error);
    bs::dense_group_sums<std::int32_t> d;
    d.add(3, {2019, 5}, std::numeric_limits<std::int32_t>::max());
    CHECK_THROWS_AS(d.add(3, {2019, 5}, 1), bs::overflow_error);
}

TEST_CASE("percent_change never yields inf or NaN for huge or tiny or non-finite inputs") {
    constexpr double inf = std::numeric_limits<double>::infinity();
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    constexpr double huge = std::numeric_limits<double>::max();
    constexpr double tiny = std::numeric_limits<double>::denorm_min();
    const auto finite_or_empty = [](std::optional<double> p) { return !p || std::isfinite(*p); };
    for (double from : {1.0, -1.0, huge, -huge, tiny, -tiny, inf, -inf, nan, 1e-300})
        for (double to : {0.0, 1.0, -1.0, huge, -huge, tiny, inf, -inf, nan, 1e300}) {
            CAPTURE(from);
            CAPTURE(to);
            CHECK(finite_or_empty(bs::percent_change(from, to)));
        }
    CHECK_FALSE(bs::percent_change(tiny, 1.0).has_value());   // 1/denorm_min * 100 overflows
    CHECK_FALSE(bs::percent_change(1.0, nan).has_value());
    CHECK_FALSE(bs::percent_change(inf, inf).has_value());
    CHECK_FALSE(bs::percent_change(huge, -huge).has_value());  // the difference is -inf
    CHECK_FALSE(bs::percent_change(0.0, 5.0).has_value());
    CHECK_FALSE(bs::percent_change(-0.0, 5.0).has_value());
}

TEST_CASE("percent_change of integer counts at the int64 limits is finite and exact where it can be") {
    constexpr auto i64max = std::numeric_limits<std::int64_t>::max();
    constexpr auto i64min = std::numeric_limits<std::int64_t>::min();
    CHECK(bs::percent_change(i64min, i64max) == doctest::Approx(-200.0));
    CHECK(bs::percent_change(i64max, i64min) == doctest::Approx(-200.0));
    CHECK(bs::percent_change(std::int64_t{-1}, i64max) == doctest::Approx(-9.223372036854775807e20));
    CHECK(bs::percent_change(std::numeric_limits<std::uint64_t>::max(), std::uint64_t{0}) == -100.0);
    // 2^53 + 1 is not a double, but the difference is taken exactly first.
    CHECK(bs::percent_change(std::int64_t{9007199254740993}, std::int64_t{9007199254740994}) > 0.0);
    CHECK_THROWS_AS((void)bs::make_change(i64min, i64max).difference(), bs::overflow_error);
    CHECK(bs::make_change(i64min, i64max).rounded_percent_change(1) == -200.0);
}

// ============================================================ CBP AND BTS

namespace {

constexpr std::string_view cbp_header = "Fiscal Year,Month (abbv),State,Encounter Count\n";

// The failure of a CBP file, through the buffer reader and a stream read 5
// bytes at a time (they must agree).
bs::parse_failure cbp_failure(const std::string& text) {
    bs::parse_failure failure;
    REQUIRE_FALSE(try_load_cbp(text, "<hostile>", failure).has_value());
    std::istringstream in{text};
    basic_cbp_reader<csv_stream_reader> reader{csv_stream_reader{in, "<hostile>", {}, 5}};
    cbp_record r;
    bs::parse_failure streamed;
    csv_status s = csv_status::record;
    while ((s = reader.try_next(r, streamed)) == csv_status::record) {
    }
    REQUIRE(s == csv_status::error);
    CHECK(streamed.where.line == failure.where.line);
    CHECK(streamed.where.column == failure.where.column);
    CHECK(streamed.field == failure.field);
    CHECK(streamed.message == failure.message);
    return failure;
}

// A CBP file whose one data row has `count` in the count column (column 13).
bs::parse_failure cbp_count_failure(const std::string& count) {
    const auto f = cbp_failure(std::string(cbp_header) + "2020,OCT,TX," + count + "\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 13);
    CHECK(f.field == "Encounter Count");
    return f;
}

}  // namespace

TEST_CASE("hostile counts -1 and +5 and 1e3 are errors that say what is wrong") {
    CHECK(cbp_count_failure("-1").message == count_messages::negative);
    CHECK(cbp_count_failure("+5").message == count_messages::sign);
    CHECK(cbp_count_failure("1e3").message == count_messages::not_whole);
    CHECK(cbp_count_failure("12.0").message == count_messages::not_whole);
    CHECK(cbp_count_failure("n/a").message == count_messages::not_number);
    CHECK(cbp_count_failure("").message == count_messages::empty);
}

TEST_CASE("hostile counts with a surrounding space are errors and 007 is 7") {
    CHECK(cbp_count_failure(" 7").message == count_messages::space);
    CHECK(cbp_count_failure("\"7 \"").message == count_messages::space);
    const auto table = load_cbp(std::string(cbp_header) + "2020,OCT,TX,007\n2020,NOV,TX,0\n");
    REQUIRE(table.size() == 2);
    CHECK(table[0].count == 7);
    CHECK(table[1].count == 0);
}

TEST_CASE("hostile counts one past the int64 maximum overflow and the maximum itself reads") {
    const auto f = cbp_count_failure("9223372036854775808");
    CHECK(f.message == count_messages::overflow);
    CHECK(f.text == "9223372036854775808");
    CHECK(cbp_count_failure("\"9,223,372,036,854,775,808\"").message == count_messages::overflow);
    const auto table = load_cbp(std::string(cbp_header) + "2020,OCT,TX,9223372036854775807\n");
    CHECK(table[0].count == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("hostile counts with thousands separators in wrong places are errors") {
    CHECK(cbp_count_failure("\"1,23\"").message == count_messages::separator);
    CHECK(cbp_count_failure("\",123\"").message == count_messages::separator);
    CHECK(cbp_count_failure("\"1,,234\"").message == count_messages::separator);
    CHECK(cbp_count_failure("\"1,234,\"").message == count_messages::separator);
    CHECK(cbp_count_failure("\"1234,567\"").message == count_messages::separator);
    CHECK(cbp_count_failure("\"0,123\"").message == count_messages::separator);
    const auto table = load_cbp(std::string(cbp_header) + "2020,OCT,TX,\"1,234,567\"\n");
    CHECK(table[0].count == 1'234'567);
}

TEST_CASE("hostile counts unquoted with a comma split the row and fail on the field count") {
    // 1,234 outside quotes is two fields: the row is one too wide.
    const auto f = cbp_failure(std::string(cbp_header) + "2020,OCT,TX,1,234\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 15);
    CHECK(f.field.empty());
    CHECK(contains(f.message, "expected 4 fields as in the header, found more"));
}

TEST_CASE("hostile CBP an empty file is an error at line 1 and a header-only file has no record") {
    const auto f = cbp_failure("");
    CHECK(f.where.line == 1);
    CHECK(f.where.column == 1);
    CHECK(contains(f.message, "found an empty input"));
    const auto table = load_cbp(std::string(cbp_header));
    CHECK(table.empty());
    CHECK(table.months_range().empty());
    CHECK(table.has(cbp_dimension::state));
}

TEST_CASE("hostile CBP a missing required column is an error naming it at line 1") {
    const auto f = cbp_failure("Fiscal Year,Month (abbv),State\n2020,OCT,TX\n");
    CHECK(f.where.line == 1);
    CHECK(f.where.column == 1);
    CHECK(f.field == "Encounter Count");
    CHECK(contains(f.message, "expected a column 'Encounter Count'"));
}

TEST_CASE("hostile CBP a duplicate column is an error at the second one even in another spelling") {
    const auto f = cbp_failure("Fiscal Year,Month (abbv),Encounter Count,encounter_count\n2020,OCT,1,2\n");
    CHECK(f.where.line == 1);
    CHECK(f.where.column == 42);
    CHECK(f.field == "encounter_count");
    CHECK(contains(f.message, "repeats column 3"));
}

TEST_CASE("hostile CBP month SEPT and fiscal year 20XX and 2025 (FYTD are errors at their fields") {
    const auto sept = cbp_failure(std::string(cbp_header) + "2020,SEPT,TX,1\n");
    CHECK(sept.where.line == 2);
    CHECK(sept.where.column == 6);
    CHECK(sept.field == "Month (abbv)");
    CHECK(sept.text == "SEPT");
    CHECK(contains(sept.message, "three-letter month abbreviation"));
    const auto xx = cbp_failure(std::string(cbp_header) + "2020,OCT,TX,1\n20XX,OCT,TX,1\n");
    CHECK(xx.where.line == 3);
    CHECK(xx.where.column == 1);
    CHECK(xx.field == "Fiscal Year");
    CHECK(xx.text == "20XX");
    const auto open = cbp_failure(std::string(cbp_header) + "2025 (FYTD,OCT,TX,1\n");
    CHECK(open.where.column == 1);
    CHECK(open.field == "Fiscal Year");
    CHECK(contains(open.message, "expected a fiscal year"));
}

TEST_CASE("hostile CBP 2025 (FYTD) is read as incomplete and OCT of it is October 2024") {
    const auto table = load_cbp(std::string(cbp_header) + "2025 (FYTD),OCT,TX,3\n2025 (FYTD),SEP,TX,4\n");
    REQUIRE(table.size() == 2);
    CHECK(table[0].fiscal_year_incomplete);
    CHECK(table[0].month == year_month{2024, 10});
    CHECK(table[1].month == year_month{2025, 9});
}

TEST_CASE("hostile CBP a row with too few fields fails where the missing field would start") {
    const auto f = cbp_failure(std::string(cbp_header) + "2020,OCT,\"T\nX\"\n");
    CHECK(f.where.line == 3);
    CHECK(f.where.column == 3);
    CHECK(f.field == "Encounter Count");
    CHECK(contains(f.message, "expected 4 fields as in the header, found 3"));
}

TEST_CASE("hostile CBP invalid UTF-8 in a dimension is accepted and interned as the bytes it is") {
    const auto table = load_cbp(std::string(cbp_header) + "2020,OCT,\xFF\xFE,1\n2020,OCT,M\xC3\xA9x,2\n2020,NOV,\xFF\xFE,3\n");
    REQUIRE(table.size() == 3);
    CHECK(table.value(table[0], cbp_dimension::state) == "\xFF\xFE");
    CHECK(table[0][cbp_dimension::state] == table[2][cbp_dimension::state]);
    CHECK(table.value(table[1], cbp_dimension::state) == "M\xC3\xA9x");
    CHECK(table.dimensions()[cbp_dimension::state].size() == 2);
}

// (A row repeating another's month and every value is refused by the load,
// io/record_table.hpp: these rows differ in Citizenship.)
TEST_CASE("hostile CBP rows of one month and state are summed by the group-by") {
    const auto table = load_cbp("Fiscal Year,Month (abbv),State,Citizenship,Encounter Count\n"
                                "2020,OCT,TX,A,5\n2020,OCT,TX,B,6\n2020,OCT,AZ,A,1\n2020,OCT,TX,C,\"1,000\"\n2020,NOV,TX,A,2\n");
    const auto by_state = bs::group_by(
        table, [&](const cbp_record& r) { return std::string(table.value(r, cbp_dimension::state)); },
        [](const cbp_record& r) { return r.month; }, [](const cbp_record& r) { return r.count; });
    CHECK(by_state.at("TX").at({2019, 10}) == 1011);
    CHECK(by_state.at("TX").at({2019, 11}) == 2);
    CHECK(by_state.at("AZ").at({2019, 10}) == 1);
    const auto total = bs::total_by_month(
        table, [](const cbp_record& r) { return r.month; }, [](const cbp_record& r) { return r.count; });
    CHECK(total.at({2019, 10}) == 1012);
}

TEST_CASE("hostile CBP counts that sum past int64 throw overflow_error in the group-by") {
    const auto table = load_cbp("Fiscal Year,Month (abbv),State,Citizenship,Encounter Count\n"
                                "2020,OCT,TX,A,9223372036854775807\n2020,OCT,TX,B,1\n");
    CHECK_THROWS_AS((void)bs::total_by_month(
                        table, [](const cbp_record& r) { return r.month; },
                        [](const cbp_record& r) { return r.count; }),
                    bs::overflow_error);
}

TEST_CASE("hostile CBP a directory or a missing path is a parse_error at line 0") {
    bs::parse_failure failure;
    CHECK_FALSE(try_load_cbp_file(BORDERSTATS_DATA_DIR, failure).has_value());
    CHECK(failure.where.line == 0);
    CHECK(contains(failure.message, "directory"));
    CHECK_FALSE(try_load_cbp_file(data_file("no-such-cbp.csv"), failure).has_value());
    CHECK(failure.where.line == 0);
    CHECK(contains(failure.message, "does not exist"));
}

TEST_CASE("hostile BTS a date that is not the first of the month at midnight is an error at the Date") {
    const std::string header = "Port Name,State,Port Code,Border,Date,Measure,Value\n";
    bs::parse_failure failure;
    REQUIRE_FALSE(try_load_bts(header + "X,Y,1,B,03/02/2018 12:00:00 AM,T,1\n", "<hostile>", failure));
    CHECK(failure.where.line == 2);
    CHECK(failure.where.column == 9);
    CHECK(failure.field == "Date");
    CHECK(failure.message == bts_date_messages::not_first);
    REQUIRE_FALSE(try_load_bts(header + "X,Y,1,B,03/01/2018 12:00:00 PM,T,1\n", "<hostile>", failure));
    CHECK(failure.message == bts_date_messages::not_midnight);
    REQUIRE_FALSE(try_load_bts(header + "X,Y,4294967296,B,Mar 2024,T,1\n", "<hostile>", failure));
    CHECK(failure.where.column == 5);
    CHECK(failure.field == "Port Code");
}

TEST_CASE("ISO dates of years below 1000 print four year digits and read back") {
    // Found by fuzz_fields: "0220-05-29" was read, printed "220-05-29", and
    // that did not read back.
    const auto date = try_parse_iso_date("0220-05-29");
    REQUIRE(date.has_value());
    CHECK(date->to_string() == "0220-05-29");
    CHECK(try_parse_iso_date(date->to_string()) == date);
    CHECK(civil_date{2019, 6, 5}.to_string() == "2019-06-05");
    const auto published = borderstats::io::detail::try_parse_publication_date("0042-02");
    REQUIRE(published.has_value());
    CHECK(published->to_string() == "0042-02");
}

TEST_CASE("calendar steps past 32 bits throw bad_month instead of overflowing") {
    // 200,000,000 years are 2,400,000,000 months: more than INT32_MAX (2,147,483,647).
    CHECK_THROWS_AS((void)(bs::year_month{2019, 5} + bs::years{200'000'000}), bs::bad_month);
    CHECK_THROWS_AS((void)(bs::months{2'000'000'000} + bs::months{2'000'000'000}), bs::bad_month);
    CHECK_THROWS_AS((void)(bs::months{1'500'000'000} * 2), bs::bad_month);
    CHECK_THROWS_AS((void)(-bs::months{std::numeric_limits<std::int32_t>::min()}), bs::bad_month);
    using fy = bs::fiscal_year<bs::us_federal>;
    CHECK_THROWS_AS((void)fy{std::numeric_limits<int>::max()}.next(), bs::bad_month);
    CHECK_THROWS_AS((void)(fy{-2'000'000'000} - fy{2'000'000'000}), bs::bad_month);
    // The largest step that fits is exact.
    CHECK((bs::months{2'000'000'000} + bs::months{147'483'647}).count() == std::numeric_limits<std::int32_t>::max());
    CHECK(fy{2019} + bs::years{6} == fy{2025});
}

TEST_CASE("civil_date days_in_month is 0 outside 1 to 12 and right for February") {
    CHECK(bs::io::civil_date::days_in_month(2019, 0) == 0);
    CHECK(bs::io::civil_date::days_in_month(2019, 13) == 0);
    CHECK(bs::io::civil_date::days_in_month(2019, -5) == 0);
    CHECK(bs::io::civil_date::days_in_month(2020, 2) == 29);  // divisible by 4
    CHECK(bs::io::civil_date::days_in_month(1900, 2) == 28);  // by 100, not 400
    CHECK(bs::io::civil_date::days_in_month(2000, 2) == 29);  // by 400
}

TEST_CASE("hostile CBP and BTS streams have non-throwing forms that report the failing line") {
    std::istringstream cbp("Fiscal Year,Month (abbv),Encounter Count\n2019,MAY,5\n2019,SEPT,3\n");
    int delivered = 0;
    bs::parse_failure failure;
    const auto dims =
        bs::io::try_for_each_cbp_record(cbp, "cbp.csv", [&](const bs::io::cbp_record&) { ++delivered; }, failure);
    CHECK_FALSE(dims);
    CHECK(delivered == 1);  // the good row before the bad one
    CHECK(failure.where.line == 3);
    CHECK(failure.field == "Month (abbv)");

    std::istringstream bts("Port Name,State,Port Code,Border,Date,Measure,Value\n"
                           "Calais,Maine,0115,US-Canada Border,Mar 2024,Trucks,-1\n");
    bs::parse_failure bts_failure;
    CHECK_FALSE(bs::io::try_for_each_bts_record(bts, "bts.csv", [](const bs::io::bts_record&) {}, bts_failure));
    CHECK(bts_failure.where.line == 2);
    CHECK(bts_failure.field == "Value");
}
