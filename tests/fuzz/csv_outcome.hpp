// Shared by the CSV fuzz targets: everything a reader says about an input
// (each record's fields with their lines, columns and quoting, then the end
// or the failure), so two readers can be compared field for field.
#pragma once

#include <borderstats/io/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"

namespace fuzz {

struct field_copy {
    std::string text;
    std::size_t line = 0;
    std::size_t column = 0;
    bool quoted = false;
    bool operator==(const field_copy& o) const {
        return text == o.text && line == o.line && column == o.column && quoted == o.quoted;
    }
};

struct record_copy {
    std::size_t line = 0;
    std::vector<field_copy> fields;
    bool operator==(const record_copy& o) const { return line == o.line && fields == o.fields; }
};

struct csv_outcome {
    std::vector<record_copy> records;
    bool failed = false;
    borderstats::parse_failure failure;
    bool operator==(const csv_outcome& o) const {
        if (records != o.records || failed != o.failed) return false;
        if (!failed) return true;
        return failure.where.source == o.failure.where.source && failure.where.line == o.failure.where.line &&
               failure.where.column == o.failure.where.column && failure.field == o.failure.field &&
               failure.text == o.failure.text && failure.message == o.failure.message;
    }
};

/// The first byte of a CSV fuzz input picks the dialect and the chunk size;
/// the rest is the CSV text. Byte 0x00 means ',' and '"', chunk size 1.
struct csv_config {
    borderstats::io::csv_options options;
    std::size_t small_chunk = 1;
    std::string_view text;
};

inline csv_config split_config(const std::uint8_t* data, std::size_t size) {
    csv_config c;
    if (size == 0) return c;
    static constexpr char delimiters[4] = {',', ';', '\t', '|'};
    c.options.delimiter = delimiters[data[0] & 3];
    c.options.quote = (data[0] & 4) ? '\'' : '"';
    c.small_chunk = 1 + ((data[0] >> 3) & 15);  // 1..16 bytes
    c.text = as_text(data + 1, size - 1);
    return c;
}

inline record_copy copy_record(const borderstats::io::csv_record& r) {
    record_copy out;
    out.line = r.line();
    out.fields.reserve(r.size());
    for (std::size_t i = 0; i < r.size(); ++i)
        out.fields.push_back(field_copy{std::string(r[i]), r.line_of(i), r.column_of(i), r.was_quoted(i)});
    return out;
}

/// Drains `reader` with `try_next`, checking what must hold of every record.
template <typename Reader>
csv_outcome drain(Reader& reader, const borderstats::io::csv_options& options) {
    using borderstats::io::csv_status;
    csv_outcome out;
    borderstats::io::csv_record record;
    std::size_t previous_line = 0;
    for (;;) {
        borderstats::parse_failure failure;
        const csv_status s = reader.try_next(record, failure);
        if (s == csv_status::end_of_input) {
            FUZZ_CHECK(record.empty());
            return out;
        }
        if (s == csv_status::error) {
            out.failed = true;
            out.failure = failure;
            // Errors name a real position and say what was expected.
            FUZZ_CHECK(!failure.message.empty());
            FUZZ_CHECK(failure.where.line >= 1);
            FUZZ_CHECK(failure.where.column >= 1);
            FUZZ_CHECK(failure.where.line >= previous_line);
            FUZZ_CHECK(failure.text.size() <= 63);  // quote_for_message: 60 bytes and "..."
            // Sticky: asking again gives the same failure.
            borderstats::parse_failure again;
            FUZZ_CHECK(reader.try_next(record, again) == csv_status::error);
            FUZZ_CHECK(again.where.line == failure.where.line && again.where.column == failure.where.column &&
                       again.message == failure.message && again.text == failure.text);
            return out;
        }
        // A record: at least one field, lines never go back, fields in order.
        FUZZ_CHECK(record.size() >= 1);
        FUZZ_CHECK(record.line() > previous_line);
        previous_line = record.line();
        std::size_t line = record.line();
        std::size_t column = 0;
        for (std::size_t i = 0; i < record.size(); ++i) {
            const std::string_view text = record[i];
            FUZZ_CHECK(record.line_of(i) >= line);
            if (record.line_of(i) == line) FUZZ_CHECK(record.column_of(i) > column);
            FUZZ_CHECK(record.column_of(i) >= 1);
            line = record.line_of(i);
            column = record.column_of(i);
            // NUL is rejected everywhere; an unquoted field holds no
            // delimiter, quote or line end.
            FUZZ_CHECK(text.find('\0') == std::string_view::npos);
            FUZZ_CHECK(text.find("\xEF\xBB\xBF") == std::string_view::npos);
            if (!record.was_quoted(i)) {
                FUZZ_CHECK(text.find(options.delimiter) == std::string_view::npos);
                FUZZ_CHECK(text.find(options.quote) == std::string_view::npos);
                FUZZ_CHECK(text.find('\n') == std::string_view::npos);
                FUZZ_CHECK(text.find('\r') == std::string_view::npos);
            }
        }
        // A lone unquoted empty field would be a blank line, which carries
        // no record.
        FUZZ_CHECK(!(record.size() == 1 && record[0].empty() && !record.was_quoted(0)));
        out.records.push_back(copy_record(record));
        previous_line = record.line_of(record.size() - 1);
    }
}

}  // namespace fuzz
