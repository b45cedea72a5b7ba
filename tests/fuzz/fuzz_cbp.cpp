// Fuzz target: the CBP encounter reader (borderstats/io/cbp.hpp), over a
// buffer (load_cbp / cbp_reader) and over a stream read in tiny chunks
// (basic_cbp_reader<csv_stream_reader>).
//
// Invariants:
// - both give the same records (month, fiscal year, FYTD flag, count, line,
//   every dimension's text) and the same failure; only parse_error is
//   thrown, and the try_ form fails exactly when the throwing one throws;
// - every record is consistent: count >= 0, its month lies in its fiscal
//   year, a dimension is `none` exactly when the file has no such column, and
//   its code decodes to a string that finds the same code again;
// - the sum of the counts by month either is exact or throws
//   overflow_error (never wraps), and the group-by total agrees with it.
#include <borderstats/aggregate.hpp>
#include <borderstats/io/cbp.hpp>

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
    cbp_record record;
    std::vector<std::string> values;  // every dimension as text ("" and absent told apart by `present`)
    std::vector<bool> present;
    bool operator==(const record_copy& o) const {
        return record.month == o.record.month && record.fiscal_year == o.record.fiscal_year &&
               record.fiscal_year_incomplete == o.record.fiscal_year_incomplete && record.count == o.record.count &&
               record.line == o.record.line && values == o.values && present == o.present;
    }
};

// The checks every record must pass, and its copy for comparing readers.
record_copy checked_copy(const cbp_record& r, const cbp_dimensions& dims) {
    FUZZ_CHECK(r.count >= 0);
    FUZZ_CHECK(r.fiscal_year.contains(r.month));
    record_copy c{r, {}, {}};
    for (cbp_dimension d : cbp_all_dimensions) {
        const dimension_code code = r[d];
        FUZZ_CHECK(code.valid() == dims.has(d));
        c.present.push_back(code.valid());
        if (!code.valid()) {
            c.values.emplace_back();
            continue;
        }
        const std::string_view name = dims.name(d, code);
        const auto found = dims.find(d, name);
        FUZZ_CHECK(found && found->value == code.value);
        FUZZ_CHECK(io::detail::dimension_text_problem(name).empty());  // never '', blank or multi-line
        c.values.emplace_back(name);
    }
    return c;
}

// Whether two records share the full key (month, every dimension's text,
// the columns the reader ignores): the whole-file paths refuse the later
// one (io/record_table.hpp); the record-at-a-time reader keeps nothing and
// does not.
bool has_repeated_key(const std::vector<record_copy>& records) {
    std::set<std::tuple<std::int32_t, std::vector<std::string>, std::vector<bool>, std::uint64_t>> seen;
    for (const auto& c : records)
        if (!seen.emplace(c.record.month.index(), c.values, c.present, c.record.other_columns).second) return true;
    return false;
}

template <typename Reader>
fuzz::record_outcome<record_copy> drain(Reader& reader) {
    return fuzz::drain_records<cbp_record>(reader, checked_copy);
}

void check_sums(const std::vector<record_copy>& records) {
    monthly_series<std::int64_t> by_month;
    bool overflowed = false;
    try {
        for (const auto& c : records) by_month.add(c.record.month, c.record.count);
    } catch (const overflow_error&) {
        overflowed = true;
    }
    bool grouped_overflowed = false;
    try {
        const auto total = total_by_month(
            records, [](const record_copy& c) { return c.record.month; },
            [](const record_copy& c) { return c.record.count; });
        if (!overflowed) FUZZ_CHECK(total == by_month);
    } catch (const overflow_error&) {
        grouped_overflowed = true;
    }
    FUZZ_CHECK(overflowed == grouped_overflowed);
    if (overflowed) return;
    // absent_rows::zero fills only months some record has: a month with no
    // row at all stays a gap.
    const auto zeroed = total_by_month(
        records, [](const record_copy& c) { return c.record.month; }, [](const record_copy& c) { return c.record.count; },
        keep_all{}, absent_rows::zero);
    for (const auto& e : zeroed) FUZZ_CHECK(e.value.has_value() == by_month.has_value(e.month));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + (data[0] & 31);
    const std::string_view text = fuzz::as_text(data + 1, size - 1);

    cbp_reader buffer_reader{csv_reader{text, "<fuzz>"}};
    const auto expected = drain(buffer_reader);

    std::istringstream in{std::string(text)};
    basic_cbp_reader<csv_stream_reader> stream_reader{csv_stream_reader{in, "<fuzz>", {}, chunk}};
    FUZZ_CHECK(drain(stream_reader) == expected);

    // The whole-file loader, throwing and not.
    parse_failure failure;
    const auto table = try_load_cbp(text, "<fuzz>", failure);
    const bool whole_ok = !expected.failed && !has_repeated_key(expected.records);
    FUZZ_CHECK(table.has_value() == whole_ok);
    const bool loaded = fuzz::only_parse_errors([&] { (void)load_cbp(text, "<fuzz>"); });
    FUZZ_CHECK(loaded == whole_ok);
    if (table) {
        FUZZ_CHECK(table->size() == expected.records.size());
        if (!table->empty()) {
            const month_range span = table->months_range();
            for (const cbp_record& r : *table) FUZZ_CHECK(span.contains(r.month));
        }
        check_sums(expected.records);
    } else if (failure.message.rfind("repeats the month", 0) == 0) {
        // A repeated row before any other failure (its text: tests/test_cbp.cpp).
        FUZZ_CHECK(has_repeated_key(expected.records) && failure.where.column == 1);
    } else {
        FUZZ_CHECK(fuzz::same_failure(failure, expected.failure));
    }
    return 0;
}
