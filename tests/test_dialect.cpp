// Tests of borderstats/io/dialect.hpp: one CSV dialect for both readings of a
// file. Every case runs the CBP reader (io/cbp.hpp over io/csv.hpp) and the
// fast path (io/fast_scan.hpp) on the same bytes, from memory and from a
// file, and checks that both give the exact verdict written here: the same
// line, column, field and message, or the same sums.
#include <borderstats/io/cbp.hpp>
#include <borderstats/aggregate_scan.hpp>
#include <borderstats/io/fast_scan.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>

namespace bs = borderstats;
using namespace borderstats::io;

namespace {

// What a reading gave: a total of the counts, or a failure.
struct verdict {
    std::optional<bs::parse_failure> failure;
    std::int64_t total = 0;
    std::uint64_t rows = 0;
};

verdict csv_path(const std::string& text, const csv_options& options) {
    verdict v;
    cbp_reader reader{csv_reader{text, "t.csv", options}};
    cbp_record r;
    bs::parse_failure failure;
    for (;;) {
        const csv_status s = reader.try_next(r, failure);
        if (s == csv_status::end_of_input) return v;
        if (s == csv_status::error) {
            v.failure = failure;
            return v;
        }
        v.total += r.count;
        ++v.rows;
    }
}

verdict fast_path(const std::string& text, const csv_options& options, const encounter_columns& columns,
                  bool from_file) {
    verdict v;
    try {
        encounter_sums sums;
        if (from_file) {
            const auto path = std::filesystem::temp_directory_path() /
                              ("borderstats_dialect_" + std::to_string(std::random_device{}()) + ".csv");
            {
                std::ofstream out(path, std::ios::binary);
                out << text;
            }
            try {
                // (sum_encounters reads files with the default options only.)
                sums = sum_encounters(path, columns, 1);
            } catch (...) {
                std::filesystem::remove(path);
                throw;
            }
            std::filesystem::remove(path);
        } else {
            sums = sum_encounters_text(text, "t.csv", columns, 1, options);
        }
        v.rows = sums.rows();
        sums.for_each([&](bs::year_month, const std::uint32_t*, std::int64_t sum) { v.total += sum; });
    } catch (const bs::parse_error& e) {
        v.failure = e.failure();
        v.failure->where.source = "t.csv";
    }
    return v;
}

encounter_columns region() {
    encounter_columns c;
    c.dimensions = {"Land Border Region"};
    return c;
}

// Both paths (the fast one from memory, and from a file when the options are
// the defaults) give `expected`; returns it for further checks.
verdict both(const std::string& text, const csv_options& options = {}, const encounter_columns& columns = region()) {
    const verdict a = csv_path(text, options);
    const verdict b = fast_path(text, options, columns, false);
    CHECK(a.failure.has_value() == b.failure.has_value());
    if (a.failure && b.failure) {
        CHECK(a.failure->describe() == b.failure->describe());
        CHECK(a.failure->field == b.failure->field);
        CHECK(a.failure->text == b.failure->text);
    } else {
        CHECK(a.total == b.total);
        CHECK(a.rows == b.rows);
    }
    if (options.max_record_bytes == csv_default_max_record_bytes && options.max_fields == csv_default_max_fields) {
        const verdict c = fast_path(text, options, columns, true);
        CHECK(c.failure.has_value() == a.failure.has_value());
        if (a.failure && c.failure) CHECK(a.failure->describe() == c.failure->describe());
        if (!a.failure && !c.failure) CHECK(a.total == c.total);
    }
    return a;
}

const std::string head = "Fiscal Year,Month (abbv),Land Border Region,Encounter Count\n";

void check_failure(const verdict& v, std::size_t line, std::size_t column, const std::string& message) {
    REQUIRE(v.failure.has_value());
    CHECK(v.failure->where.line == line);
    CHECK(v.failure->where.column == column);
    CHECK(v.failure->message == message);
}

}  // namespace

TEST_CASE("dialect a NUL byte inside a projected dimension is an error at the byte on both paths") {
    // "2020,OCT,a" is 10 bytes: the NUL is column 11 of line 2.
    const verdict v = both(head + "2020,OCT,a" + std::string(1, '\0') + "b,5\n");
    check_failure(v, 2, 11, "expected text, found a NUL byte (is this a binary or UTF-16 file?)");
    CHECK(v.failure->text == "\\0");
    CHECK(v.failure->field == "Land Border Region");
}

