// Tests of borderstats/io/csv.hpp: the RFC 4180 reader over buffers and
// streams, its errors, the header, and the bundled real files.
#include <borderstats/io/csv.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

#include "data_path.hpp"

using borderstats::parse_error;
using borderstats::parse_failure;
using namespace borderstats::io;

namespace {

// A record copied out of the reader, with everything the reader says about it.
struct field_copy {
    std::string text;
    std::size_t line;
    std::size_t column;
    bool quoted;
    bool operator==(const field_copy& o) const {
        return text == o.text && line == o.line && column == o.column && quoted == o.quoted;
    }
};

struct record_copy {
    std::size_t line = 0;
    std::vector<field_copy> fields;
    bool operator==(const record_copy& o) const { return line == o.line && fields == o.fields; }
};

// All the records of an input, then the failure if there was one.
struct outcome {
    std::vector<record_copy> records;
    bool failed = false;
    std::size_t line = 0;
    std::size_t column = 0;
    std::string message;
    bool operator==(const outcome& o) const {
        return records == o.records && failed == o.failed && line == o.line && column == o.column &&
               message == o.message;
    }
};

record_copy copy(const csv_record& r) {
    record_copy out;
    out.line = r.line();
    for (std::size_t i = 0; i < r.size(); ++i)
        out.fields.push_back({std::string(r[i]), r.line_of(i), r.column_of(i), r.was_quoted(i)});
    return out;
}

template <typename Reader>
outcome drain(Reader& reader) {
    outcome out;
    csv_record record;
    parse_failure failure;
    for (;;) {
        const csv_status s = reader.try_next(record, failure);
        if (s == csv_status::end_of_input) return out;
        if (s == csv_status::error) {
            out.failed = true;
            out.line = failure.where.line;
            out.column = failure.where.column;
            out.message = failure.message;
            return out;
        }
        out.records.push_back(copy(record));
    }
}

outcome read_buffer(std::string_view text, csv_options options = {}) {
    csv_reader reader(text, "<test>", options);
    return drain(reader);
}

outcome read_stream(const std::string& text, std::size_t chunk, csv_options options = {}) {
    std::istringstream in(text);
    csv_stream_reader reader(in, "<test>", options, chunk);
    return drain(reader);
}

std::vector<std::vector<std::string>> texts(const outcome& o) {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : o.records) {
        out.emplace_back();
        for (const auto& f : r.fields) out.back().push_back(f.text);
    }
    return out;
}

using rows = std::vector<std::vector<std::string>>;

