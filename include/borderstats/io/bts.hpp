// borderstats/io/bts.hpp: BTS Border Crossing Entry Data (inbound crossings
// at U.S. land ports, by port, month and measure).
//
// Columns, found by name (see io/fields.hpp for the matching rule):
// `Port Name, State, Port Code, Border, Date, Measure, Value`, all seven
// required, in any order; the current export's `Latitude, Longitude, Point`
// and any other columns are accepted and ignored.
//
// Each row becomes a `bts_record`:
//   - `month`: from `Date`, read by io::try_parse_bts_month: "Mar 2024",
//     "03/01/2018 12:00:00 AM", "2018-03-01T00:00:00.000", and Excel's
//     re-saved "6/1/2019 0:00" and "3/1/2019" (read on purpose; a two-digit
//     year is an error). The data are monthly and stamped with the first day
//     at midnight: another day or time is an error, not truncated to its month;
//   - port name, state, border and measure as `dimension_code`s, one
//     dictionary per dimension (`bts_dimensions`), interned as written; all
//     four are required on every row: an empty or blank value, or one holding
//     a line break or another control character, is an error at its line and
//     column, never a group named '' (io/fields.hpp, "Dimension values");
//   - `port_code`: plain digits ("3318", "704"), no separators, at most
//     4,294,967,295;
//   - `value`: a count (digits, or "1,234"; no sign, no spaces).
//
// Errors are as for CBP files (io/cbp.hpp): every malformed row is a
// `parse_error` with source, line, column and column name; nothing is
// skipped. Rows whose months span more than `max_month_span` (1,200 months)
// are refused at the Date that widens the span (io/record_table.hpp). A row
// that repeats an earlier row's port name, state, port code, border, month and
// measure is an error at the later row, naming the earlier one, wherever the
// reader loads or streams a whole file (load_bts, for_each_bts_record; see
// io/record_table.hpp): BTS gives one row per port, month and measure, and
// adding both would count that crossing twice. `bts_reader` alone, record at
// a time, does not keep what it has seen and does not check.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../calendar.hpp"
#include "../dictionary.hpp"
#include "../error.hpp"
#include "csv.hpp"
#include "fields.hpp"
#include "file.hpp"
#include "record_table.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

/// The text dimensions of a BTS row.
enum class bts_dimension : std::uint8_t {
    port_name,  ///< "Port Name": San Ysidro, Laredo, ...
    state,      ///< "State": California, Texas, ...
    border,     ///< "Border": US-Mexico Border / US-Canada Border
    measure     ///< "Measure": Pedestrians, Personal Vehicle Passengers, Trucks, ...
};
inline constexpr std::size_t bts_dimension_count = 4;

inline constexpr std::array<bts_dimension, bts_dimension_count> bts_all_dimensions{
    bts_dimension::port_name, bts_dimension::state, bts_dimension::border, bts_dimension::measure};

/// The column name BTS uses for `d`.
constexpr std::string_view bts_column_name(bts_dimension d) noexcept {
    constexpr std::array<std::string_view, bts_dimension_count> names{"Port Name", "State", "Border", "Measure"};
    return names[static_cast<std::size_t>(d)];
}

/// The name of `d` in messages (the table's filters find it by this name).
constexpr std::string_view dimension_name(bts_dimension d) noexcept { return bts_column_name(d); }

using bts_dimensions = dimension_dictionaries<bts_dimension, bts_dimension_count>;

/// One row of a BTS border-crossing file.
struct bts_record {
    year_month month;
    std::array<dimension_code, bts_dimension_count> dimensions{};
    std::uint32_t port_code = 0;
    std::int64_t value = 0;
    /// 1-based line of the row in its source.
    std::size_t line = 0;
    /// A fingerprint of the row's fields in the columns the reader ignores
    /// (Latitude, Longitude, Point, ...; 0 when there are none): part of the
    /// row's key for the check of repeated rows (io/record_table.hpp).
    std::uint64_t other_columns = 0;

    dimension_code operator[](bts_dimension d) const noexcept { return dimensions[static_cast<std::size_t>(d)]; }
};

