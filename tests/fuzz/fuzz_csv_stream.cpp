// Fuzz target: io::csv_stream_reader, the chunked CSV reader over a stream.
//
// The invariant: whatever the chunk size, the stream reader yields exactly
// what the buffer reader yields over the same bytes: the same records, fields,
// lines, columns and quoting, and the same failure (line, column, text,
// message). It is run with a tiny chunk size (1..16 bytes, from the first
// input byte), so records and quoted quotes, CRLFs and BOMs straddle chunks,
// and with 64 bytes, the scanner's search block.
#include <borderstats/io/csv.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "csv_outcome.hpp"
#include "fuzz_common.hpp"

using namespace borderstats::io;

namespace {

fuzz::csv_outcome read_stream(std::string_view text, const csv_options& options, std::size_t chunk) {
    std::istringstream in{std::string(text)};
    csv_stream_reader reader(in, "<fuzz>", options, chunk);
    fuzz::csv_outcome out = fuzz::drain(reader, options);
    // The buffer grows only past a record larger than the chunk: never more
    // than twice the input (plus the chunk it started with).
    FUZZ_CHECK(reader.buffer_capacity() <= 2 * (text.size() + chunk));
    return out;
}

fuzz::csv_outcome read_stream_throwing(std::string_view text, const csv_options& options, std::size_t chunk) {
    std::istringstream in{std::string(text)};
    csv_stream_reader reader(in, "<fuzz>", options, chunk);
    fuzz::csv_outcome out;
    csv_record record;
    out.failed = !fuzz::only_parse_errors(
        [&] {
            while (reader.next(record)) out.records.push_back(fuzz::copy_record(record));
        },
        &out.failure);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::csv_config config = fuzz::split_config(data, size);
    if (size == 0) return 0;

    csv_reader buffer_reader(config.text, "<fuzz>", config.options);
    const fuzz::csv_outcome expected = fuzz::drain(buffer_reader, config.options);

    FUZZ_CHECK(read_stream(config.text, config.options, config.small_chunk) == expected);
    FUZZ_CHECK(read_stream(config.text, config.options, 64) == expected);
    FUZZ_CHECK(read_stream_throwing(config.text, config.options, config.small_chunk) == expected);
    return 0;
}
