// CSV and JSON writers: exact expected text written by hand, CSV read back
// with the library's own reader, JSON checked by Python's json module when
// python3 is installed. Figures from examples/data/SOURCES.md.
#include <borderstats/io/csv.hpp>
#include <borderstats/output/write.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace bs = borderstats;
using bs::year_month;

namespace {
bool have_python3() { return std::system("python3 -c 'import json' >/dev/null 2>&1") == 0; }

// True when Python's json module accepts `text`.
bool python_json_ok(const std::string& text) {
    // In the temporary directory (the tests run in the source tree), named by
    // the content so that test cases run in parallel do not share a file.
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("borderstats_test_write_" + std::to_string(std::hash<std::string>{}(text)) + ".json")).string();
    {
        std::ofstream out(path, std::ios::binary);
        out << text;
    }
    const int rc = std::system(("python3 -c 'import json,sys; json.load(sys.stdin)' < " + path).c_str());
    std::remove(path.c_str());
    return rc == 0;
}

std::vector<std::vector<std::string>> read_back(const std::string& csv) {
    bs::io::csv_reader reader(csv, "<written>");
    bs::io::csv_record r;
    std::vector<std::vector<std::string>> rows;
    while (reader.next(r)) {
        std::vector<std::string> row;
        for (std::size_t i = 0; i < r.size(); ++i) row.emplace_back(r[i]);
        rows.push_back(std::move(row));
    }
    return rows;
}

const std::string china = "CHINA, PEOPLES REPUBLIC OF";
}  // namespace

