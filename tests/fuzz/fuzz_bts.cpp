// Fuzz target: the BTS border-crossing reader (borderstats/io/bts.hpp), over
// a buffer and over a stream read in tiny chunks.
//
// Invariants:
// - both give the same records (month, port code, value, line, every
//   dimension's text) and the same failure; only parse_error is thrown, and
//   the try_ and throwing loaders agree;
// - every record is consistent: value >= 0, all four dimensions present, and
//   each code decodes to a string that finds the same code again; the month
//   reads back from "Mon YYYY";
// - sums by month are exact or throw overflow_error, never wrap.
#include <borderstats/aggregate.hpp>
#include <borderstats/io/bts.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <sstream>
#include <tuple>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "record_outcome.hpp"

using namespace borderstats;
using namespace borderstats::io;

namespace {

struct record_copy {
    bts_record record;
    std::vector<std::string> values;
    bool operator==(const record_copy& o) const {
        return record.month == o.record.month && record.port_code == o.record.port_code &&
               record.value == o.record.value && record.line == o.record.line && values == o.values;
    }
};

// The checks every record must pass, and its copy for comparing readers.
record_copy checked_copy(const bts_record& r, const bts_dimensions& dims) {
    FUZZ_CHECK(r.value >= 0);
    std::string year = std::to_string(r.month.year());
    const std::string mon =
        std::string(month_abbreviation(r.month.month())) + " " + std::string(4 - year.size(), '0') + year;
    FUZZ_CHECK(try_parse_bts_month(mon) == r.month);
    record_copy c{r, {}};
    for (bts_dimension d : bts_all_dimensions) {
        FUZZ_CHECK(r[d].valid());
        const std::string_view name = dims.name(d, r[d]);
        const auto found = dims.find(d, name);
        FUZZ_CHECK(found && found->value == r[d].value);
        FUZZ_CHECK(io::detail::dimension_text_problem(name).empty());  // never '', blank or multi-line
        c.values.emplace_back(name);
    }
    return c;
}

// Whether two records share the full key (month, every dimension's text, the
// port code, the columns the reader ignores): the whole-file paths refuse the
// later one (io/record_table.hpp); the record-at-a-time reader does not.
bool has_repeated_key(const std::vector<record_copy>& records) {
    std::set<std::tuple<std::int32_t, std::vector<std::string>, std::uint64_t, std::uint64_t>> seen;
    for (const auto& c : records)
        if (!seen.emplace(c.record.month.index(), c.values, c.record.port_code, c.record.other_columns).second)
            return true;
    return false;
}

template <typename Reader>
fuzz::record_outcome<record_copy> drain(Reader& reader) {
    return fuzz::drain_records<bts_record>(reader, checked_copy);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + (data[0] & 31);
    const std::string_view text = fuzz::as_text(data + 1, size - 1);

    bts_reader buffer_reader{csv_reader{text, "<fuzz>"}};
    const auto expected = drain(buffer_reader);

    std::istringstream in{std::string(text)};
    basic_bts_reader<csv_stream_reader> stream_reader{csv_stream_reader{in, "<fuzz>", {}, chunk}};
    FUZZ_CHECK(drain(stream_reader) == expected);

    parse_failure failure;
    const auto table = try_load_bts(text, "<fuzz>", failure);
    const bool whole_ok = !expected.failed && !has_repeated_key(expected.records);
    FUZZ_CHECK(table.has_value() == whole_ok);
    FUZZ_CHECK(fuzz::only_parse_errors([&] { (void)load_bts(text, "<fuzz>"); }) == whole_ok);
    if (table) {
        FUZZ_CHECK(table->size() == expected.records.size());
        monthly_series<std::int64_t> by_month;
        try {
            for (const bts_record& r : *table) by_month.add(r.month, r.value);
        } catch (const overflow_error&) {
            // two values near the int64 limit in one month: thrown, not wrapped
        }
    }
    return 0;
}