/// The port code is part of a BTS row's key (io/record_table.hpp's check of
/// repeated rows).
constexpr std::uint64_t record_key_extra(const bts_record& r) noexcept { return r.port_code; }

namespace detail {
inline constexpr std::size_t bts_date_column = 4;
inline constexpr std::size_t bts_port_code_column = 5;
inline constexpr std::size_t bts_value_column = 6;
inline constexpr std::size_t bts_columns = 7;

// The dimensions first, in enum order.
inline constexpr std::array<column_spec, bts_columns> bts_specs{{
    {"Port Name", true},
    {"State", true},
    {"Border", true},
    {"Measure", true},
    {"Date", true},
    {"Port Code", true},
    {"Value", true},
}};
}  // namespace detail

inline constexpr std::string_view bts_port_code_message = "expected a port code: digits only, at most 4294967295";
inline constexpr std::string_view bts_port_code_empty_message =
    "empty; expected a port code: digits only, at most 4294967295";

/// Reads BTS records one at a time from a `csv_reader` or a
/// `csv_stream_reader`; the same interface as `basic_cbp_reader`.
template <typename Csv>
class basic_bts_reader {
public:
    explicit basic_bts_reader(Csv csv) : table_(std::move(csv), detail::bts_specs) {}

    void read_header() {
        parse_failure failure;
        if (!try_read_header(failure)) borderstats::detail::raise(parse_error(std::move(failure)));
    }
    bool try_read_header(parse_failure& failure) {
        if (!table_.try_header(failure)) return false;
        if (!mapped_) {
            mapped_ = true;
            for (bts_dimension d : bts_all_dimensions) dimensions_.set_present(d);
        }
        return true;
    }

    bool next(bts_record& out) {
        parse_failure failure;
        const csv_status s = try_next(out, failure);
        if (s == csv_status::error) borderstats::detail::raise(parse_error(std::move(failure)));
        return s == csv_status::record;
    }

    csv_status try_next(bts_record& out, parse_failure& failure) {
        if (!try_read_header(failure)) return csv_status::error;
        const csv_status s = table_.try_row(failure);
        if (s != csv_status::record) return s;
        const csv_record& row = table_.row();
        std::string_view why;

        const std::string_view date = row[table_.index(detail::bts_date_column)];
        if (!(last_month_valid_ && date == last_date_text_)) {
            const auto month = try_parse_bts_month(date, &why);
            if (!month) return fail(detail::bts_date_column, why, failure);
            last_date_text_.assign(date.data(), date.size());
            last_month_ = *month;
            last_month_valid_ = true;
        }
        const std::string_view port_text = row[table_.index(detail::bts_port_code_column)];
        const auto port = try_parse_count(port_text, &why, false);
        if (!port || *port > std::int64_t{0xFFFFFFFF})
            return fail(detail::bts_port_code_column, port_code_problem(port_text, port.has_value(), why), failure);
        const auto value = try_parse_count(row[table_.index(detail::bts_value_column)], &why);
        if (!value) return fail(detail::bts_value_column, why, failure);

        out.month = last_month_;
        out.port_code = static_cast<std::uint32_t>(*port);
        out.value = *value;
        out.line = row.line();
        out.other_columns = table_.unmapped_fingerprint();
        why = span_.check(out.month);
        if (!why.empty()) return fail(detail::bts_date_column, why, failure);
        for (std::size_t k = 0; k < bts_dimension_count; ++k) {
            out.dimensions[k] =
                detail::intern_cached(dimensions_[bts_all_dimensions[k]], last_[k], row[table_.index(k)], &why);
            if (!out.dimensions[k].valid()) return fail(k, why, failure);
        }
        return s;
    }

