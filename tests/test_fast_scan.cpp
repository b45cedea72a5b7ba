// Tests of borderstats/io/fast_scan.hpp: the projected scanner, the count
// fast path, sum_encounters on the real CBP file, its errors with exact lines
// and columns, and the threaded path against the single-threaded one.
#include <borderstats/aggregate_scan.hpp>
#include <borderstats/io/fast_scan.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "data_path.hpp"

namespace bs = borderstats;
using namespace borderstats::io;

namespace {

const char* const real_cbp = "cbp-nationwide-encounters-fy20-fy23-state.csv";
const char* const header =
    "Fiscal Year,Month Grouping,Month (abbv),Land Border Region,State,Demographic,Citizenship,Title of Authority,"
    "Encounter Count";

// A file in the temporary directory, removed at the end of the test.
struct temp_file {
    std::filesystem::path path;
    explicit temp_file(const std::string& content, const std::string& name = "fast_scan") {
        static int counter = 0;
        path = std::filesystem::temp_directory_path() /
               ("borderstats_" + name + "_" + std::to_string(std::random_device{}()) + "_" + std::to_string(++counter) + ".csv");
        std::ofstream out(path, std::ios::binary);
        out << content;
    }
    ~temp_file() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

encounter_columns region_and_citizenship() {
    encounter_columns c;
    c.dimensions = {"Land Border Region", "Citizenship"};
    return c;
}

// Everything in a result, by strings, in a fixed order.
using flat_result = std::map<std::tuple<std::int32_t, std::string, std::string>, std::int64_t>;
flat_result flatten(const encounter_sums& s) {
    flat_result out;
    s.for_each([&](bs::year_month m, const std::uint32_t* codes, std::int64_t sum) {
        std::string a(s.values(0).name(bs::dimension_code{codes[0]}));
        std::string b = s.dimension_count() > 1 ? std::string(s.values(1).name(bs::dimension_code{codes[1]})) : "";
        out[{m.index(), a, b}] += sum;
    });
    return out;
}

std::int64_t fy_total(const bs::monthly_series<std::int64_t>& s, int fy) {
    return s.fiscal_year_total<bs::us_federal>(bs::fiscal_year<bs::us_federal>{fy}).value_or(-1);
}

// The parse_error sum_encounters throws on `content`.
bs::parse_error error_of(const std::string& content, unsigned threads = 1) {
    temp_file f(content);
    try {
        sum_encounters(f.path, region_and_citizenship(), threads);
    } catch (const bs::parse_error& e) {
        return e;
    }
    FAIL("no parse_error");
    return bs::parse_error("", 0, 0, "", "", "");
}

}  // namespace

TEST_CASE("the fast path gives the published totals on the real CBP file with one and two threads") {
    for (unsigned threads : {1u, 2u}) {
        CAPTURE(threads);
        encounter_columns cols;
        cols.dimensions = {"Land Border Region"};
        const encounter_sums s = sum_encounters(data_file(real_cbp), cols, threads);
        CHECK(s.rows() == 42532);
        const auto sw_code = s.find(0, "Southwest Land Border");
        REQUIRE(sw_code);
        const auto sw = s.total_by_month([&](const std::uint32_t* c) { return c[0] == *sw_code; });
        const auto all = s.total_by_month([](const std::uint32_t*) { return true; });
        CHECK(fy_total(sw, 2020) == 458088);
        CHECK(fy_total(sw, 2021) == 1734686);
        CHECK(fy_total(sw, 2022) == 2378944);
        CHECK(fy_total(sw, 2023) == 2475669);
        CHECK(fy_total(all, 2020) == 646822);
        CHECK(fy_total(all, 2021) == 1956519);
        CHECK(fy_total(all, 2022) == 2766582);
        CHECK(fy_total(all, 2023) == 3201144);
        CHECK(sw.at(bs::year_month{2019, 10}) == 45139);
        CHECK(sw.at(bs::year_month{2021, 3}) == 173277);
        CHECK(sw.at(bs::year_month{2023, 9}) == 269735);
    }
}

TEST_CASE("two threads and tiny chunks give exactly the single-threaded result on the real file") {
    const encounter_sums one = sum_encounters(data_file(real_cbp), region_and_citizenship(), 1);
    const flat_result expected = flatten(one);
    CHECK(expected.size() > 1000);
    for (unsigned threads : {2u, 3u, 7u}) {
        CAPTURE(threads);
        const encounter_sums many = sum_encounters(data_file(real_cbp), region_and_citizenship(), threads, 4096);
        CHECK(many.rows() == one.rows());
        CHECK(flatten(many) == expected);
    }
    CHECK(one.values(1).contains("CHINA, PEOPLES REPUBLIC OF"));
}

TEST_CASE("quoted line ends placed right at the split points do not change the threaded result") {
    // A quoted demographic (a column not summed by: a line break in a summed
    // dimension is an error) holding line ends and text that looks like whole
    // records, moved across the cut points of 2, 3 and 4 threads.
    std::string row = "2021,FYTD,MAR,Southwest Land Border,TX,Single Adults,MEXICO,Title 8,7\r\n";
    std::string trap = "\"X\r\n2020,FYTD,OCT,Southwest Land Border,TX,Single Adults,FAKE,Title 8,999999\r\n\n\rY\"";
    std::string trap_row = "2022,FYTD,APR,Other,FL," + trap + ",PERU,Title 8,5\r\n";
    const std::size_t rows = (std::size_t{1} << 20) / row.size() + 10;  // over 1 MiB: threads are used
    std::string body;
    for (std::size_t i = 0; i < rows; ++i) body += row;
    const std::string head = std::string(header) + "\r\n";
    int wrong_guesses = 0;
    for (unsigned threads : {2u, 3u, 4u}) {
        for (int shift : {-40, -3, -1, 0, 1, 2, 5, 30}) {
            CAPTURE(threads);
            CAPTURE(shift);
            // Total size is fixed, so the cuts are known: put the trap's line
            // ends around the first cut.
            const std::size_t total = head.size() + body.size() + trap_row.size();
            const std::size_t cut = head.size() + (total - head.size()) / threads;
            const std::size_t trap_newline = trap_row.find('\r');
            std::size_t at = static_cast<std::size_t>(static_cast<long>(cut - trap_newline) + shift);
            at -= (at - head.size()) % row.size();  // on a record boundary of the body
            std::string content = head + body.substr(0, at - head.size()) + trap_row + body.substr(at - head.size());
            temp_file f(content);
            const encounter_sums one = sum_encounters(f.path, region_and_citizenship(), 1);
            const encounter_sums many = sum_encounters(f.path, region_and_citizenship(), threads, 4096);
            CHECK(one.rows() == rows + 1);
            CHECK(many.rows() == one.rows());
            CHECK(flatten(many) == flatten(one));
            CHECK_FALSE(many.values(1).contains("FAKE"));
            // Whether the first cut's guess was wrong (the redo path ran).
            const projected_scanner scanner(f.path, {"Fiscal Year"});
            const std::uint64_t truth =
                scanner.scan([](const raw_field*, projected_scanner::record_failure&) { return true; },
                             scanner.data_begin(), cut);
            if (scanner.guess_boundary(cut) != truth) ++wrong_guesses;
        }
    }
    CHECK(wrong_guesses >= 6);
}

TEST_CASE("quoted line ends at every offset around a cut agree with one thread") {
    // Rows of random lengths with quoted multi-line fields everywhere (in a
    // column not summed by): the speculative starts are often wrong and must
    // be redone.
    std::mt19937 rng(4);
    std::string content = std::string(header) + "\n";
    while (content.size() < (std::size_t{3} << 20) / 2) {
        const bool tricky = rng() % 3 == 0;
        std::string demographic = tricky ? "\"A\n" + std::string(rng() % 50, 'x') + "\n,\"\"q\"\"\"" : "FMUA";
        content += "2023,FYTD,JAN,Southwest Land Border,AZ," + demographic + ",PERU,Title 8," + std::to_string(rng() % 100) + "\n";
    }
    temp_file f(content);
    const flat_result expected = flatten(sum_encounters(f.path, region_and_citizenship(), 1));
    for (unsigned threads : {2u, 5u, 16u})
        CHECK(flatten(sum_encounters(f.path, region_and_citizenship(), threads, 4096)) == expected);
}

TEST_CASE("malformed input gives a parse error with the exact line and column") {
    const std::string h = std::string(header) + "\r\n";
    const std::string ok = "2020,FYTD,OCT,Southwest Land Border,TX,Single Adults,MEXICO,Title 8,5\r\n";

    SUBCASE("a count that is not a number") {
        const auto e = error_of(h + ok + "2020,FYTD,OCT,Southwest Land Border,TX,Single Adults,MEXICO,Title 8,12x\r\n");
        CHECK(e.line() == 3);
        CHECK(e.column() == 69);
        CHECK(e.field() == "Encounter Count");
        CHECK(e.text() == "12x");
    }
    SUBCASE("a negative count in quotes after a multi-line field") {
        const auto e = error_of(h + "2020,FYTD,OCT,Other,TX,Single Adults,\"A\nB\",Title 8,\"-1\"\n");
        CHECK(e.line() == 3);
        CHECK(e.column() == 12);
        CHECK(e.field() == "Encounter Count");
        CHECK(e.message().find("negative") != std::string::npos);
    }
    SUBCASE("a bad fiscal year") {
        const auto e = error_of(h + ok + ok + "20x0,FYTD,OCT,Other,TX,Single Adults,MEXICO,Title 8,5\r\n");
        CHECK(e.line() == 4);
        CHECK(e.column() == 1);
        CHECK(e.field() == "Fiscal Year");
    }
    SUBCASE("an unknown month code") {
        const auto e = error_of(h + "2020,FYTD,SEPT,Other,TX,Single Adults,MEXICO,Title 8,5\n");
        CHECK(e.line() == 2);
        CHECK(e.column() == 11);
        CHECK(e.field() == "Month (abbv)");
    }
    SUBCASE("a quote inside an unquoted field") {
        const auto e = error_of(h + ok + "2020,FYTD,OCT,Other,TX,Single Adults,MEX\"ICO,Title 8,5\r\n");
        CHECK(e.line() == 3);
        CHECK(e.column() == 41);
        CHECK(e.field() == "Citizenship");
        CHECK(e.message().find("no quote inside an unquoted field") != std::string::npos);
    }
    SUBCASE("text after a closing quote") {
        const auto e = error_of(h + "2020,FYTD,OCT,Other,TX,Single Adults,\"MEX\"ICO,Title 8,5\r\n");
        CHECK(e.line() == 2);
        CHECK(e.column() == 43);
    }
    SUBCASE("too few fields") {
        const auto e = error_of(h + ok + "2020,FYTD,OCT,Other,TX,Single Adults,MEXICO,5\r\n");
        CHECK(e.line() == 3);
        CHECK(e.column() == 46);
        CHECK(e.message().find("fields") != std::string::npos);
    }
    SUBCASE("too many fields") {
        const auto e = error_of(h + "2020,FYTD,OCT,Other,TX,Single Adults,MEXICO,Title 8,5,6\r\n");
        CHECK(e.line() == 2);
        CHECK(e.column() == 55);
    }
    SUBCASE("an unclosed quote") {
        const auto e = error_of(h + ok + "2020,FYTD,OCT,Other,TX,Single Adults,\"MEXICO,Title 8,5\r\n");
        CHECK(e.line() == 3);
        CHECK(e.column() == 38);
    }
    SUBCASE("an error far into a big file found by the second thread") {
        std::string content = h;
        while (content.size() < (std::size_t{3} << 20)) content += ok;
        const std::size_t lines = 1 + (content.size() - h.size()) / ok.size();
        content += "2020,FYTD,OCT,Other,TX,Single Adults,MEXICO,Title 8,1.5\r\n";
        for (unsigned threads : {1u, 2u}) {
            const auto e = error_of(content, threads);
            CHECK(e.line() == lines + 1);
            CHECK(e.column() == 53);
        }
    }
    SUBCASE("a missing column") {
        temp_file f("Fiscal Year,Month (abbv),Citizenship\n2020,OCT,X\n");
        CHECK_THROWS_AS(sum_encounters(f.path, region_and_citizenship()), bs::parse_error);
    }
}

TEST_CASE("the projected scanner reads buffers with a BOM blank lines mixed line ends and no final line end") {
    const std::string text = "\xEF\xBB\xBF" "a,b,c\r\n1,\"x,\"\"y\"\"\",3\n\n\r4,,6\r7,8,9";
    projected_scanner scanner(text, "<buffer>", {"c", "b"});
    std::vector<std::string> seen;
    scanner.scan([&](const raw_field* f, projected_scanner::record_failure&) {
        seen.push_back(f[0].text() + "|" + f[1].text());
        return true;
    });
    CHECK(seen == std::vector<std::string>{"3|x,\"y\"", "6|", "9|8"});
    CHECK(scanner.column_count() == 3);
    CHECK(scanner.column_of(0) == 2);
}

TEST_CASE("a scanner error on the first line counts columns after the byte order mark") {
    const std::string text = "\xEF\xBB\xBF" "a,b\n1,\"2\"x\n";
    projected_scanner scanner(text, "<buffer>", {"a"});
    try {
        scanner.scan([](const raw_field*, projected_scanner::record_failure&) { return true; });
        FAIL("no error");
    } catch (const bs::parse_error& e) {
        CHECK(e.line() == 2);
        CHECK(e.column() == 6);
        CHECK(e.source() == "<buffer>");
    }
}

TEST_CASE("the count fast path agrees with try_parse_count") {
    const std::vector<std::pair<std::string, bool>> cases = {
        {"0", false},       {"007", false},      {"1234", false},     {"1,234", true},  {"1,234,567", true},
        {"1,23", true},     {"-1", false},       {"+5", false},       {" 7", false},    {"12.0", false},
        {"", false},        {"999999999999999999", false},            {"9223372036854775807", false},
        {"9223372036854775808", false},          {"0,123", true},     {"1e3", false},   {"12x", false}};
    for (const auto& c : cases) {
        const std::string& text = c.first;
        const bool quoted = c.second;
        CAPTURE(text);
        std::string padded = text + std::string(8, '\0');
        const raw_field f{padded.data(), static_cast<std::uint32_t>(text.size()), quoted};
        CHECK(try_parse_count(f) == try_parse_count(text));
    }
}

TEST_CASE("sums that overflow 64 bits throw overflow_error from any thread") {
    std::string content = std::string(header) + "\n";
    const std::string big = "2020,FYTD,OCT,Other,TX,Single Adults,MEXICO,Title 8,999999999999999999\n";
    while (content.size() < (std::size_t{3} << 20)) content += big;
    temp_file f(content);
    CHECK_THROWS_AS(sum_encounters(f.path, region_and_citizenship(), 1), bs::overflow_error);
    CHECK_THROWS_AS(sum_encounters(f.path, region_and_citizenship(), 2), bs::overflow_error);
}
