// borderstats/io/cbp.hpp: CBP encounter files (Nationwide and Southwest Land
// Border Encounters, FY2020 on).
//
// CBP publishes the same table in several cuts whose columns differ by
// release: `Fiscal Year, Month Grouping, Month (abbv), Component, Land Border
// Region, Area of Responsibility, AOR (Abbv), State, Demographic,
// Citizenship, Citizenship Grouping, Title of Authority, Encounter Type,
// Encounter Count`, any subset of them, in any order; republished copies
// spell them in snake_case (`fiscal_year`, `month_abbv`, `aor_abbv`,
// `encounter_count`, ...). Columns are mapped by name (see io/fields.hpp for
// the matching rule); `Fiscal Year`, `Month (abbv)` and `Encounter Count` are
// required, the others are dimensions a file may or may not have, and other
// columns are ignored. A file without "Land Border Region" whose columns are
// those of CBP's Southwest Land Border Encounters release is that cut:
// `cbp_implied_value` gives its region. Any other file without the column has
// no known region (a nationwide file whose column was renamed "Region" would
// otherwise be counted whole as Southwest): a region filter on it is an error
// (`cbp_unknown_region_message`), never a guess.
//
// Each row becomes a `cbp_record`:
//   - `month`: the civil month, from the fiscal year and the month code
//     through fiscal_year<us_federal>::month_of (OCT of FY2020 is October
//     2019, SEP of FY2020 is September 2020);
//   - `fiscal_year` and `fiscal_year_incomplete` (CBP writes a year still
//     under way as "2025 (FYTD)");
//   - one `dimension_code` per `cbp_dimension`, interned in one dictionary
//     per dimension (`cbp_dimensions`), `dimension_code::none()` for a
//     dimension the file does not have. Values are interned exactly as
//     written (after the CSV layer removes quotes), without trimming; a
//     dimension the file has is named on every row: an empty or blank value,
//     or one holding a line break or another control character, is an error
//     at its line and column (io/fields.hpp, "Dimension values");
//   - `count`, a std::int64_t, read by io::try_parse_count (digits, or
//     "1,234" inside quotes; no sign, no spaces, no decimals).
//
// Nothing is skipped: a bad fiscal year, an unknown month code ("SEPT"), a
// negative, empty or non-numeric count, a row with too few or too many
// fields, a missing required column, a repeated column and rows whose months
// span more than `max_month_span` (1,200 months; io/record_table.hpp) are each a
// `parse_error` naming the source, the 1-based line and column, and the column
// name as the file writes it. Every function has a non-throwing `try_` form
// that returns the `parse_failure` instead.
//
// Repeated rows: CBP gives one row per month and group, so a row whose month
// and every dimension value (all columns but the count) repeat an earlier
// row's is an error at the later row naming the earlier line ("repeats the
// month and every other value of line 4 ..."), never added twice. load_cbp
// and for_each_cbp_record check it (io/record_table.hpp; the streaming form
// keeps a 64-bit fingerprint and the line of each row, 16 to 32 bytes a row);
// `cbp_reader` alone, record at a time, keeps nothing and does not, nor does
// the fast path (io/fast_scan.hpp), which reads only the columns it sums.
//
// Three ways in:
//   load_cbp(text, source) / load_cbp_file(path)   the whole file as a cbp_table
//   for_each_cbp_record(path, callback)           streaming: no table, 16-32 bytes a row for the repeat check
//   cbp_reader / cbp_file_reader                  record at a time, `next(rec)`
//
// Speed: fields are views into the CSV reader's buffer; a row costs no heap
// allocation (the dictionaries allocate only for a value never seen before,
// and a value equal to the one above it in its column skips the hash).
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
#include "../fiscal.hpp"
#include "csv.hpp"
#include "fields.hpp"
#include "file.hpp"
#include "record_table.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