// The failure of an input expected to fail, checking that it fails.
parse_failure failure_of(std::string_view text, csv_options options = {}) {
    csv_reader reader(text, "<test>", options);
    csv_record record;
    parse_failure failure;
    csv_status s;
    while ((s = reader.try_next(record, failure)) == csv_status::record) {
    }
    REQUIRE(s == csv_status::error);
    return failure;
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// A plain byte-at-a-time reading of the documented dialect (with ',' and '"'),
// written as directly as possible, to check the real reader against.
outcome reference_read(const std::string& s) {
    outcome out;
    std::size_t i = 0;
    std::size_t line = 1;
    std::size_t line_start = 0;
    const auto is_bom = [&](std::size_t k) { return k + 3 <= s.size() && s.compare(k, 3, "\xEF\xBB\xBF") == 0; };
    const auto column = [&](std::size_t k) { return k - line_start + 1; };
    const auto line_end = [&] {
        if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
            i += 2;
        else
            i += 1;
        ++line;
        line_start = i;
    };
    const auto fail = [&](std::size_t l, std::size_t c) {
        out.failed = true;
        out.line = l;
        out.column = c;
        return out;
    };
    if (is_bom(0)) i = line_start = 3;
    for (;;) {
        while (i < s.size() && (s[i] == '\r' || s[i] == '\n')) line_end();
        if (i == s.size()) return out;
        record_copy record;
        record.line = line;
        for (;;) {
            field_copy f{"", line, column(i), false};
            if (i < s.size() && s[i] == '"') {
                f.quoted = true;
                const std::size_t open_line = line;
                const std::size_t open_column = column(i);
                ++i;
                for (;;) {
                    if (i == s.size()) return fail(open_line, open_column);
                    if (s[i] == '"') {
                        if (i + 1 < s.size() && s[i + 1] == '"') {
                            f.text += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (s[i] == '\0' || is_bom(i)) return fail(line, column(i));
                    if (s[i] == '\r' || s[i] == '\n') {
                        const std::size_t from = i;
                        line_end();
                        f.text.append(s, from, i - from);
                        continue;
                    }
                    f.text += s[i++];
                }
                record.fields.push_back(f);
                if (i == s.size()) break;
                if (s[i] == ',') {
                    ++i;
                    continue;
                }
                if (s[i] == '\r' || s[i] == '\n') {
                    line_end();
                    break;
                }
                return fail(line, column(i));
            }
            while (i < s.size() && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
                if (s[i] == '"' || s[i] == '\0' || is_bom(i)) return fail(line, column(i));
                f.text += s[i++];
            }
            record.fields.push_back(f);
            if (i == s.size()) break;
            if (s[i] == ',') {
                ++i;
                continue;
            }
            line_end();
            break;
        }
        out.records.push_back(record);
        if (i == s.size()) return out;
    }
}

// Inputs that exercise every corner, for comparing the readers.
const std::vector<std::string>& tricky_inputs() {
    static const std::vector<std::string> inputs{
        "",
        "\n",
        "\r\n\r\n",
        "a",
        "a,b,c",
        "a,b,c\n",
        "a,b,c\r\n1,2,3\r\n",
        "a,b\r\n\r\n\r\nc,d\r\n\r\n",
        "a,b\rc,d\r",
        "a,b\nc,d\r\ne,f\rg,h",
        "\"a,b\",\"c\"\"d\",\"\"\r\n\"\"\"\",x\r\n",
        "\"multi\r\nline\nfield\",next\r\nafter,\"x\"\n",
        "\"\",\"\"\r\n,\r\n,,\n",
        "\xEF\xBB\xBF" "Name,Value\r\n\"CHINA, PEOPLES REPUBLIC OF\",12\r\n",
        "\xEF\xBB\xBF",
        "\xEF\xBB",
        "caf\xC3\xA9,\xEF\xBC\xA1,\"\xEF\xBC\xA1\"\n",
        "long field with many bytes to cross a sixteen byte block,\"and a quoted one, with commas, "
        "and \"\"doubled\"\" quotes, and\r\na line end inside\",x\r\n",
        "a,b\n\"unclosed,\nmore\n",
        "a,b\n\"x\" ,y\n",
        "a,b\nab\"c,d\n",
        "a,b\nc,d\0e\n",
        "a,b\n\xEF\xBB\xBF" "c,d\n",
        "a,\"q\xEF\xBB\xBF\"\n",
        "a,\"q\"\xEF\xBB\xBF\n",
        "\"x\"\"",
        "\"x\"\"\"",
        "x,\"y\"\r",
        "x,\"y\"\r\n",
    };
    return inputs;
}

// A stream whose reads fail, as a disk error would.
class failing_buffer : public std::streambuf {
protected:
    int_type underflow() override { throw std::runtime_error("disk on fire"); }
};

std::int64_t sum_column(const std::string& path, std::string_view column_name, std::size_t& records,
                        std::size_t& fields_per_record, bool& all_same_width) {
    csv_stream_reader reader = csv_stream_reader::open(path);
    csv_record record;
    REQUIRE(reader.next(record));
    const csv_header header(record, reader.source_name());
    const auto column = header.find(column_name);
    REQUIRE(column.has_value());
    std::int64_t sum = 0;
    records = 0;
    fields_per_record = header.size();
    all_same_width = true;
    while (reader.next(record)) {
        ++records;
        if (record.size() != header.size()) all_same_width = false;
        const std::string_view text = record[*column];
        std::int64_t value = 0;
        const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        REQUIRE(result.ec == std::errc());
        REQUIRE(result.ptr == text.data() + text.size());
        sum += value;
    }
    return sum;
}

std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

TEST_SUITE("csv") {

TEST_CASE("plain records split at the delimiter and the line end") {
    CHECK(texts(read_buffer("a,b,c\n1,2,3\n")) == rows{{"a", "b", "c"}, {"1", "2", "3"}});
    CHECK(texts(read_buffer("a,b,c\n1,2,3")) == rows{{"a", "b", "c"}, {"1", "2", "3"}});
    CHECK(texts(read_buffer("a,,c,\n,")) == rows{{"a", "", "c", ""}, {"", ""}});
    CHECK(texts(read_buffer("only")) == rows{{"only"}});
    CHECK(texts(read_buffer("  spaced  , kept ")) == rows{{"  spaced  ", " kept "}});
}

TEST_CASE("an empty input and an input of line ends hold no record") {
    CHECK(read_buffer("").records.empty());
    CHECK(read_buffer("\n\n\r\n\r").records.empty());
    CHECK(read_stream("", 3).records.empty());
}

TEST_CASE("quoted fields keep delimiters and un-double their quotes") {
    const outcome o = read_buffer("\"CHINA, PEOPLES REPUBLIC OF\",\"say \"\"hi\"\"\",\"\"\"\",\"\"\n");
    REQUIRE(o.records.size() == 1);
    CHECK(texts(o) == rows{{"CHINA, PEOPLES REPUBLIC OF", "say \"hi\"", "\"", ""}});
    for (const auto& f : o.records[0].fields) CHECK(f.quoted);
    CHECK_FALSE(read_buffer("x\n").records[0].fields[0].quoted);
}

TEST_CASE("was_quoted tells an empty quoted field from an empty unquoted one") {
    const std::string text = "\"\",\n";
    csv_reader reader(text, "<test>");
    csv_record record;
    REQUIRE(reader.next(record));
    REQUIRE(record.size() == 2);
    CHECK(record[0].empty());
    CHECK(record[1].empty());
    CHECK(record.was_quoted(0));
    CHECK_FALSE(record.was_quoted(1));
}

TEST_CASE("fields without doubled quotes are views into the input buffer") {
    const std::string text = "plain,\"quoted, no doubles\",\"has \"\"doubles\"\"\"\n";
    csv_reader reader(text, "<test>");
    csv_record record;
    REQUIRE(reader.next(record));
    const auto inside = [&](std::string_view v) {
        return v.data() >= text.data() && v.data() + v.size() <= text.data() + text.size();
    };
    CHECK(inside(record[0]));
    CHECK(inside(record[1]));
    CHECK(record[1] == "quoted, no doubles");
    CHECK_FALSE(inside(record[2]));  // un-doubled into the scratch buffer
    CHECK(record[2] == "has \"doubles\"");
}

TEST_CASE("several un-doubled fields in one record all stay valid") {
    // Enough of them to make the scratch buffer grow mid-record.
    std::string text;
    std::vector<std::string> expected;
    for (int i = 0; i < 50; ++i) {
        const std::string value = std::string(static_cast<std::size_t>(i) * 7, 'x') + "\"" + std::to_string(i);
        expected.push_back(value);
        if (i > 0) text += ',';
        text += '"';
        for (char c : value) {
            if (c == '"') text += '"';
            text += c;
        }
        text += '"';
    }
    CHECK(texts(read_buffer(text)) == rows{expected});
    CHECK(texts(read_stream(text, 5)) == rows{expected});
}

TEST_CASE("line ends inside quotes are kept and counted") {
    const outcome o = read_buffer("h1,h2\r\n\"two\r\nlines\",\"three\nmore\rlines\"\r\nlast,x\r\n");
    REQUIRE(o.records.size() == 3);
    CHECK(o.records[1].fields[0].text == "two\r\nlines");
    CHECK(o.records[1].fields[1].text == "three\nmore\rlines");
    CHECK(o.records[1].line == 2);
    CHECK(o.records[1].fields[1].line == 3);
    CHECK(o.records[1].fields[1].column == 8);
    CHECK(o.records[2].line == 6);
    CHECK(o.records[2].fields[1].column == 6);
}

TEST_CASE("CRLF and LF and lone CR line ends may be mixed") {
    const outcome o = read_buffer("a,b\r\nc,d\ne,f\rg,h");
    CHECK(texts(o) == rows{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}});
    REQUIRE(o.records.size() == 4);
    CHECK(o.records[0].line == 1);
    CHECK(o.records[1].line == 2);
    CHECK(o.records[2].line == 3);
    CHECK(o.records[3].line == 4);
}

TEST_CASE("lines and columns of each field are 1-based and count the opening quote") {
    const std::string text = "id,name\n7,\"Smith, J\",x\n";
    csv_reader reader(text, "<test>");
    csv_record record;
    REQUIRE(reader.next(record));
    CHECK(record.line() == 1);
    CHECK(record.column_of(1) == 4);
    REQUIRE(reader.next(record));
    CHECK(record.line() == 2);
    CHECK(record.line_of(0) == 2);
    CHECK(record.column_of(0) == 1);
    CHECK(record.column_of(1) == 3);
    CHECK(record.column_of(2) == 14);
    CHECK_FALSE(reader.next(record));
    CHECK(record.size() == 0);
}

TEST_CASE("the checked accessors throw out_of_range past the last field") {
    const std::string text = "a,b\n";
    csv_reader reader(text, "<test>");
    csv_record record;
    REQUIRE(reader.next(record));
    CHECK(record.at(1) == "b");
    CHECK_THROWS_AS((void)record.at(2), std::out_of_range);
    CHECK_THROWS_AS((void)record.line_of(2), std::out_of_range);
    CHECK_THROWS_AS((void)record.column_of(2), std::out_of_range);
    CHECK_THROWS_AS((void)record.was_quoted(2), std::out_of_range);
}

TEST_CASE("a byte-order mark at the start is skipped and columns count from after it") {
    const outcome o = read_buffer("\xEF\xBB\xBF" "Name,Value\r\nx,1\r\n");
    CHECK(texts(o) == rows{{"Name", "Value"}, {"x", "1"}});
    REQUIRE(o.records.size() == 2);
    CHECK(o.records[0].fields[0].column == 1);
    CHECK(o.records[0].fields[1].column == 6);
    CHECK(read_buffer("\xEF\xBB\xBF").records.empty());
    CHECK(texts(read_buffer("\xEF\xBB\xBF\"q\"")) == rows{{"q"}});
}

TEST_CASE("an incomplete byte-order mark is ordinary text") {
    CHECK(texts(read_buffer("\xEF\xBB")) == rows{{"\xEF\xBB"}});
    CHECK(texts(read_buffer("\xEF\xBC\xA1,x")) == rows{{"\xEF\xBC\xA1", "x"}});
}

TEST_CASE("blank lines in the middle and at the end carry no record but count as lines") {
    const outcome o = read_buffer("a,b\r\n\r\n\nc,d\r\n\r\n\r\n");
    CHECK(texts(o) == rows{{"a", "b"}, {"c", "d"}});
    REQUIRE(o.records.size() == 2);
    CHECK(o.records[1].line == 4);
    const parse_failure f = failure_of("a\n\n\nb\"\n");
    CHECK(f.where.line == 4);
}

TEST_CASE("other delimiters and quotes can be chosen") {
    csv_options semicolon;
    semicolon.delimiter = ';';
    CHECK(texts(read_buffer("a;\"b;c\";d,e\n", semicolon)) == rows{{"a", "b;c", "d,e"}});
    csv_options tab_single;
    tab_single.delimiter = '\t';
    tab_single.quote = '\'';
    CHECK(texts(read_buffer("a\t'b\tc''d'\t\"e\"\n", tab_single)) == rows{{"a", "b\tc'd", "\"e\""}});
    CHECK(contains(failure_of("'x' y\n", tab_single).message, "tab"));
}

TEST_CASE("options that cannot describe CSV are rejected") {
    csv_options same;
    same.quote = ',';
    CHECK_THROWS_AS(csv_reader("", "<test>", same), borderstats::error);
    csv_options newline;
    newline.delimiter = '\n';
    CHECK_THROWS_AS(csv_reader("", "<test>", newline), borderstats::error);
}

TEST_CASE("an unclosed quote is reported where the quote opened") {
    const parse_failure f = failure_of("a,b\r\nc,\"open\r\nstill open\r\n");
    CHECK(f.where.source == "<test>");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 3);
    CHECK(contains(f.message, "expected a closing quote"));
    CHECK(contains(f.message, "end of the input"));
    const parse_failure g = failure_of("\"");
    CHECK(g.where.line == 1);
    CHECK(g.where.column == 1);
}

TEST_CASE("text after a closing quote is an error at that text") {
    const parse_failure f = failure_of("a,b\n\"x\" ,y\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 4);
    CHECK(f.text == " ");
    CHECK(contains(f.message, "expected the delimiter ',' or the end of the line after a closing quote"));
    const parse_failure g = failure_of("\"multi\nline\"x\n");
    CHECK(g.where.line == 2);
    CHECK(g.where.column == 6);
}

TEST_CASE("a quote inside an unquoted field is an error at the quote") {
    const parse_failure f = failure_of("a,b\n12,ab\"c\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 6);
    CHECK(f.text == "ab\"");
    CHECK(contains(f.message, "expected no quote inside an unquoted field"));
}

TEST_CASE("a NUL byte anywhere is an error at the byte") {
    using namespace std::string_literals;
    const parse_failure f = failure_of("a,b\nc,d\0e\n"s);
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 4);
    CHECK(contains(f.message, "expected text, found a NUL byte"));
    const parse_failure g = failure_of("\"x\ny\0\"\n"s);
    CHECK(g.where.line == 2);
    CHECK(g.where.column == 2);
    const parse_failure h = failure_of("\"x\"\0"s);
    CHECK(h.where.column == 4);
    CHECK(contains(h.message, "NUL"));
    // UTF-16 text is mostly NUL bytes: it fails on the first one.
    const parse_failure u = failure_of("a\0,\0b\0"s);
    CHECK(u.where.column == 2);
}

TEST_CASE("a byte-order mark after the start is an error at the mark") {
    const parse_failure f = failure_of("a,b\n\xEF\xBB\xBF" "c,d\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 1);
    CHECK(contains(f.message, "expected text, found a UTF-8 byte-order mark"));
    const parse_failure g = failure_of("a,xy\xEF\xBB\xBF\n");
    CHECK(g.where.line == 1);
    CHECK(g.where.column == 5);
    const parse_failure h = failure_of("a,\"q\n\xEF\xBB\xBF\"\n");
    CHECK(h.where.line == 2);
    CHECK(h.where.column == 1);
    const parse_failure i = failure_of("\"q\"\xEF\xBB\xBF\n");
    CHECK(i.where.column == 4);
    CHECK(contains(i.message, "byte-order mark"));
    const parse_failure twice = failure_of("\xEF\xBB\xBF\xEF\xBB\xBF" "a\n");
    CHECK(twice.where.column == 1);
}

TEST_CASE("the throwing next raises a parse_error that names source and line and column") {
    const std::string text = "a,b\nc,\"d\n";
    csv_reader reader(text, "states.csv");
    csv_record record;
    REQUIRE(reader.next(record));
    try {
        reader.next(record);
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        CHECK(e.source() == "states.csv");
        CHECK(e.line() == 2);
        CHECK(e.column() == 3);
        CHECK(contains(e.message(), "expected a closing quote"));
        CHECK(contains(std::string(e.what()), "states.csv:2:3: expected a closing quote"));
    }
}

TEST_CASE("a reader that failed keeps failing with the same failure") {
    const std::string text = "x\"y\nok\n";
    csv_reader reader(text, "<test>");
    csv_record record;
    parse_failure first;
    parse_failure second;
    CHECK(reader.try_next(record, first) == csv_status::error);
    CHECK(reader.try_next(record, second) == csv_status::error);
    CHECK(second.describe() == first.describe());
    CHECK_THROWS_AS(reader.next(record), parse_error);
}

TEST_CASE("the portable and SSE2 classifiers of the dialect agree with a plain loop") {
    namespace d = borderstats::io::detail;
    borderstats::io::csv_options options;
    options.delimiter = ';';
    const d::csv_needles needles(options);
    std::mt19937 random(20240601u);
    const std::string alphabet("abc;,\"\r\n\0\xEF\xBB\xBF\x80\xFF", 15);
    for (int trial = 0; trial < 3000; ++trial) {
        std::string text(64 + 64, 'a');  // 64 bytes classified, the rest readable padding
        const unsigned density = 1 + random() % 40;
        for (auto& c : text)
            if (random() % density == 0) c = alphabet[random() % alphabet.size()];
        d::csv_masks expected{0, 0, 0};
        for (unsigned k = 0; k < 64; ++k) {
            const char c = text[k];
            expected.quote |= std::uint64_t{c == '"'} << k;
            expected.structural |= std::uint64_t{c == ';' || c == '\r' || c == '\n'} << k;
            expected.odd |= std::uint64_t{c == '\0' || c == '\xEF'} << k;
        }
        const auto same = [&](const d::csv_masks& m) {
            return m.quote == expected.quote && m.structural == expected.structural && m.odd == expected.odd;
        };
        REQUIRE(same(d::csv_block_masks_portable(text.data(), needles)));
        REQUIRE(same(d::csv_block_masks(text.data(), needles)));
#if defined(BORDERSTATS_CSV_SSE2)
        REQUIRE(same(d::csv_block_masks_sse2(text.data(), needles)));
#endif
        // A partial block: only the first n bytes count.
        const std::size_t n = random() % 65;
        const d::csv_masks partial = d::csv_block_masks_partial(text.data(), n, needles);
        const std::uint64_t valid = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
        REQUIRE(partial.quote == (expected.quote & valid));
        REQUIRE(partial.structural == (expected.structural & valid));
        REQUIRE(partial.odd == (expected.odd & valid));
    }
}

TEST_CASE("the buffer reader agrees with a byte-at-a-time reference on tricky inputs") {
    for (const std::string& input : tricky_inputs()) {
        CAPTURE(input);
        const outcome real = read_buffer(input);
        const outcome expected = reference_read(input);
        CHECK(real.records == expected.records);
        CHECK(real.failed == expected.failed);
        CHECK(real.line == expected.line);
        CHECK(real.column == expected.column);
    }
}

TEST_CASE("the stream reader with tiny chunks gives the same records and errors as the buffer reader") {
    for (const std::string& input : tricky_inputs()) {
        const outcome expected = read_buffer(input);
        for (std::size_t chunk : {1u, 2u, 3u, 4u, 5u, 7u, 16u, 64u, 1u << 20}) {
            CAPTURE(input);
            CAPTURE(chunk);
            CHECK(read_stream(input, chunk) == expected);
        }
    }
}

TEST_CASE("records straddling chunks inside quotes and CRLF split across chunks read the same") {
    // Every split point of this input lands somewhere awkward for some chunk
    // size: inside a quoted field, between the two quotes of a doubled quote,
    // between CR and LF, and inside the byte-order mark.
    const std::string input =
        "\xEF\xBB\xBF" "id,text\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n\r\n2,\"\"\"\"\r\n3,plain\r\n";
    const outcome expected = read_buffer(input);
    REQUIRE(texts(expected) == rows{{"id", "text"}, {"1", "a, \"b\"\r\nc"}, {"2", "\""}, {"3", "plain"}});
    for (std::size_t chunk = 1; chunk <= input.size() + 1; ++chunk) {
        CAPTURE(chunk);
        CHECK(read_stream(input, chunk) == expected);
    }
}

TEST_CASE("random inputs read the same in the reference and the buffer reader and the stream reader") {
    std::mt19937 random(4180u);
    const std::string alphabet("ab ,,\"\"\r\n\0\xEF\xBB\xBF", 13);
    for (int trial = 0; trial < 4000; ++trial) {
        const std::size_t length = random() % (trial % 10 == 0 ? 400 : 40);
        std::string input;
        for (std::size_t k = 0; k < length; ++k) {
            // Mostly letters, so fields are long enough for the 16-byte search.
            input += (random() % 3 == 0) ? alphabet[random() % alphabet.size()] : 'a';
        }
        if (trial % 7 == 0) input = "\xEF\xBB\xBF" + input;
        CAPTURE(input);
        const outcome expected = reference_read(input);
        const outcome real = read_buffer(input);
        REQUIRE(real.records == expected.records);
        REQUIRE(real.failed == expected.failed);
        REQUIRE(real.line == expected.line);
        REQUIRE(real.column == expected.column);
        const std::size_t chunk = 1 + random() % 9;
        CAPTURE(chunk);
        REQUIRE(read_stream(input, chunk) == real);
    }
}

TEST_CASE("long fields that span many 64-byte blocks read the same as the reference") {
    std::mt19937 random(64u);
    std::string input;
    for (int row = 0; row < 60; ++row) {
        for (int column = 0; column < 4; ++column) {
            if (column > 0) input += ',';
            const std::string body(random() % 300, static_cast<char>('a' + column));
            if (random() % 2 == 0)
                input += body;
            else
                input += "\"" + body + (random() % 2 == 0 ? "\"\"" : ",\r\n") + body + "\"";
        }
        input += (row % 3 == 0) ? "\r\n" : "\n";
    }
    const outcome expected = reference_read(input);
    REQUIRE_FALSE(expected.failed);
    REQUIRE(expected.records.size() == 60);
    CHECK(read_buffer(input) == expected);
    CHECK(read_stream(input, 100) == expected);
    CHECK(read_stream(input, 1) == expected);
}

TEST_CASE("the stream buffer grows only for a record larger than it") {
    std::string input;
    for (int i = 0; i < 200; ++i) input += "short,\"record\"\r\n";
    {
        std::istringstream in(input);
        csv_stream_reader reader(in, "<test>", {}, 64);
        csv_record record;
        std::size_t count = 0;
        while (reader.next(record)) ++count;
        CHECK(count == 200);
        CHECK(reader.buffer_capacity() == 64);
    }
    input += "\"" + std::string(1000, 'x') + "\"\r\nafter\r\n";
    std::istringstream in(input);
    csv_stream_reader reader(in, "<test>", {}, 64);
    csv_record record;
    std::size_t count = 0;
    while (reader.next(record)) {
        ++count;
        if (count == 201) CHECK(record[0].size() == 1000);
    }
    CHECK(count == 202);
    CHECK(reader.buffer_capacity() >= 1003);
    CHECK(reader.buffer_capacity() <= 2 * 1003 + 64);
}

TEST_CASE("the stream reader reports a read error from its stream") {
    failing_buffer buffer;
    std::istream in(&buffer);
    csv_stream_reader reader(in, "<disk>");
    csv_record record;
    parse_failure failure;
    CHECK(reader.try_next(record, failure) == csv_status::error);
    CHECK(failure.where.source == "<disk>");
    CHECK(contains(failure.message, "expected to read the input"));
}

TEST_CASE("opening a missing file or a directory throws a parse_error naming it at line 0") {
    const std::string missing = data_file("no-such-file.csv");
    try {
        (void)csv_stream_reader::open(missing);
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        CHECK(e.source() == missing);
        CHECK(e.line() == 0);
        CHECK(contains(e.message(), "expected a readable CSV file"));
    }
    const std::string directory = BORDERSTATS_DATA_DIR;
    try {
        (void)csv_stream_reader::open(directory);
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        CHECK(e.source() == directory);
        CHECK(e.line() == 0);
        CHECK(contains(e.message(), "directory"));
    }
    parse_failure failure;
    CHECK_FALSE(csv_stream_reader::try_open(missing, failure).has_value());
    CHECK(failure.where.source == missing);
}

TEST_CASE("the header finds columns by trimmed name exactly or ignoring case") {
    const std::string text = "Fiscal Year, Month (abbv) ,Encounter Count,encounter count\n";
    csv_reader reader(text, "<test>");
    csv_record record;
    REQUIRE(reader.next(record));
    const csv_header header(record, reader.source_name());
    CHECK(header.size() == 4);
    CHECK(header.name(1) == "Month (abbv)");
    CHECK(header.find("Fiscal Year") == std::optional<std::size_t>(0));
    CHECK(header.find(" Month (abbv)") == std::optional<std::size_t>(1));
    CHECK_FALSE(header.find("fiscal year").has_value());
    CHECK_FALSE(header.find("Fiscal").has_value());
    CHECK(header.find_case_insensitive("FISCAL YEAR") == std::optional<std::size_t>(0));
    // Two columns differ only in case: an exact match wins, anything else is ambiguous.
    CHECK(header.find_case_insensitive("Encounter Count") == std::optional<std::size_t>(2));
    CHECK(header.find_case_insensitive("encounter count") == std::optional<std::size_t>(3));
    CHECK_FALSE(header.find_case_insensitive("ENCOUNTER COUNT").has_value());
}

TEST_CASE("a duplicate column name is an error at the duplicate") {
    const std::string text = "Port Name,State,Value, State\n";
    csv_reader reader(text, "bts.csv");
    csv_record record;
    REQUIRE(reader.next(record));
    try {
        const csv_header header(record, reader.source_name());
        FAIL("expected a parse_error");
    } catch (const parse_error& e) {
        CHECK(e.source() == "bts.csv");
        CHECK(e.line() == 1);
        CHECK(e.column() == 23);
        CHECK(e.field() == "State");
        CHECK(contains(e.message(), "expected each column name once"));
        CHECK(contains(e.message(), "column 2"));
    }
    parse_failure failure;
    CHECK_FALSE(csv_header::try_from(record, "bts.csv", failure).has_value());
    CHECK(failure.where.column == 23);
}

TEST_CASE("the CBP state file has 42532 records of 9 fields summing to 8571067 encounters") {
    std::size_t records = 0;
    std::size_t width = 0;
    bool same_width = false;
    const std::int64_t sum = sum_column(data_file("cbp-nationwide-encounters-fy20-fy23-state.csv"),
                                        "Encounter Count", records, width, same_width);
    CHECK(records == 42532);
    CHECK(width == 9);
    CHECK(same_width);
    CHECK(sum == 8571067);
}

TEST_CASE("the BTS 2018 file has 9534 records of 7 fields summing to 379157530 crossings") {
    std::size_t records = 0;
    std::size_t width = 0;
    bool same_width = false;
    const std::int64_t sum =
        sum_column(data_file("bts_border_crossing_entry_data_cy2018.csv"), "Value", records, width, same_width);
    CHECK(records == 9534);
    CHECK(width == 7);
    CHECK(same_width);
    CHECK(sum == 379157530);
}

TEST_CASE("the real files read the same from memory and in small chunks") {
    for (const char* name : {"cbp-nationwide-encounters-fy20-fy23-state.csv",
                             "bts_border_crossing_entry_data_cy2018.csv", "sbo-encounters-fy22-fy25-aug.csv",
                             "usbp_monthly_apprehensions_by_sector_fy2000_fy2020.csv"}) {
        CAPTURE(name);
        const std::string text = read_whole_file(data_file(name));
        REQUIRE_FALSE(text.empty());
        const outcome from_memory = read_buffer(text);
        CHECK_FALSE(from_memory.failed);
        CHECK(from_memory.records.size() > 1);
        CHECK(read_stream(text, 4093) == from_memory);
    }
}

}  // TEST_SUITE