TEST_CASE("dialect a NUL byte in a column neither path reads is an error too") {
    const std::string text = "Note,Fiscal Year,Month (abbv),Land Border Region,Encounter Count\n"
                             "ok,2020,OCT,SW,5\nx" + std::string(1, '\0') + ",2020,OCT,SW,5\n";
    check_failure(both(text), 3, 2, "expected text, found a NUL byte (is this a binary or UTF-16 file?)");
}

TEST_CASE("dialect a stray byte-order mark inside a dimension is an error at the mark on both paths") {
    const verdict v = both(head + "2020,OCT,5\n2020,OCT,\xEF\xBB\xBFSouthwest,5\n");
    // (line 2 has too few fields, but line 3 is not reached: line 2 fails first)
    check_failure(v, 2, 11, "expected 4 fields as in the header, found 3: the row ends before this column");
    CHECK(v.failure->field == "Encounter Count");
    const verdict w = both(head + "2020,OCT,\xEF\xBB\xBFSouthwest,5\n");
    check_failure(w, 2, 10,
                  "expected text, found a UTF-8 byte-order mark after the start of the input (were two files "
                  "concatenated?)");
}

TEST_CASE("dialect a lone 0xEF that starts no byte-order mark is text on both paths") {
    const verdict v = both(head + "2020,OCT,caf\xEF,5\n");
    CHECK_FALSE(v.failure.has_value());
    CHECK(v.total == 5);
}

TEST_CASE("dialect blank lines before the header are skipped by both paths and still count as lines") {
    const verdict ok = both("\n\r\n" + head + "2020,OCT,SW,5\n2021,NOV,SW,7\n");
    CHECK_FALSE(ok.failure.has_value());
    CHECK(ok.total == 12);
    CHECK(ok.rows == 2);
    // The header is on line 3, so the bad count is on line 5, column 12.
    const verdict bad = both("\n\r\n" + head + "2020,OCT,SW,5\n2021,NOV,SW,x\n");
    REQUIRE(bad.failure.has_value());
    CHECK(bad.failure->where.line == 5);
    CHECK(bad.failure->where.column == 13);
    CHECK(bad.failure->field == "Encounter Count");
}

TEST_CASE("dialect lower-case and snake_case headers are read by both paths") {
    const verdict lower = both("fiscal year,month (abbv),land border region,encounter count\n2020,OCT,SW,5\n");
    CHECK_FALSE(lower.failure.has_value());
    CHECK(lower.total == 5);
    const verdict snake = both("fiscal_year,month_abbv,land_border_region,encounter_count\n2020,OCT,SW,9\n");
    CHECK_FALSE(snake.failure.has_value());
    CHECK(snake.total == 9);
}

TEST_CASE("dialect a header with Fiscal Year and fiscal_year is an error at the second on both paths") {
    // "Fiscal Year," is 12 bytes: fiscal_year starts at column 13.
    const verdict v = both("Fiscal Year,fiscal_year,Month (abbv),Land Border Region,Encounter Count\n2020,2020,OCT,SW,5\n");
    check_failure(v, 1, 13, "expected each column once, but this one repeats column 1 ('Fiscal Year')");
    CHECK(v.failure->field == "fiscal_year");
}

TEST_CASE("dialect a file cut inside its last count is refused at the count on both paths") {
    // The last count 705 cut to 70, no line end: line 3, column 13.
    const verdict v = both(head + "2020,OCT,SW,5\n2020,NOV,SW,70");
    check_failure(v, 3, 13,
                  "expected a line end after the last count: the file ends inside it, so it appears cut short (a "
                  "file still being written, or a partial download)");
    CHECK(v.failure->field == "Encounter Count");
    // With its line end, or quoted (the closing quote shows it is whole), it is read.
    CHECK(both(head + "2020,OCT,SW,5\n2020,NOV,SW,705\n").total == 710);
    CHECK(both(head + "2020,OCT,SW,5\n2020,NOV,SW,\"705\"").total == 710);
    // A last field that is not the count is text, and read as it is.
    const verdict text_last = both("Fiscal Year,Month (abbv),Encounter Count,Land Border Region\n2020,OCT,5,SW");
    CHECK_FALSE(text_last.failure.has_value());
    CHECK(text_last.total == 5);
}