/// The dimensions a CBP encounter file may have, one column each.
enum class cbp_dimension : std::uint8_t {
    month_grouping,          ///< "Month Grouping": FYTD / Remaining
    component,               ///< "Component": U.S. Border Patrol / Office of Field Operations
    land_border_region,      ///< "Land Border Region"
    area_of_responsibility,  ///< "Area of Responsibility"
    aor_abbv,                ///< "AOR (Abbv)"
    state,                   ///< "State"
    demographic,             ///< "Demographic"
    citizenship,             ///< "Citizenship"
    citizenship_grouping,    ///< "Citizenship Grouping"
    title_of_authority,      ///< "Title of Authority": Title 8 / Title 42
    encounter_type           ///< "Encounter Type": Apprehensions / Inadmissibles / Expulsions
};
inline constexpr std::size_t cbp_dimension_count = 11;

/// Every dimension, in enum order (for loops).
inline constexpr std::array<cbp_dimension, cbp_dimension_count> cbp_all_dimensions{
    cbp_dimension::month_grouping,       cbp_dimension::component,          cbp_dimension::land_border_region,
    cbp_dimension::area_of_responsibility, cbp_dimension::aor_abbv,         cbp_dimension::state,
    cbp_dimension::demographic,          cbp_dimension::citizenship,        cbp_dimension::citizenship_grouping,
    cbp_dimension::title_of_authority,   cbp_dimension::encounter_type};

/// The column name CBP uses for `d` ("Land Border Region").
constexpr std::string_view cbp_column_name(cbp_dimension d) noexcept {
    constexpr std::array<std::string_view, cbp_dimension_count> names{
        "Month Grouping", "Component",   "Land Border Region",   "Area of Responsibility",
        "AOR (Abbv)",     "State",       "Demographic",          "Citizenship",
        "Citizenship Grouping", "Title of Authority", "Encounter Type"};
    return names[static_cast<std::size_t>(d)];
}

/// CBP's Southwest Land Border Encounters files (sbo-encounters-*.csv) have
/// no "Land Border Region" column: every row of them is this region
/// (`cbp_implied_value`).
inline constexpr std::string_view cbp_southwest_land_border = "Southwest Land Border";

/// The dimension columns of CBP's Southwest Land Border Encounters release
/// (sbo-encounters-fy22-fy25-aug.csv, examples/data/SOURCES.md 2b): `Fiscal
/// Year, Month Grouping, Month (abbv), Component, Demographic, Citizenship
/// Grouping, Title of Authority, Encounter Type, Encounter Count`.
inline constexpr std::array<cbp_dimension, 6> cbp_southwest_release_dimensions{
    cbp_dimension::month_grouping,       cbp_dimension::component,          cbp_dimension::demographic,
    cbp_dimension::citizenship_grouping, cbp_dimension::title_of_authority, cbp_dimension::encounter_type};

/// Whether `file` shows that it is CBP's Southwest Land Border Encounters
/// cut: it has no "Land Border Region" column and its dimension columns are
/// exactly those of that release (`cbp_southwest_release_dimensions`; other
/// columns are ignored by the reader and prove nothing). The absence of the
/// region column alone is no evidence: a nationwide file whose column was
/// renamed or dropped has no region column either.
template <typename Dictionaries>
bool cbp_is_southwest_release(const Dictionaries& file) noexcept {
    if (file.has(cbp_dimension::land_border_region)) return false;
    std::size_t found = 0;
    for (cbp_dimension d : cbp_all_dimensions) {
        if (!file.has(d)) continue;
        bool listed = false;
        for (cbp_dimension s : cbp_southwest_release_dimensions) listed = listed || s == d;
        if (!listed) return false;
        ++found;
    }
    return found == cbp_southwest_release_dimensions.size();
}

