// Tests for io/bts.hpp and the BTS date parser of io/fields.hpp. Expected
// figures come from examples/data/SOURCES.md, never from this code's output.
#include <borderstats/checked.hpp>
#include <borderstats/io/bts.hpp>
#include <borderstats/io/fields.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "data_path.hpp"

using namespace borderstats;
using namespace borderstats::io;

namespace {

const std::string bts_header = "Port Name,State,Port Code,Border,Date,Measure,Value\n";

// A row whose fields start at columns 1, 12, 23, 28, 45, 68 and 80 (with the
// default date and port code).
std::string bts_row(const std::string& date = "03/01/2018 12:00:00 AM", const std::string& port = "2504",
                    const std::string& value = "5") {
    return "San Ysidro,California," + port + ",US-Mexico Border," + date + ",Pedestrians," + value + "\n";
}

parse_failure bts_failure(const std::string& text) {
    parse_failure failure;
    const auto table = try_load_bts(text, "bts.csv", failure);
    REQUIRE_FALSE(table.has_value());
    CHECK(failure.where.source == "bts.csv");
    return failure;
}

void check_where(const parse_failure& f, std::size_t line, std::size_t column, const std::string& field) {
    CHECK(f.where.line == line);
    CHECK(f.where.column == column);
    CHECK(f.field == field);
}

std::int64_t sum_of(const bts_table& t, std::string_view border, std::string_view measure) {
    const dimension_code b = t.code(bts_dimension::border, border);
    const dimension_code m = t.code(bts_dimension::measure, measure);
    std::int64_t s = 0;
    for (const bts_record& r : t)
        if (r[bts_dimension::border] == b && r[bts_dimension::measure] == m) s = checked_add(s, r.value);
    return s;
}

}  // namespace

// -------------------------------------------------------------------- dates

TEST_CASE("BTS dates are read in the three formats the exports use") {
    CHECK(try_parse_bts_month("Mar 2024") == year_month{2024, 3});
    CHECK(try_parse_bts_month("MAR 2024") == year_month{2024, 3});
    CHECK(try_parse_bts_month("12/01/2018 12:00:00 AM") == year_month{2018, 12});
    CHECK(try_parse_bts_month("01/01/2018 12:00:00 AM") == year_month{2018, 1});
    CHECK(try_parse_bts_month("2018-03-01T00:00:00.000") == year_month{2018, 3});
    CHECK(try_parse_bts_month("2018-03-01T00:00:00") == year_month{2018, 3});
}

TEST_CASE("A BTS date on another day than the first is an error not a truncation") {
    std::string_view why;
    CHECK_FALSE(try_parse_bts_month("03/15/2018 12:00:00 AM", &why));
    CHECK(why == bts_date_messages::not_first);
    CHECK_FALSE(try_parse_bts_month("2018-03-02T00:00:00.000", &why));
    CHECK(why == bts_date_messages::not_first);
}

TEST_CASE("A BTS date at another time than midnight is an error") {
    std::string_view why;
    CHECK_FALSE(try_parse_bts_month("03/01/2018 12:00:00 PM", &why));
    CHECK(why == bts_date_messages::not_midnight);
    CHECK_FALSE(try_parse_bts_month("03/01/2018 01:00:00 AM", &why));
    CHECK(why == bts_date_messages::not_midnight);
    CHECK_FALSE(try_parse_bts_month("2018-03-01T12:00:00.000", &why));
    CHECK(why == bts_date_messages::not_midnight);
}

TEST_CASE("Malformed BTS dates are errors that say which format was expected") {
    for (const char* text : {"March 2024", "Sept 2024", "2024-03", "03/01/2018 12:00 AM", "Mar  2024", "3/1/2018 0:0",
                             "3/1/2018 0:00:0", "3/1/2018T0:00", "3/1/20189", "123/1/2018", "3//2018"}) {
        CAPTURE(text);
        std::string_view why;
        CHECK_FALSE(try_parse_bts_month(text, &why).has_value());
        CHECK(why == bts_date_messages::format);
    }
    std::string_view why;
    CHECK_FALSE(try_parse_bts_month("13/01/2018 12:00:00 AM", &why));
    CHECK(why == bts_date_messages::bad_date);
    CHECK_FALSE(try_parse_bts_month("02/30/2018 12:00:00 AM", &why));
    CHECK(why == bts_date_messages::bad_date);
    CHECK_THROWS_AS(parse_bts_month("03/15/2018 12:00:00 AM"), parse_error);
}

