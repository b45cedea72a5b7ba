// Fuzz target: io::csv_reader, the CSV reader over a memory buffer.
//
// Invariants checked, beyond "does not crash":
// - every record has fields in order, lines never go back, unquoted fields
//   hold no delimiter, quote, line end, NUL or BOM (csv_outcome.hpp);
// - the throwing `next` gives the same records as `try_next`, and throws a
//   parse_error with the same failure; nothing else is ever thrown;
// - errors are sticky;
// - what was read, written back with every field quoted, reads back to the
//   same field texts;
// - csv_header over the first record either rejects a duplicate name or finds
//   every column by its name.
#include <borderstats/io/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

#include "csv_outcome.hpp"
#include "fuzz_common.hpp"

using namespace borderstats::io;

namespace {

fuzz::csv_outcome read_throwing(std::string_view text, const csv_options& options) {
    fuzz::csv_outcome out;
    csv_reader reader(text, "<fuzz>", options);
    csv_record record;
    out.failed = !fuzz::only_parse_errors(
        [&] {
            while (reader.next(record)) out.records.push_back(fuzz::copy_record(record));
        },
        &out.failure);
    return out;
}

std::string write_all_quoted(const fuzz::csv_outcome& in, const csv_options& options, bool crlf) {
    std::string out;
    for (const auto& r : in.records) {
        for (std::size_t i = 0; i < r.fields.size(); ++i) {
            if (i > 0) out += options.delimiter;
            out += options.quote;
            for (char c : r.fields[i].text) {
                if (c == options.quote) out += options.quote;
                out += c;
            }
            out += options.quote;
        }
        out += crlf ? "\r\n" : "\n";
    }
    return out;
}

void check_header(const csv_record& first) {
    borderstats::parse_failure failure;
    const auto header = csv_header::try_from(first, "<fuzz>", failure);
    const bool built = fuzz::only_parse_errors([&] { csv_header h(first, "<fuzz>"); });
    if (!header) {
        FUZZ_CHECK(!built);
        FUZZ_CHECK(failure.where.line >= 1 && failure.where.column >= 1);
    } else {
        FUZZ_CHECK(built);
        FUZZ_CHECK(header->size() == first.size());
        for (std::size_t i = 0; i < header->size(); ++i) {
            const auto found = header->find(header->name(i));
            FUZZ_CHECK(found && *found == i);  // names are unique, so exact lookup is exact
            const auto loose = header->find_case_insensitive(header->name(i));
            FUZZ_CHECK(loose && *loose == i);  // an exact match wins over case-folded ones
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::csv_config config = fuzz::split_config(data, size);
    if (size == 0) return 0;

    csv_reader reader(config.text, "<fuzz>", config.options);
    const fuzz::csv_outcome outcome = fuzz::drain(reader, config.options);

    // The throwing interface says the same.
    const fuzz::csv_outcome thrown = read_throwing(config.text, config.options);
    FUZZ_CHECK(thrown == outcome);

    if (!outcome.records.empty()) {
        csv_reader again(config.text, "<fuzz>", config.options);
        csv_record first;
        if (again.next(first)) check_header(first);
    }

    // Round trip: quote every field, read it back, same texts.
    if (!outcome.failed) {
        const std::string written = write_all_quoted(outcome, config.options, (data[0] & 0x80) != 0);
        csv_reader back(written, "<written>", config.options);
        const fuzz::csv_outcome reread = fuzz::drain(back, config.options);
        FUZZ_CHECK(!reread.failed);
        FUZZ_CHECK(reread.records.size() == outcome.records.size());
        for (std::size_t i = 0; i < reread.records.size(); ++i) {
            FUZZ_CHECK(reread.records[i].fields.size() == outcome.records[i].fields.size());
            for (std::size_t j = 0; j < reread.records[i].fields.size(); ++j) {
                FUZZ_CHECK(reread.records[i].fields[j].text == outcome.records[i].fields[j].text);
                FUZZ_CHECK(reread.records[i].fields[j].quoted);
            }
        }
    }
    return 0;
}