/// The value every row of a file has in dimension `d` although the file has
/// no column for it: "Southwest Land Border" for the region of a Southwest
/// Land Border Encounters file (`cbp_is_southwest_release`); empty for every
/// other case (the file has the column, or nothing is known: then a filter on
/// `d` is an error, `cbp_unknown_region_message` for the region).
template <typename Dictionaries>
std::optional<std::string_view> cbp_implied_value(const Dictionaries& file, cbp_dimension d) noexcept {
    if (d == cbp_dimension::land_border_region && cbp_is_southwest_release(file)) return cbp_southwest_land_border;
    return std::nullopt;
}

/// Why the rows of `source`, a CBP file without a "Land Border Region"
/// column that is not a Southwest Land Border Encounters file, cannot be
/// filtered by region, and what to do.
inline std::string cbp_unknown_region_message(std::string_view source) {
    return std::string(source) +
           ": no 'Land Border Region' column, and its columns are not those of CBP's Southwest Land Border "
           "Encounters file (Fiscal Year, Month Grouping, Month (abbv), Component, Demographic, Citizenship "
           "Grouping, Title of Authority, Encounter Type, Encounter Count), so which region its rows are in is "
           "not known; if a column holds the region under another name, rename it 'Land Border Region'";
}
/// The name of `d` in messages (the table's filters find it by this name).
constexpr std::string_view dimension_name(cbp_dimension d) noexcept { return cbp_column_name(d); }

/// The dictionaries of a CBP file, one per dimension.
using cbp_dimensions = dimension_dictionaries<cbp_dimension, cbp_dimension_count>;

/// One row of a CBP encounter file.
struct cbp_record {
    year_month month;
    ::borderstats::fiscal_year<us_federal> fiscal_year{0};
    /// The label said the year is still under way ("2025 (FYTD)").
    bool fiscal_year_incomplete = false;
    std::array<dimension_code, cbp_dimension_count> dimensions{};
    std::int64_t count = 0;
    /// 1-based line of the row in its source.
    std::size_t line = 0;
    /// A fingerprint of the row's fields in the columns the reader ignores
    /// (0 when there are none): part of the row's key for the check of
    /// repeated rows (io/record_table.hpp).
    std::uint64_t other_columns = 0;

    /// The code of dimension `d` (`dimension_code::none()` when the file has
    /// no such column).
    dimension_code operator[](cbp_dimension d) const noexcept { return dimensions[static_cast<std::size_t>(d)]; }
};

namespace detail {
// The columns the reader maps: the three required ones, then the dimensions
// in enum order.
inline constexpr std::size_t cbp_fiscal_year_column = 0;
inline constexpr std::size_t cbp_month_column = 1;
inline constexpr std::size_t cbp_count_column = 2;
inline constexpr std::size_t cbp_first_dimension_column = 3;
inline constexpr std::size_t cbp_columns = cbp_first_dimension_column + cbp_dimension_count;

inline constexpr std::array<column_spec, cbp_columns> cbp_specs{{
    {"Fiscal Year", true},
    {"Month (abbv)", true},
    {"Encounter Count", true},
    {"Month Grouping", false},
    {"Component", false},
    {"Land Border Region", false},
    {"Area of Responsibility", false},
    {"AOR (Abbv)", false},
    {"State", false},
    {"Demographic", false},
    {"Citizenship", false},
    {"Citizenship Grouping", false},
    {"Title of Authority", false},
    {"Encounter Type", false},
}};
}  // namespace detail

/// Reads CBP records one at a time from a `csv_reader` (a buffer) or a
/// `csv_stream_reader` (a stream or file). The header is read by the first
/// call to `read_header` or `next`.
template <typename Csv>
class basic_cbp_reader {
public:
    explicit basic_cbp_reader(Csv csv) : table_(std::move(csv), detail::cbp_specs) {}

    /// Reads and maps the header (done by `next` too). Throws `parse_error`.
    void read_header() {
        parse_failure failure;
        if (!try_read_header(failure)) borderstats::detail::raise(parse_error(std::move(failure)));
    }
    bool try_read_header(parse_failure& failure) {
        if (!table_.try_header(failure)) return false;
        if (!mapped_) {
            mapped_ = true;
            for (cbp_dimension d : cbp_all_dimensions) dimensions_.set_present(d, table_.has(column_of(d)));
        }
        return true;
    }