TEST_CASE("ISO dates are exactly YYYY-MM-DD and must exist") {
    CHECK(try_parse_iso_date("2019-06-05") == civil_date{2019, 6, 5});
    CHECK(try_parse_iso_date("2020-02-29") == civil_date{2020, 2, 29});
    CHECK_FALSE(try_parse_iso_date("2019-02-29"));
    CHECK_FALSE(try_parse_iso_date("1900-02-29"));
    CHECK(try_parse_iso_date("2000-02-29") == civil_date{2000, 2, 29});
    CHECK_FALSE(try_parse_iso_date("2019-6-5"));
    CHECK_FALSE(try_parse_iso_date("2019-06"));
    CHECK_FALSE(try_parse_iso_date(" 2019-06-05"));
    CHECK(civil_date{2019, 6, 5}.to_string() == "2019-06-05");
    CHECK(civil_date::end_of(year_month{2019, 2}) == civil_date{2019, 2, 28});
    CHECK(civil_date{2019, 5, 31} < civil_date{2019, 6, 1});
}

// -------------------------------------------------------- BTS, small input

TEST_CASE("A BTS row becomes a month with interned text dimensions port code and value") {
    const std::string text = bts_header + bts_row() + bts_row("Apr 2018", "2504", "\"1,234\"") +
                             "Laredo,Texas,2304,US-Mexico Border,2018-04-01T00:00:00.000,Pedestrians,0\n";
    const bts_table t = load_bts(text, "bts.csv");
    REQUIRE(t.size() == 3);
    CHECK(t[0].month == year_month{2018, 3});
    CHECK(t[0].port_code == 2504u);
    CHECK(t[0].value == 5);
    CHECK(t[0].line == 2);
    CHECK(t[1].month == year_month{2018, 4});
    CHECK(t[1].value == 1234);
    CHECK(t[2].value == 0);
    CHECK(t.value(t[2], bts_dimension::port_name) == "Laredo");
    CHECK(t[0][bts_dimension::port_name] == t[1][bts_dimension::port_name]);
    CHECK(t[0][bts_dimension::measure] == t[2][bts_dimension::measure]);
    CHECK(t.dimensions().has(bts_dimension::state));
    CHECK(t.months_range() == month_range::inclusive(year_month{2018, 3}, year_month{2018, 4}));
}

TEST_CASE("The current BTS format with coordinates is read and its extra columns ignored") {
    const std::string text =
        "Port Name,State,Port Code,Border,Date,Measure,Value,Latitude,Longitude,Point\n"
        "Roosville,Montana,3318,US-Canada Border,Mar 2024,Buses,1,48.999,-115.056,POINT (-115.056 48.999)\n";
    const bts_table t = load_bts(text, "bts.csv");
    REQUIRE(t.size() == 1);
    CHECK(t[0].month == year_month{2024, 3});
    CHECK(t[0].port_code == 3318u);
    CHECK(t.value(t[0], bts_dimension::border) == "US-Canada Border");
}

TEST_CASE("A negative BTS value is an error at its line column and field") {
    const auto f = bts_failure(bts_header + bts_row() + bts_row("03/01/2018 12:00:00 AM", "2504", "-3"));
    check_where(f, 3, 80, "Value");
    CHECK(f.message == count_messages::negative);
}

TEST_CASE("A non-numeric BTS value is an error at its line column and field") {
    const auto f = bts_failure(bts_header + bts_row("03/01/2018 12:00:00 AM", "2504", "many"));
    check_where(f, 2, 80, "Value");
    CHECK(f.message == count_messages::not_number);
}

TEST_CASE("A BTS value over the int64 maximum is an overflow error") {
    const auto f = bts_failure(bts_header + bts_row("03/01/2018 12:00:00 AM", "2504", "9223372036854775808"));
    check_where(f, 2, 80, "Value");
    CHECK(f.message == count_messages::overflow);
}