TEST_CASE("csv_field quotes a comma, a quote, CR and LF, and doubles quotes") {
    CHECK(bs::io::csv_field("Title 42") == "Title 42");
    CHECK(bs::io::csv_field(china) == "\"CHINA, PEOPLES REPUBLIC OF\"");
    CHECK(bs::io::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(bs::io::csv_field("a\nb") == "\"a\nb\"");
    CHECK(bs::io::csv_field("a\rb") == "\"a\rb\"");
    CHECK(bs::io::csv_field(" spaced ") == " spaced ");
    CHECK(bs::io::csv_field("") == "");
    CHECK(bs::io::csv_field("a;b", ';') == "\"a;b\"");
}

TEST_CASE("a series as CSV: CRLF records, a gap is an empty field") {
    bs::monthly_series<std::int64_t> s(year_month{2019, 3}, {103'719, 109'474, 144'278});
    s.erase(year_month{2019, 4});
    CHECK(bs::io::to_csv(s) == "month,value\r\n2019-03,103719\r\n2019-04,\r\n2019-05,144278\r\n");

    bs::io::csv_write_options o;
    o.line_end = "\n";
    o.value_header = "total";
    std::ostringstream os;
    bs::io::write_csv(os, s, o);
    CHECK(os.str() == "month,total\n2019-03,103719\n2019-04,\n2019-05,144278\n");
}

TEST_CASE("fiscal-year roll-ups as CSV") {
    // FY2019 final USBP Southwest border: 851,508 over 12 months (SOURCES.md 1a).
    const bs::monthly_series<std::int64_t> s(year_month{2018, 10}, {51'005, 51'857, 50'751, 47'979, 66'883, 92'833, 99'273,
                                                                    132'856, 94'902, 71'978, 50'684, 40'507, 33'000});
    CHECK(bs::io::to_csv(s.by_fiscal_year<bs::us_federal>()) ==
          "period,total,months_reported,months_in_period\r\n"
          "FY2019,851508,12,12\r\n"
          "FY2020,33000,1,12\r\n");
    CHECK(bs::io::to_csv(s.by_fiscal_year<bs::uk>()) ==
          "period,total,months_reported,months_in_period\r\n"
          "2018-19,"
          "361308,6,12\r\n"  // Oct 2018..Mar 2019: 51,005+51,857+50,751+47,979+66,883+92,833
          "2019-20,523200,7,12\r\n");  // Apr..Oct 2019: 99,273+132,856+94,902+71,978+50,684+40,507+33,000
}

TEST_CASE("a group-by as CSV round-trips through the library's CSV reader") {
    std::map<std::string, bs::monthly_series<std::int64_t>> groups;
    groups[china] = bs::monthly_series<std::int64_t>(year_month{2020, 4}, {12, 7});
    groups["say \"x\"\nnext line"] = bs::monthly_series<std::int64_t>(year_month{2020, 5}, {3});
    groups["OTHER"] = bs::monthly_series<std::int64_t>(year_month{2020, 4}, std::vector<std::optional<std::int64_t>>{std::nullopt, 1});
    bs::io::csv_write_options o;
    o.key_header = "Citizenship";
    const std::string csv = bs::io::to_csv(groups, [](const std::string& k) { return k; }, o);
    const auto rows = read_back(csv);
    const std::vector<std::vector<std::string>> expected{
        {"Citizenship", "month", "value"},
        {china, "2020-04", "12"},
        {china, "2020-05", "7"},
        {"OTHER", "2020-04", ""},
        {"OTHER", "2020-05", "1"},
        {"say \"x\"\nnext line", "2020-05", "3"},
    };
    CHECK(rows == expected);
}

TEST_CASE("a table as CSV keeps its formatted cells") {
    bs::table t;
    t.add_column("Month", bs::align::left).add_column("Value");
    t.add_row({"2019-05", "144,278"});
    CHECK(bs::io::to_csv(t) == "Month,Value\r\n2019-05,\"144,278\"\r\n");
}

TEST_CASE("JSON strings: quotes, backslashes and control characters escaped, bad UTF-8 replaced") {
    CHECK(bs::io::json_string("plain") == "\"plain\"");
    CHECK(bs::io::json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
    CHECK(bs::io::json_string("line\nbreak\ttab\x01\x1f") == "\"line\\u000abreak\\u0009tab\\u0001\\u001f\"");
    CHECK(bs::io::json_string("M\xC3\xA9xico \xE2\x80\x93 \xF0\x9F\x87\xB2") == "\"M\xC3\xA9xico \xE2\x80\x93 \xF0\x9F\x87\xB2\"");
    CHECK(bs::io::json_string("\xFF") == "\"\\ufffd\"");
    CHECK(bs::io::json_string("\xC3") == "\"\\ufffd\"");              // truncated sequence
    CHECK(bs::io::json_string("\xC0\xAF") == "\"\\ufffd\\ufffd\"");   // overlong '/'
    CHECK(bs::io::json_string("\xED\xA0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");  // a surrogate
    CHECK(bs::io::json_string(std::string("nul\0byte", 8)) == "\"nul\\u0000byte\"");
}

TEST_CASE("a series as JSON: months as text, exact integers, null for gaps and undefined percents") {
    // May 2019 over April 2019 as published on 2019-06-05: 144,278 / 109,474 - 1 = +31.79% -> 31.8.
    const bs::monthly_series<std::int64_t> s(year_month{2019, 4}, {109'474, 144'278});
    const std::string expected =
        "[{\"month\":\"2019-04\",\"value\":109474,\"mom_percent\":null,\"yoy_percent\":null,\"fytd\":null},"
        "{\"month\":\"2019-05\",\"value\":144278,\"mom_percent\":31.8,\"yoy_percent\":null,\"fytd\":null}]";
    CHECK(bs::io::to_json(s) == expected);

    bs::io::json_write_options bare;
    bare.changes = false;
    // Past 2^53 a double would lose the last digit: the writer must not.
    const bs::monthly_series<std::int64_t> big(year_month{2019, 1},
                                               std::vector<std::optional<std::int64_t>>{9'007'199'254'740'993, std::nullopt});
    CHECK(bs::io::to_json(big, bare) ==
          "[{\"month\":\"2019-01\",\"value\":9007199254740993},{\"month\":\"2019-02\",\"value\":null}]");

    // From zero: undefined, null (never Infinity, which JSON cannot hold). FYTD
    // of September 2020 needs October 2019 on: null; October 2020 starts FY2021.
    const bs::monthly_series<std::int64_t> z(year_month{2020, 9}, {0, 5});
    CHECK(bs::io::to_json(z) ==
          "[{\"month\":\"2020-09\",\"value\":0,\"mom_percent\":null,\"yoy_percent\":null,\"fytd\":null},"
          "{\"month\":\"2020-10\",\"value\":5,\"mom_percent\":null,\"yoy_percent\":null,\"fytd\":5}]");

    bs::io::json_write_options full;
    full.percent_decimals = -1;
    const bs::monthly_series<std::int64_t> q(year_month{2020, 1}, {3, 4});
    CHECK(bs::io::to_json(q, full).find("\"mom_percent\":33.33333333333333") != std::string::npos);

    const bs::monthly_series<double> d(year_month{2020, 1}, {0.1, 1e300 * 1e300});
    CHECK(bs::io::to_json(d, bare) == "[{\"month\":\"2020-01\",\"value\":0.1},{\"month\":\"2020-02\",\"value\":null}]");
}

TEST_CASE("roll-ups and group-bys as JSON") {
    const bs::monthly_series<std::int64_t> s(year_month{2018, 10}, {51'005, 51'857, 50'751, 47'979, 66'883, 92'833, 99'273,
                                                                    132'856, 94'902, 71'978, 50'684, 40'507});
    CHECK(bs::io::to_json(s.by_fiscal_year<bs::us_federal>()) ==
          "[{\"period\":\"FY2019\",\"total\":851508,\"months_reported\":12,\"months_in_period\":12,\"complete\":true}]");

    std::map<std::string, bs::monthly_series<std::int64_t>> groups;
    groups[china] = bs::monthly_series<std::int64_t>(year_month{2020, 4}, {12});
    groups["quote \" and\ttab"] = bs::monthly_series<std::int64_t>(year_month{2020, 4}, {1});
    bs::io::json_write_options o;
    o.changes = false;
    CHECK(bs::io::to_json(groups, [](const std::string& k) { return k; }, o) ==
          "[{\"group\":\"CHINA, PEOPLES REPUBLIC OF\",\"series\":[{\"month\":\"2020-04\",\"value\":12}]},"
          "{\"group\":\"quote \\\" and\\u0009tab\",\"series\":[{\"month\":\"2020-04\",\"value\":1}]}]");

    std::ostringstream os;
    bs::io::write_json(os, groups, [](const std::string& k) { return k; }, o);
    CHECK(os.str() == bs::io::to_json(groups, [](const std::string& k) { return k; }, o));
}

TEST_CASE("every JSON form parses with Python's json module") {
    if (!have_python3()) {
        MESSAGE("python3 not found: JSON checked against exact strings only");
        return;
    }
    bs::monthly_series<std::int64_t> s(year_month{2018, 10}, {51'005, 51'857, 0, 47'979});
    s.erase(year_month{2018, 11});
    std::map<std::string, bs::monthly_series<std::int64_t>> groups{{"a\x01\"\\\n\xFF", s}, {china, s}};
    for (int indent : {0, 2}) {
        bs::io::json_write_options o;
        o.indent = indent;
        CHECK(python_json_ok(bs::io::to_json(s, o)));
        CHECK(python_json_ok(bs::io::to_json(s.by_fiscal_year<bs::us_federal>(), o)));
        CHECK(python_json_ok(bs::io::to_json(groups, [](const std::string& k) { return k; }, o)));
        CHECK(python_json_ok(bs::io::to_json(bs::monthly_series<std::int64_t>{}, o)));
    }
}