    /// The next record; false at the end. Throws `parse_error`.
    bool next(cbp_record& out) {
        parse_failure failure;
        const csv_status s = try_next(out, failure);
        if (s == csv_status::error) borderstats::detail::raise(parse_error(std::move(failure)));
        return s == csv_status::record;
    }

    /// The non-throwing form: on `error`, `failure` says where and what, and
    /// every later call fails the same way.
    csv_status try_next(cbp_record& out, parse_failure& failure) {
        if (!try_read_header(failure)) return csv_status::error;
        const csv_status s = table_.try_row(failure);
        if (s != csv_status::record) return s;
        const csv_record& row = table_.row();
        std::string_view why;

        const std::string_view fy_text = row[table_.index(detail::cbp_fiscal_year_column)];
        if (!(fy_cache_valid_ && fy_text == fy_cache_text_)) {
            const auto label = try_parse_cbp_fiscal_year(fy_text, &why);
            if (!label) return fail(detail::cbp_fiscal_year_column, why, failure);
            fy_cache_text_.assign(fy_text.data(), fy_text.size());  // reuses its capacity
            fy_cache_ = *label;
            fy_cache_valid_ = true;
        }
        const auto month = try_parse_month_abbreviation(row[table_.index(detail::cbp_month_column)], &why);
        if (!month) return fail(detail::cbp_month_column, why, failure);
        if (table_.cut_short_at(detail::cbp_count_column))  // see io/dialect.hpp
            return fail(detail::cbp_count_column, detail::csv_messages::cut_short("count"), failure);
        const auto count = try_parse_count(row[table_.index(detail::cbp_count_column)], &why);
        if (!count) return fail(detail::cbp_count_column, why, failure);

        out.fiscal_year = fy_cache_.year;
        out.fiscal_year_incomplete = fy_cache_.incomplete;
        out.month = fy_cache_.year.month_of(*month);
        out.count = *count;
        out.line = row.line();
        out.other_columns = table_.unmapped_fingerprint();
        why = span_.check(out.month);
        if (!why.empty()) return fail(detail::cbp_fiscal_year_column, why, failure);
        for (std::size_t k = 0; k < cbp_dimension_count; ++k) {
            const std::size_t column = detail::cbp_first_dimension_column + k;
            if (!table_.has(column)) {
                out.dimensions[k] = dimension_code::none();
                continue;
            }
            out.dimensions[k] = detail::intern_cached(dimensions_[cbp_all_dimensions[k]], last_[k],
                                                      row[table_.index(column)], &why);
            if (!out.dimensions[k].valid()) return fail(column, why, failure);
        }
        return s;
    }

    /// The dictionaries so far (complete once `next` has returned false).
    const cbp_dimensions& dimensions() const noexcept { return dimensions_; }
    /// Moves the dictionaries out (the reader must not be used afterwards).
    cbp_dimensions release_dimensions() noexcept { return std::move(dimensions_); }
    /// The header's column names as written (after `read_header`).
    const std::vector<std::string>& header() const noexcept { return table_.header(); }
    const std::string& source_name() const noexcept { return table_.source_name(); }

private:
    static constexpr std::size_t column_of(cbp_dimension d) noexcept {
        return detail::cbp_first_dimension_column + static_cast<std::size_t>(d);
    }
    BORDERSTATS_COLD csv_status fail(std::size_t column, std::string_view why, parse_failure& failure) {
        failure = table_.failure_at(column, why);
        table_.remember(failure);
        return csv_status::error;
    }

