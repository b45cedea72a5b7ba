// Tests for io/file.hpp: every reader takes a file as a const char*, a
// std::string, a std::string_view, a std::filesystem::path or a
// directory_entry (io::file_path), and reads it with <cstdio>. Figures from
// examples/data/SOURCES.md (3a: 9,534 rows, all values 379,157,530).
#include <borderstats/io/bts.hpp>
#include <borderstats/io/csv.hpp>
#include <borderstats/io/file.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "data_path.hpp"

using namespace borderstats;
using namespace borderstats::io;

namespace {

const std::string bts_name = "bts_border_crossing_entry_data_cy2018.csv";

std::int64_t sum_of(const bts_table& table) {
    std::int64_t total = 0;
    for (const bts_record& r : table) total += r.value;
    return total;
}

}  // namespace

TEST_CASE("A BTS file loads the same from a char pointer a string a string_view a path and a directory entry") {
    const std::string name = data_file(bts_name.c_str());
    const std::filesystem::path path(name);
    const bts_table from_chars = load_bts_file(name.c_str());
    CHECK(from_chars.size() == 9'534);
    CHECK(sum_of(from_chars) == 379'157'530);
    CHECK(sum_of(load_bts_file(name)) == 379'157'530);
    CHECK(sum_of(load_bts_file(std::string_view(name))) == 379'157'530);
    CHECK(sum_of(load_bts_file(path)) == 379'157'530);
    CHECK(sum_of(load_bts_file(std::filesystem::directory_entry(path))) == 379'157'530);
    CHECK(from_chars.source() == name);
}

TEST_CASE("A file_path keeps the name it was given for the errors") {
    const std::filesystem::path path = std::filesystem::path("some folder") / "cbp.csv";
    CHECK(file_path(path).string() == path.string());
    CHECK(file_path("a.csv").string() == "a.csv");
    CHECK(std::string(file_path(std::string_view("b.csv")).c_str()) == "b.csv");
}

TEST_CASE("A directory given to a BTS loader is a parse_error at line 0 naming it") {
    parse_failure failure;
    CHECK_FALSE(try_load_bts_file(std::filesystem::path(BORDERSTATS_DATA_DIR), failure).has_value());
    CHECK(failure.where.source == std::filesystem::path(BORDERSTATS_DATA_DIR).string());
    CHECK(failure.where.line == 0);
    CHECK(failure.message == "expected a CSV file, found a directory");
    CHECK_THROWS_AS((void)load_bts_file(BORDERSTATS_DATA_DIR), parse_error);
}

TEST_CASE("A missing BTS file is a parse_error at line 0 naming it") {
    const std::string name = data_file("no-such-bts-file.csv");
    parse_failure failure;
    CHECK_FALSE(try_load_bts_file(name, failure).has_value());
    CHECK(failure.where.source == name);
    CHECK(failure.where.line == 0);
    CHECK(failure.message == "expected a readable CSV file; it does not exist or cannot be opened");
}

TEST_CASE("The stream reader reads a std::ifstream and a std::istringstream as the file reader does") {
    const std::string name = data_file(bts_name.c_str());
    std::ifstream file(name, std::ios::binary);
    REQUIRE(file.is_open());
    std::int64_t from_file = 0;
    for_each_bts_record(file, name, [&](const bts_record& r) { from_file += r.value; });
    CHECK(from_file == 379'157'530);

    std::istringstream text("a,b\n1,2\n3,4");
    csv_stream_reader reader(text, "<text>", csv_options{}, 4);
    csv_record r;
    int records = 0;
    while (reader.next(r)) ++records;
    CHECK(records == 3);
    CHECK(r.empty());
}