    const bts_dimensions& dimensions() const noexcept { return dimensions_; }
    bts_dimensions release_dimensions() noexcept { return std::move(dimensions_); }
    const std::vector<std::string>& header() const noexcept { return table_.header(); }
    const std::string& source_name() const noexcept { return table_.source_name(); }

private:
    // The message for a port code that is not one: "2,504" is told about
    // separators, anything else what a port code is (never "1,234").
    static std::string_view port_code_problem(std::string_view text, bool too_large, std::string_view why) noexcept {
        if (text.empty()) return bts_port_code_empty_message;
        return !too_large && why == count_messages::no_separator ? why : bts_port_code_message;
    }
    BORDERSTATS_COLD csv_status fail(std::size_t column, std::string_view why, parse_failure& failure) {
        failure = table_.failure_at(column, why);
        table_.remember(failure);
        return csv_status::error;
    }

    detail::table_reader<Csv, detail::bts_columns> table_;
    bts_dimensions dimensions_;
    std::array<dimension_code, bts_dimension_count> last_{};
    bool mapped_ = false;
    std::string last_date_text_;
    year_month last_month_{};
    bool last_month_valid_ = false;
    detail::month_span_guard span_;
};

using bts_reader = basic_bts_reader<csv_reader>;
using bts_file_reader = basic_bts_reader<csv_stream_reader>;

/// A whole BTS file: records in file order and their dictionaries (see
/// io/record_table.hpp).
using bts_table = basic_record_table<bts_record, bts_dimension, bts_dimension_count>;

namespace detail {
inline constexpr std::size_t bts_bytes_per_row = 80;
}  // namespace detail

/// The format, for io::record_loader (io/record_table.hpp), which holds the
/// logic of every entry point below.
struct bts_format {
    using table = bts_table;
    template <typename Csv>
    using reader = basic_bts_reader<Csv>;
    static constexpr std::size_t bytes_per_row = detail::bts_bytes_per_row;
};

/// The non-throwing form of `load_bts`.
inline std::optional<bts_table> try_load_bts(std::string_view text, std::string source, parse_failure& failure) {
    return record_loader<bts_format>::try_load(text, std::move(source), failure);
}
/// Reads a whole BTS file held in memory. Throws `parse_error`.
inline bts_table load_bts(std::string_view text, std::string source = "<string>") {
    return record_loader<bts_format>::load(text, std::move(source));
}
/// The non-throwing form of `load_bts_file` (a missing file is a failure at
/// line 0).
inline std::optional<bts_table> try_load_bts_file(const file_path& path, parse_failure& failure) {
    return record_loader<bts_format>::try_load_file(path, failure);
}
/// Reads a whole BTS file from disk. Throws `parse_error`.
inline bts_table load_bts_file(const file_path& path) { return record_loader<bts_format>::load_file(path); }

/// The non-throwing form of `for_each_bts_record`.
template <typename Callback>
std::optional<bts_dimensions> try_for_each_bts_record(const file_path& path, Callback&& callback,
                                                      parse_failure& failure) {
    return record_loader<bts_format>::try_for_each(path, callback, failure);
}
/// Calls `callback(record)` or `callback(record, dimensions)` for each row of
/// the BTS file at `path`, reading it in chunks (the text is never held
/// whole: memory is the chunk, the dictionaries and 16 to 32 bytes a row for
/// the check of repeated rows). Returns the dictionaries that decode the codes.
/// The callback sees each record once, in file order; the records before a
/// malformed row have been delivered when the `parse_error` is thrown.
template <typename Callback>
bts_dimensions for_each_bts_record(const file_path& path, Callback&& callback) {
    return record_loader<bts_format>::for_each(path, callback);
}
/// The non-throwing form of `for_each_bts_record` over a stream.
template <typename Callback>
std::optional<bts_dimensions> try_for_each_bts_record(std::istream& in, std::string source, Callback&& callback,
                                                      parse_failure& failure) {
    return record_loader<bts_format>::try_for_each(in, std::move(source), callback, failure);
}
/// As `for_each_bts_record`, over a stream (named `source` in errors).
template <typename Callback>
bts_dimensions for_each_bts_record(std::istream& in, std::string source, Callback&& callback) {
    return record_loader<bts_format>::for_each(in, std::move(source), callback);
}

}  // namespace io
}  // namespace v1
}  // namespace borderstats