TEST_CASE("A BTS date that is not the first of the month is an error at its line column and field") {
    const auto f = bts_failure(bts_header + bts_row("03/15/2018 12:00:00 AM"));
    check_where(f, 2, 45, "Date");
    CHECK(f.text == "03/15/2018 12:00:00 AM");
    CHECK(f.message == bts_date_messages::not_first);
    const auto g = bts_failure(bts_header + bts_row("Sept 2018"));
    check_where(g, 2, 45, "Date");
    CHECK(g.message == bts_date_messages::format);
}

TEST_CASE("A BTS port code must be plain digits that fit 32 bits") {
    const auto f = bts_failure(bts_header + bts_row("03/01/2018 12:00:00 AM", "\"2,504\""));
    check_where(f, 2, 23, "Port Code");
    CHECK(f.message == count_messages::no_separator);
    const auto g = bts_failure(bts_header + bts_row("03/01/2018 12:00:00 AM", "4294967296"));
    check_where(g, 2, 23, "Port Code");
    CHECK(g.message == bts_port_code_message);
    const auto h = bts_failure(bts_header + bts_row("03/01/2018 12:00:00 AM", "25O4"));
    check_where(h, 2, 23, "Port Code");
}

TEST_CASE("A BTS row with too few or too many fields is an error at its line and column") {
    const auto f = bts_failure(bts_header + "San Ysidro,California,2504,US-Mexico Border,Mar 2018,Pedestrians\n");
    check_where(f, 2, 65, "Value");
    const auto g = bts_failure(bts_header + "San Ysidro,California,2504,US-Mexico Border,Mar 2018,Pedestrians,5,6\n");
    check_where(g, 2, 68, "");
    CHECK(g.text.empty());  // refused as the extra field starts (io/dialect.hpp)
}

TEST_CASE("A BTS file without a required column or with a repeated one is an error on the header") {
    const auto f = bts_failure("Port Name,State,Port Code,Border,Measure,Value\nSan Ysidro,California,2504,x,y,1\n");
    check_where(f, 1, 1, "Date");
    const auto g = bts_failure("Port Name,State,Port Code,Border,Date,Measure,Value,port_name\n");
    check_where(g, 1, 53, "port_name");
}

TEST_CASE("A BTS error after CRLF lines and a quoted multi-line field has the right line") {
    // The line break is in a column the reader ignores: in a dimension it is an error.
    const std::string text = "Port Name,State,Port Code,Border,Date,Measure,Value,Note\r\n"
                             "San Ysidro,California,2504,US-Mexico Border,Mar 2018,Pedestrians,5,\"a\r\nb\"\r\n"
                             "San Ysidro,California,2504,US-Mexico Border,Mar 2018,Pedestrians,x,n\r\n";
    const auto f = bts_failure(text);
    check_where(f, 4, 66, "Value");
}

// --------------------------------------------------------- BTS, real data

TEST_CASE("The BTS 2018 file sums to the published totals") {
    const bts_table t = load_bts_file(data_file("bts_border_crossing_entry_data_cy2018.csv"));
    CHECK(t.size() == 9534);
    std::int64_t all = 0;
    std::size_t zeros = 0;
    std::set<std::uint32_t> ports;
    for (const bts_record& r : t) {
        all = checked_add(all, r.value);
        zeros += r.value == 0 ? 1 : 0;
        ports.insert(r.port_code);
    }
    CHECK(all == 379157530);
    CHECK(zeros == 2);
    CHECK(ports.size() == 114);
    CHECK(t.dimensions()[bts_dimension::state].size() == 15);
    CHECK(t.dimensions()[bts_dimension::measure].size() == 12);
    CHECK(t.months_range() == month_range::inclusive(year_month{2018, 1}, year_month{2018, 12}));
}