TEST_CASE("dialect every bundled CSV file ends with a line end so the cut-short rule refuses none") {
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(BORDERSTATS_DATA_DIR)) {
        if (entry.path().extension() != ".csv") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        in.seekg(-1, std::ios::end);
        char last = 0;
        in.get(last);
        CAPTURE(entry.path().string());
        CHECK(last == '\n');
        ++files;
    }
    CHECK(files >= 2);
}

TEST_CASE("dialect a header longer than the record limit is refused at line 1 column 1 on both paths") {
    csv_options options;
    options.max_record_bytes = 1000;
    const verdict v = both(std::string(5000, 'h'), options);
    check_failure(v, 1, 1,
                  "expected a record of at most 1000 bytes before its line end, found a longer one (is this a CSV "
                  "file with line ends?)");
    // A data record over the limit, after blank lines, at its own line.
    const verdict w = both(head + "\n2020,OCT,SW," + std::string(2000, '1') + "\n", options);
    check_failure(w, 3, 1,
                  "expected a record of at most 1000 bytes before its line end, found a longer one (is this a CSV "
                  "file with line ends?)");
}

TEST_CASE("dialect a header over the default limit of 16 MiB is refused by both paths") {
    const std::string text(csv_default_max_record_bytes + 10, 'h');
    const verdict v = csv_path(text, {});
    CHECK(fast_path(text, {}, region(), false).failure->describe() == v.failure->describe());
    check_failure(v, 1, 1,
                  "expected a record of at most 16777216 bytes before its line end, found a longer one (is this a "
                  "CSV file with line ends?)");
}

TEST_CASE("dialect a row of commas is refused at its first field too many on both paths") {
    // Fields start at columns 1 to 4; the fifth, one too many, at column 5.
    const verdict v = both(head + std::string(100000, ',') + "\n");
    check_failure(v, 2, 5, "expected 4 fields as in the header, found more");
    CHECK(v.failure->field.empty());
}

TEST_CASE("dialect a header of more fields than the field limit is refused where the limit is passed") {
    csv_options options;
    options.max_fields = 3;
    const verdict v = both(head + "2020,OCT,SW,5\n", options);
    // "Fiscal Year,Month (abbv),Land Border Region," is 44 bytes.
    check_failure(v, 1, 45, "expected at most 3 fields in a record (the reader's limit), found more");
}

TEST_CASE("dialect a header of 30000 columns is read by both paths and its count column found") {
    std::string text;
    for (int i = 0; i < 30000; ++i) text += "c" + std::to_string(i) + ",";
    text += "Fiscal Year,Month (abbv),Land Border Region,Encounter Count\n";
    std::string row(30000, ',');
    row += "2020,OCT,SW,5\n";
    const verdict v = both(text + row);
    CHECK_FALSE(v.failure.has_value());
    CHECK(v.total == 5);
    // The generic header rejects a repeat among them at its column.
    text.pop_back();
    const std::string repeated = text + ",c29999\n";
    csv_reader reader(repeated, "t.csv");
    csv_record header;
    REQUIRE(reader.next(header));
    bs::parse_failure failure;
    CHECK_FALSE(csv_header::try_from(header, "t.csv", failure).has_value());
    CHECK(failure.message == "expected each column name once, but this one repeats column 30000");
    CHECK(failure.where.column == repeated.size() - 6);
}

TEST_CASE("dialect quoting errors read the same on both paths") {
    check_failure(both(head + "2020,OCT,S\"W,5\n"), 2, 11,
                  "expected no quote inside an unquoted field (quote the whole field and double the quotes inside it)");
    check_failure(both(head + "2020,OCT,\"SW\" ,5\n"), 2, 14,
                  "expected the delimiter ',' or the end of the line after a closing quote");
    const verdict unclosed = both(head + "2020,OCT,\"SW,5\n");
    check_failure(unclosed, 2, 10, "expected a closing quote for the field opened here, found the end of the input");
    CHECK(unclosed.failure->field == "Land Border Region");
}