    detail::table_reader<Csv, detail::cbp_columns> table_;
    cbp_dimensions dimensions_;
    std::array<dimension_code, cbp_dimension_count> last_{};
    bool mapped_ = false;
    std::string fy_cache_text_;
    fiscal_year_label<us_federal> fy_cache_{fiscal_year<us_federal>{0}, false};
    bool fy_cache_valid_ = false;
    detail::month_span_guard span_;
};

/// Over a buffer the caller keeps alive: `cbp_reader r{csv_reader{text, "name"}}`.
using cbp_reader = basic_cbp_reader<csv_reader>;
/// Over a stream or a file: `cbp_file_reader r{csv_stream_reader::open(path)}`.
using cbp_file_reader = basic_cbp_reader<csv_stream_reader>;

// ------------------------------------------------------------------- TABLE

/// A whole CBP file: its records in file order and the dictionaries that
/// decode their dimension codes (see io/record_table.hpp).
using cbp_table = basic_record_table<cbp_record, cbp_dimension, cbp_dimension_count>;

namespace detail {
/// A guess of the number of rows, to reserve once: CBP rows are 60-90 bytes.
inline constexpr std::size_t cbp_bytes_per_row = 64;
}  // namespace detail

/// The format, for io::record_loader (io/record_table.hpp), which holds the
/// logic of every entry point below.
struct cbp_format {
    using table = cbp_table;
    template <typename Csv>
    using reader = basic_cbp_reader<Csv>;
    static constexpr std::size_t bytes_per_row = detail::cbp_bytes_per_row;
};

/// The non-throwing form of `load_cbp`.
inline std::optional<cbp_table> try_load_cbp(std::string_view text, std::string source, parse_failure& failure) {
    return record_loader<cbp_format>::try_load(text, std::move(source), failure);
}
/// Reads a whole CBP file held in memory. Throws `parse_error`.
inline cbp_table load_cbp(std::string_view text, std::string source = "<string>") {
    return record_loader<cbp_format>::load(text, std::move(source));
}
/// The non-throwing form of `load_cbp_file` (a missing file is a failure at
/// line 0).
inline std::optional<cbp_table> try_load_cbp_file(const file_path& path, parse_failure& failure) {
    return record_loader<cbp_format>::try_load_file(path, failure);
}
/// Reads a whole CBP file from disk. Throws `parse_error`.
inline cbp_table load_cbp_file(const file_path& path) { return record_loader<cbp_format>::load_file(path); }

/// The non-throwing form of `for_each_cbp_record`.
template <typename Callback>
std::optional<cbp_dimensions> try_for_each_cbp_record(const file_path& path, Callback&& callback,
                                                      parse_failure& failure) {
    return record_loader<cbp_format>::try_for_each(path, callback, failure);
}
/// Calls `callback(record)` or `callback(record, dimensions)` for each row of
/// the CBP file at `path`, reading it in chunks (the text is never held
/// whole: memory is the chunk, the dictionaries and 16 to 32 bytes a row for
/// the check of repeated rows). Returns the dictionaries that decode the codes.
/// The callback sees each record once, in file order; the records before a
/// malformed row have been delivered when the `parse_error` is thrown.
template <typename Callback>
cbp_dimensions for_each_cbp_record(const file_path& path, Callback&& callback) {
    return record_loader<cbp_format>::for_each(path, callback);
}
/// The non-throwing form of `for_each_cbp_record` over a stream.
template <typename Callback>
std::optional<cbp_dimensions> try_for_each_cbp_record(std::istream& in, std::string source, Callback&& callback,
                                                      parse_failure& failure) {
    return record_loader<cbp_format>::try_for_each(in, std::move(source), callback, failure);
}
/// As `for_each_cbp_record`, over a stream (named `source` in errors).
template <typename Callback>
cbp_dimensions for_each_cbp_record(std::istream& in, std::string source, Callback&& callback) {
    return record_loader<cbp_format>::for_each(in, std::move(source), callback);
}

}  // namespace io
}  // namespace v1
}  // namespace borderstats
