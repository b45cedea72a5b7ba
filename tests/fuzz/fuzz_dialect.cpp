// Fuzz target: the two readings of a CSV file agree (issue 12, "one reading
// of a file"). The same bytes go through
//   A. the CBP reader over io::csv_reader (record at a time), summed here by
//      (month, dimension values) with checked adds;
//   B. the same reader over io::csv_stream_reader in small chunks;
//   C. the fast path, io::sum_encounters_text (io/fast_scan.hpp).
// Any disagreement aborts: the verdict (records, parse_error or
// overflow_error), the failure's line, column, field, text and message, the
// number of rows and every sum.
//
// Repeated rows. A and C do not check them (the fast path reads only the
// columns it sums and cannot see a whole key; the reader record at a time
// keeps nothing), so they agree with each other. The whole-file paths do:
//   D. the table load (io::record_loader, load_cbp) and
//   E. the stream (for_each_cbp_record, as cbp_report reads; chunks 1..16)
// must refuse the first row whose month, every dimension value and ignored
// columns repeat an earlier row's (found here with an exact std::map, not the
// library's fingerprints), at that row naming the earlier line, and otherwise
// give A's verdict and rows: the documented exemption of the reader-only
// paths, as for the unread dimension columns below.
//
// The first byte is configuration: bits 0-1 the record limit (default, 16,
// 40 or 100 bytes), bits 2-3 the field limit (default, 3, 5 or 8), bits 4-7
// the stream's chunk size (1..16) and which of four dimensions to group by
// (those the header has).
#include <borderstats/io/cbp.hpp>
#include <borderstats/aggregate_scan.hpp>
#include <borderstats/io/fast_scan.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "fuzz_common.hpp"
#include "record_outcome.hpp"

using namespace borderstats;
using namespace borderstats::io;

