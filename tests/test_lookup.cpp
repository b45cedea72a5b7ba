// Tests for lookups by name that fail loudly (io/record_table.hpp,
// detail/nearest.hpp): a value or a column the file does not have is an error
// naming the file, the column and the nearest names present. The names in the
// expected messages come from the bundled files' headers and values, listed
// by hand (`head -1`, `cut -d, -f6 | sort -u`).
#include <borderstats/error.hpp>
#include <borderstats/io/bts.hpp>
#include <borderstats/io/cbp.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "data_path.hpp"

using namespace borderstats;
using namespace borderstats::io;

namespace {
std::string lookup_message(const bts_table& t, bts_dimension d, std::string_view value) {
    try {
        (void)t.code(d, value);
    } catch (const lookup_error& e) {
        return e.what();
    }
    return "no error";
}
}  // namespace

TEST_CASE("a measure the BTS file does not have names the file and the column and suggests the nearest measure") {
    const std::string path = data_file("bts_border_crossing_entry_data_cy2018.csv");
    const bts_table t = load_bts_file(path);
    // The twelve measures of the file: only "Pedestrians" is near "Pedestrian".
    CHECK(lookup_message(t, bts_dimension::measure, "Pedestrian") ==
          path + ": field 'Measure': no value 'Pedestrian'; did you mean 'Pedestrians'?");
    // A value that differs only in case is never matched behind the user's
    // back (issue 12's rule): the error lists it with its first line (the
    // first Trucks row of the file is line 5, `grep -n ,Trucks,`).
    CHECK(lookup_message(t, bts_dimension::measure, "trucks") ==
          path + ": no row has Measure 'trucks' exactly, but rows have values that differ from it only in case or "
                 "surrounding spaces: 'Trucks' (line 5); these are different values to borderstats: name the one you "
                 "mean exactly, or fix the file");
    CHECK(t.name(bts_dimension::measure, t.code(bts_dimension::measure, "Pedestrians")) == "Pedestrians");
}

TEST_CASE("the try form of a lookup reports the same failure without throwing") {
    const bts_table t = load_bts("Port Name,State,Port Code,Border,Date,Measure,Value\n"
                                 "San Ysidro,California,2504,US-Mexico Border,Mar 2018,Pedestrians,5\n"
                                 "Laredo,Texas,2304,US-Mexico Border,Mar 2018,Trucks,7\n",
                                 "bts.csv");
    parse_failure failure;
    CHECK_FALSE(t.try_code(bts_dimension::port_name, "Otay Mesa", failure).has_value());
    CHECK(failure.where.source == "bts.csv");
    CHECK(failure.where.line == 0);
    CHECK(failure.field == "Port Name");
    // Nothing near "Otay Mesa": the message lists the values there are.
    CHECK(failure.describe() == "bts.csv: field 'Port Name': no value 'Otay Mesa'; its values are 'San Ysidro' and 'Laredo'");
    const auto laredo = t.try_code(bts_dimension::port_name, "Laredo", failure);
    REQUIRE(laredo.has_value());
    CHECK(t.name(bts_dimension::port_name, *laredo) == "Laredo");
}

TEST_CASE("a long list of values is cut after five with a count of the rest") {
    std::string text = "Port Name,State,Port Code,Border,Date,Measure,Value\n";
    for (const char* port : {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"})
        text += std::string(port) + ",Texas,2304,US-Mexico Border,Mar 2018,Trucks,7\n";
    const bts_table t = load_bts(text, "ports.csv");
    parse_failure failure;
    CHECK_FALSE(t.try_code(bts_dimension::port_name, "Laredo", failure).has_value());
    CHECK(failure.describe() == "ports.csv: field 'Port Name': no value 'Laredo'; its values are 'Alpha', 'Bravo', "
                                "'Charlie', 'Delta', 'Echo' and 2 more");
}

TEST_CASE("a file with no rows has no values to suggest") {
    const bts_table t = load_bts("Port Name,State,Port Code,Border,Date,Measure,Value\n", "empty.csv");
    parse_failure failure;
    CHECK_FALSE(t.try_code(bts_dimension::measure, "Trucks", failure).has_value());
    CHECK(failure.describe() == "empty.csv: field 'Measure': no value 'Trucks'; it has no values");
}

TEST_CASE("a CBP column the file does not have is an error listing the columns it has") {
    // The Southwest border file has no Land Border Region column (its header:
    // Fiscal Year, Month Grouping, Month (abbv), Component, Demographic,
    // Citizenship Grouping, Title of Authority, Encounter Type, Encounter Count).
    const std::string path = data_file("sbo-encounters-fy22-fy25-aug.csv");
    const cbp_table t = load_cbp_file(path);
    const std::string expected = path +
                                 ": field 'Land Border Region': no such column; its columns are 'Fiscal Year', "
                                 "'Month Grouping', 'Month (abbv)', 'Component', 'Demographic' and 4 more";
    CHECK_THROWS_WITH_AS((void)t.code(cbp_dimension::land_border_region, "Southwest Land Border"), expected.c_str(),
                         lookup_error);
    // Decoding a record's code of that column used to end in "dictionary:
    // code 4294967295 is not one of its 0 codes".
    REQUIRE_FALSE(t.empty());
    const cbp_record& r = t[0];
    CHECK_THROWS_WITH_AS((void)t.name(cbp_dimension::land_border_region, r[cbp_dimension::land_border_region]),
                         expected.c_str(), lookup_error);
    // A component spelled short is found by containment.
    parse_failure failure;
    CHECK_FALSE(t.try_code(cbp_dimension::component, "Border Patrol", failure).has_value());
    CHECK(failure.describe() ==
          path + ": field 'Component': no value 'Border Patrol'; did you mean 'U.S. Border Patrol'?");
}

TEST_CASE("a lookup error is a parse error so one catch handles both") {
    const bts_table t = load_bts("Port Name,State,Port Code,Border,Date,Measure,Value\n", "empty.csv");
    CHECK_THROWS_AS((void)t.code(bts_dimension::border, "US-Mexico Border"), parse_error);
}

TEST_CASE("nearest names rank by edit distance and keep at most three") {
    const std::vector<std::string> names{"Trucks", "Truck Containers Full", "Truck Containers Empty", "Trains",
                                         "Buses"};
    const auto close = borderstats::detail::nearest_names("Truck", names);
    REQUIRE(close.size() == 3);
    // "Trucks" is one edit away; the two container measures contain "Truck"
    // (16 and 17 edits); "Trains" is four edits away, more than the two a
    // six-letter name allows, and "Buses" farther still.
    CHECK(close[0] == "Trucks");
    CHECK(close[1] == "Truck Containers Full");
    CHECK(close[2] == "Truck Containers Empty");
    CHECK(borderstats::detail::edit_distance("kitten", "sitting") == 3);
    CHECK(borderstats::detail::edit_distance("", "abc") == 3);
    CHECK(borderstats::detail::edit_distance("ABC", "abc") == 0);
}