TEST_CASE("The BTS 2018 file gives US-Mexico pedestrians and other measures by border") {
    const bts_table t = load_bts_file(data_file("bts_border_crossing_entry_data_cy2018.csv"));
    CHECK(sum_of(t, "US-Mexico Border", "Pedestrians") == 46173881);
    CHECK(sum_of(t, "US-Mexico Border", "Personal Vehicle Passengers") == 144891237);
    CHECK(sum_of(t, "US-Mexico Border", "Personal Vehicles") == 76916275);
    CHECK(sum_of(t, "US-Mexico Border", "Trucks") == 6310903);
    CHECK(sum_of(t, "US-Canada Border", "Personal Vehicle Passengers") == 51460865);
    CHECK(sum_of(t, "US-Canada Border", "Trucks") == 5830926);

    const dimension_code mexico = t.code(bts_dimension::border, "US-Mexico Border");
    const dimension_code pedestrians = t.code(bts_dimension::measure, "Pedestrians");
    std::int64_t january = 0;
    std::int64_t december = 0;
    for (const bts_record& r : t) {
        if (r[bts_dimension::border] != mexico || r[bts_dimension::measure] != pedestrians) continue;
        if (r.month == year_month{2018, 1}) january = checked_add(january, r.value);
        if (r.month == year_month{2018, 12}) december = checked_add(december, r.value);
    }
    CHECK(january == 3731985);
    CHECK(december == 4319416);
}

TEST_CASE("San Ysidro is the top BTS port by personal vehicle passengers in 2018") {
    std::map<dimension_code, std::int64_t> by_port;
    std::optional<dimension_code> passengers;
    const bts_dimensions dims = for_each_bts_record(
        data_file("bts_border_crossing_entry_data_cy2018.csv"), [&](const bts_record& r, const bts_dimensions& d) {
            if (!passengers) passengers = d.find(bts_dimension::measure, "Personal Vehicle Passengers");
            if (passengers && r[bts_dimension::measure] == *passengers)
                by_port[r[bts_dimension::port_name]] = checked_add(by_port[r[bts_dimension::port_name]], r.value);
        });
    REQUIRE_FALSE(by_port.empty());
    auto top = by_port.begin();
    for (auto it = by_port.begin(); it != by_port.end(); ++it)
        if (it->second > top->second) top = it;
    CHECK(dims.name(bts_dimension::port_name, top->first) == "San Ysidro");
    CHECK(top->second == 25182134);
}

TEST_CASE("Streaming a malformed BTS input throws at the bad row after delivering the earlier ones") {
    std::istringstream in(bts_header + bts_row() + bts_row("03/01/2018 12:00:00 AM", "2504", "1.5"));
    std::int64_t seen = 0;
    try {
        for_each_bts_record(in, "bts.csv", [&](const bts_record& r) { seen += r.value; });
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        CHECK(e.source() == "bts.csv");
        CHECK(e.line() == 3);
        CHECK(e.column() == 80);
        CHECK(e.field() == "Value");
    }
    CHECK(seen == 5);
}

// ------------------------------------------------ issue 12: what the data mean

TEST_CASE("Excel re-saved BTS dates M/D/YYYY with or without H:MM are read on the first day at midnight") {
    CHECK(try_parse_bts_month("6/1/2019 0:00") == year_month{2019, 6});
    CHECK(try_parse_bts_month("3/1/2019") == year_month{2019, 3});
    CHECK(try_parse_bts_month("12/1/2018 0:00") == year_month{2018, 12});
    CHECK(try_parse_bts_month("03/01/2018") == year_month{2018, 3});
    CHECK(try_parse_bts_month("3/1/2018 12:00:00 AM") == year_month{2018, 3});
    CHECK(try_parse_bts_month("3/1/2018 00:00:00") == year_month{2018, 3});
    std::string_view why;
    CHECK_FALSE(try_parse_bts_month("6/2/2019 0:00", &why));
    CHECK(why == bts_date_messages::not_first);
    CHECK_FALSE(try_parse_bts_month("6/1/2019 13:00", &why));
    CHECK(why == bts_date_messages::not_midnight);
    CHECK_FALSE(try_parse_bts_month("2/29/2019", &why));
    CHECK(why == bts_date_messages::bad_date);
    CHECK_FALSE(try_parse_bts_month("6/1/2019 24:00", &why));
    CHECK(why == bts_date_messages::format);
}