namespace {

using cell = std::pair<std::int32_t, std::vector<std::string>>;  // month index, dimension values

struct outcome {
    enum kind { ok, parse, overflow } verdict = ok;
    parse_failure failure;
    std::uint64_t rows = 0;
    std::map<cell, std::int64_t> sums;
};

void check_same(const outcome& a, const outcome& b) {
    FUZZ_CHECK(a.verdict == b.verdict);
    if (a.verdict == outcome::parse) {
        if (!fuzz::same_failure(a.failure, b.failure)) {
            std::fprintf(stderr, "A: %s\nB: %s\n", a.failure.describe().c_str(), b.failure.describe().c_str());
            std::fprintf(stderr, "A field '%s' text '%s'\nB field '%s' text '%s'\n", a.failure.field.c_str(),
                         a.failure.text.c_str(), b.failure.field.c_str(), b.failure.text.c_str());
        }
        FUZZ_CHECK(fuzz::same_failure(a.failure, b.failure));
    }
    if (a.verdict == outcome::ok) {
        FUZZ_CHECK(a.rows == b.rows);
        FUZZ_CHECK(a.sums == b.sums);
    }
}

// In cbp_dimension order: within one row the CBP reader checks dimension
// values in that order and the fast path in the order its columns are given,
// so a row with two bad values is refused at the same column when the fast
// path is given its dimensions in that order (as here). Given in another
// order, both refuse the row, each naming one of the two bad values.
constexpr std::array<cbp_dimension, 4> candidates{cbp_dimension::land_border_region, cbp_dimension::state,
                                                   cbp_dimension::demographic, cbp_dimension::citizenship};

// The CBP reader: every record summed by (month, the chosen dimensions).
template <typename Csv>
outcome read_records(Csv csv, unsigned choice, std::vector<cbp_dimension>& dims) {
    outcome out;
    basic_cbp_reader<Csv> reader(std::move(csv));
    parse_failure failure;
    if (!reader.try_read_header(failure)) {
        out.verdict = outcome::parse;
        out.failure = failure;
        return out;
    }
    dims.clear();
    for (std::size_t k = 0; k < candidates.size(); ++k)
        if ((choice >> k & 1u) && reader.dimensions().has(candidates[k])) dims.push_back(candidates[k]);
    cbp_record r;
    for (;;) {
        const csv_status s = reader.try_next(r, failure);
        if (s == csv_status::end_of_input) return out;
        if (s == csv_status::error) {
            out.verdict = outcome::parse;
            out.failure = failure;
            return out;
        }
        cell key{r.month.index(), {}};
        for (cbp_dimension d : dims) key.second.emplace_back(reader.dimensions().name(d, r[d]));
        std::int64_t& sum = out.sums[key];
        if (__builtin_add_overflow(sum, r.count, &sum)) {
            out.verdict = outcome::overflow;
            return out;
        }
        ++out.rows;
    }
}

outcome fast_path(std::string_view text, const std::vector<cbp_dimension>& dims, const csv_options& options) {
    outcome out;
    encounter_columns columns;
    for (cbp_dimension d : dims) columns.dimensions.emplace_back(cbp_column_name(d));
    try {
        const encounter_sums sums = sum_encounters_text(text, "<fuzz>", columns, 1, options);
        out.rows = sums.rows();
        sums.for_each([&](year_month m, const std::uint32_t* codes, std::int64_t sum) {
            cell key{m.index(), {}};
            for (std::size_t k = 0; k < dims.size(); ++k) key.second.emplace_back(sums.values(k).name(dimension_code{codes[k]}));
            FUZZ_CHECK(out.sums.emplace(key, sum).second);
        });
    } catch (const parse_error& e) {
        out.verdict = outcome::parse;
        out.failure = e.failure();
    } catch (const overflow_error&) {
        out.verdict = outcome::overflow;
    } catch (const std::exception& e) {
        fuzz::unexpected_exception(e.what(), typeid(e).name());
    }
    return out;
}

// Whether `f` is the CBP reader refusing a dimension value (empty, blank,
// multi-line, control characters) in a column the fast path does not read.
// The fast path checks the values of the columns it projects, the reader
// those of every dimension column: a bad value in an unread column (an empty
// Citizenship when grouping by State) is the reader's verdict alone. Every
// CSV-level rule and every read column still has to agree.
bool refused_unread_dimension(const parse_failure& f, const std::vector<cbp_dimension>& dims) {
    const std::string_view m = f.message;
    if (m != dimension_messages::empty && m != dimension_messages::blank && m != dimension_messages::line_break &&
        m != dimension_messages::control)
        return false;
    for (cbp_dimension d : dims)
        if (normalize_column_name(cbp_column_name(d)) == normalize_column_name(f.field)) return false;
    return true;
}

// What a whole-file path must give: the reader's first failure, or the
// first row repeating an earlier row's full key if that comes first.
struct whole_file {
    bool ok = true;
    parse_failure failure;
    std::uint64_t rows = 0;
};

whole_file expected_whole_file(std::string_view text, const csv_options& options) {
    whole_file out;
    cbp_reader reader(csv_reader(text, "<fuzz>", options));
    using full_key = std::tuple<std::int32_t, std::vector<std::string>, std::uint64_t>;
    std::map<full_key, std::size_t> first_line;
    cbp_record r;
    for (;;) {
        const csv_status s = reader.try_next(r, out.failure);
        if (s == csv_status::end_of_input) return out;
        if (s == csv_status::error) {
            out.ok = false;
            return out;
        }
        full_key key{r.month.index(), {}, r.other_columns};
        for (cbp_dimension d : cbp_all_dimensions)
            std::get<1>(key).push_back(reader.dimensions().has(d) ? std::string(reader.dimensions().name(d, r[d])) : "-");
        const auto [it, added] = first_line.emplace(std::move(key), r.line);
        if (!added) {
            out.ok = false;
            out.failure = parse_failure{text_location{"<fuzz>", r.line, 1}, "", "", ""};
            out.failure.message = "repeats the month and every other value of line " + std::to_string(it->second);
            return out;
        }
        ++out.rows;
    }
}

// The failure of a repeated row starts with the expected text (the rest of
// the message is tested in tests/test_cbp.cpp); any other failure is A's.
void check_whole_file(const whole_file& want, bool ok, const parse_failure& got, std::uint64_t rows) {
    FUZZ_CHECK(ok == want.ok);
    if (ok) {
        FUZZ_CHECK(rows == want.rows);
        return;
    }
    const bool repeat = want.failure.message.rfind("repeats the month", 0) == 0;
    if (repeat) {
        FUZZ_CHECK(got.where.line == want.failure.where.line && got.where.column == 1);
        FUZZ_CHECK(got.message.rfind(want.failure.message + " (", 0) == 0);
    } else {
        FUZZ_CHECK(fuzz::same_failure(got, want.failure));
    }
}

void check_whole_file_paths(std::string_view text, const csv_options& options, std::size_t chunk) {
    const whole_file want = expected_whole_file(text, options);
    parse_failure failure;
    const auto table =
        borderstats::io::detail::try_load_table<cbp_table>(cbp_reader(csv_reader(text, "<fuzz>", options)), failure, 16);
    check_whole_file(want, table.has_value(), failure, table ? table->size() : 0);

    std::istringstream in{std::string(text)};
    std::uint64_t rows = 0;
    auto count = [&rows](const cbp_record&) { ++rows; };
    const auto dims = borderstats::io::detail::try_for_each_record<cbp_record>(
        cbp_file_reader(csv_stream_reader(in, "<fuzz>", options, chunk)), count, failure);
    check_whole_file(want, dims.has_value(), failure, rows);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const unsigned config = data[0];
    const std::string_view text = fuzz::as_text(data + 1, size - 1);
    csv_options options;
    constexpr std::array<std::size_t, 4> record_limits{csv_default_max_record_bytes, 16, 40, 100};
    constexpr std::array<std::size_t, 4> field_limits{csv_default_max_fields, 3, 5, 8};
    options.max_record_bytes = record_limits[config & 3u];
    options.max_fields = field_limits[(config >> 2) & 3u];
    const unsigned choice = config >> 4;
    const std::size_t chunk = 1 + choice;

    std::vector<cbp_dimension> dims;
    const outcome a = read_records(csv_reader(text, "<fuzz>", options), choice, dims);

    std::vector<cbp_dimension> stream_dims;
    std::istringstream in{std::string(text)};
    const outcome b = read_records(csv_stream_reader(in, "<fuzz>", options, chunk), choice, stream_dims);
    FUZZ_CHECK(stream_dims == dims);
    check_same(a, b);

    check_whole_file_paths(text, options, chunk);

    if (a.verdict == outcome::parse && refused_unread_dimension(a.failure, dims)) return 0;
    const outcome c = fast_path(text, dims, options);
    check_same(a, c);
    return 0;
}