TEST_CASE("A two-digit BTS year is an error whose message says so") {
    for (const char* text : {"6/1/19 0:00", "6/1/19", "Mar 19"}) {
        CAPTURE(text);
        std::string_view why;
        CHECK_FALSE(try_parse_bts_month(text, &why).has_value());
        CHECK(why == "expected a four-digit year, as in 3/1/2024 or Mar 2024: a two-digit year could be in either century");
    }
    const auto f = bts_failure(bts_header + bts_row("6/1/19 0:00"));
    CHECK(parse_error(f).what() == std::string("bts.csv:2:45: field 'Date': expected a four-digit year, as in 3/1/2024 "
                                               "or Mar 2024: a two-digit year could be in either century (found '6/1/19 0:00')"));
}

TEST_CASE("The bundled BTS file re-saved by Excel with M/D/YYYY H:MM dates reads the published sums") {
    std::ifstream in(data_file("bts_border_crossing_entry_data_cy2018.csv"), std::ios::binary);
    std::string text;
    std::string line;
    while (std::getline(in, line)) {
        // "12/01/2018 12:00:00 AM" -> "12/1/2018 0:00", as Excel writes it.
        const auto at = line.find("/01/2018 12:00:00 AM");
        if (at != std::string::npos) {
            std::size_t start = at;
            while (start > 0 && line[start - 1] != ',') --start;
            const std::string month = std::to_string(std::stoi(line.substr(start, at - start)));
            line.replace(start, at + 20 - start, month + "/1/2018 0:00");
        }
        text += line + "\n";
    }
    REQUIRE(text.find("/1/2018 0:00,") != std::string::npos);
    REQUIRE(text.find("12:00:00 AM") == std::string::npos);
    const bts_table t = load_bts(text, "excel.csv");
    CHECK(t.size() == 9'534);                                           // SOURCES.md
    CHECK(sum_of(t, "US-Mexico Border", "Pedestrians") == 46'173'881);  // SOURCES.md
    CHECK(sum_of(t, "US-Canada Border", "Trucks") == 5'830'926);
}

TEST_CASE("An empty BTS field says it is empty and never suggests a form the field refuses") {
    const auto date = bts_failure(bts_header + bts_row(""));
    CHECK(parse_error(date).what() ==
          std::string("bts.csv:2:45: field 'Date': empty; expected a month as 'Mar 2024', '03/01/2024 12:00:00 AM', "
                      "'3/1/2024 0:00', '3/1/2024' or '2024-03-01T00:00:00.000'"));
    const auto na = bts_failure(bts_header + bts_row("03/01/2018 12:00:00 AM", "#N/A"));
    CHECK(parse_error(na).what() == std::string("bts.csv:2:23: field 'Port Code': expected a port code: digits only, "
                                                "at most 4294967295 (found '#N/A')"));
    const auto empty_port = bts_failure(bts_header + bts_row("03/01/2018 12:00:00 AM", ""));
    CHECK(parse_error(empty_port).what() ==
          std::string("bts.csv:2:23: field 'Port Code': empty; expected a port code: digits only, at most 4294967295"));
    std::string_view why;
    CHECK_FALSE(try_parse_count("#N/A", &why, false));
    CHECK(why == "expected digits only");
}

TEST_CASE("An empty or blank BTS dimension is an error at its line and column and never a group named empty") {
    // The row of another project's public test file: an empty Border.
    const auto border = bts_failure(bts_header + bts_row() + "Calexico,California,2503,,03/01/2019 12:00:00 AM,Pedestrians,346158\n");
    CHECK(parse_error(border).what() ==
          std::string("bts.csv:3:26: field 'Border': empty; expected a value: every row names its group in this column"));
    const auto port = bts_failure(bts_header + ",California,2504,US-Mexico Border,03/01/2018 12:00:00 AM,Pedestrians,5\n");
    check_where(port, 2, 1, "Port Name");
    CHECK(port.message == dimension_messages::empty);
    const auto measure = bts_failure(bts_header + "San Ysidro,California,2504,US-Mexico Border,03/01/2018 12:00:00 AM,   ,5\n");
    CHECK(parse_error(measure).what() ==
          std::string("bts.csv:2:68: field 'Measure': expected a value, found only spaces (found '   ')"));
    const auto state = bts_failure(bts_header + "San Ysidro,\"\",2504,US-Mexico Border,03/01/2018 12:00:00 AM,Trucks,5\n");
    check_where(state, 2, 12, "State");
    CHECK(state.message == dimension_messages::empty);
}

TEST_CASE("A BTS measure holding a line break is an error and not a group of its own") {
    const auto f = bts_failure(bts_header + bts_row() +
                               "San Ysidro,California,2504,US-Mexico Border,04/01/2018 12:00:00 AM,\"Pedestrians\n\",7\n");
    check_where(f, 3, 68, "Measure");
    CHECK(f.message == "expected a value on one line, found a line break inside it (a quoted field split across lines?)");
    const auto tab = bts_failure(bts_header + "San Ysidro\t,California,2504,US-Mexico Border,03/01/2018 12:00:00 AM,Trucks,5\n");
    check_where(tab, 2, 1, "Port Name");
    CHECK(tab.message == "expected text without control characters (bytes 0x00-0x1F, 0x7F)");
}

TEST_CASE("BTS rows whose months span more than 1200 months are refused at the Date that widens the span") {
    const auto f = bts_failure(bts_header + bts_row("Jan 1900") + bts_row("Dec 1999") + bts_row("Jan 2000"));
    CHECK(parse_error(f).what() ==
          std::string("bts.csv:4:45: field 'Date': expected the file's months to span at most 1200 months (100 years), "
                      "but 2000-01 and 1900-01, seen earlier, span 1201 (found 'Jan 2000')"));
    parse_failure none;
    CHECK(try_load_bts(bts_header + bts_row("Jan 1900") + bts_row("Dec 1999"), "bts.csv", none).has_value());
}

TEST_CASE("A BTS filter value that differs from values in the file only by case or spaces is an error listing them") {
    const bts_table t = load_bts(bts_header + bts_row() +
                                     "San Ysidro,California,2504,US-Mexico Border,03/01/2018 12:00:00 AM,pedestrians ,5\n",
                                 "bts.csv");
    parse_failure why;
    CHECK_FALSE(t.try_code(bts_dimension::measure, "Pedestrians", why).has_value());
    CHECK(why.describe() ==
          "bts.csv: filtering Measure by 'Pedestrians' would leave out rows whose value differs from it only in "
          "case or surrounding spaces: 'pedestrians ' (line 3); these are different values to borderstats: name "
          "the one you mean exactly, or fix the file");
    CHECK_THROWS_WITH_AS(t.code(bts_dimension::measure, "Pedestrians"), why.describe().c_str(), lookup_error);
    CHECK(t.name(bts_dimension::port_name, t.code(bts_dimension::port_name, "San Ysidro")) == "San Ysidro");
}

TEST_CASE("A BTS row that repeats the port and month and measure of an earlier row is an error at the later row") {
    const std::string message = "repeats the month and every other value of line 2 (all but the count): a file has "
                                "one row per month and group, so adding both would count that group twice; remove "
                                "the repeated row";
    const parse_failure f = bts_failure(bts_header + bts_row() + bts_row("03/01/2018 12:00:00 AM", "2504", "9"));
    check_where(f, 3, 1, "");
    CHECK(f.message == message);
    // Another port code, month or measure is another row.
    CHECK(load_bts(bts_header + bts_row() + bts_row("03/01/2018 12:00:00 AM", "2505")).size() == 2);
    CHECK(load_bts(bts_header + bts_row() + bts_row("04/01/2018 12:00:00 AM")).size() == 2);

    // The real CY2018 file with its first row appended again (the adversarial
    // bts_dup.csv): refused at line 9,536 (header, 9,534 rows, the copy).
    std::ifstream in(data_file("bts_border_crossing_entry_data_cy2018.csv"), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const std::size_t first = text.find('\n') + 1;
    const std::string row = text.substr(first, text.find('\n', first) + 1 - first);
    CHECK(load_bts(text).size() == 9534);
    parse_failure g;
    CHECK_FALSE(try_load_bts(text + row, "dup.csv", g).has_value());
    CHECK(g.describe() == "dup.csv:9536:1: " + message);
    std::istringstream stream(text + row);
    std::size_t rows = 0;
    CHECK_FALSE(try_for_each_bts_record(stream, "dup.csv", [&](const bts_record&) { ++rows; }, g).has_value());
    CHECK(rows == 9534);
    CHECK(g.describe() == "dup.csv:9536:1: " + message);
}
