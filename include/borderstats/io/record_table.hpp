// borderstats/io/record_table.hpp: what the CBP and BTS readers share once a
// row is a record: the table of a whole file (`basic_record_table`) and the
// loops that fill it or hand each record to a callback.
//
// A record type here is a struct with a `month` (year_month) and an
// `operator[](Dimension)` that gives its dimension_code; a reader is anything
// with `try_next(record, failure)`, `dimensions()`, `release_dimensions()`,
// `header()` and `source_name()` (basic_cbp_reader, basic_bts_reader). The
// format headers (io/cbp.hpp, io/bts.hpp) name the instances and keep their
// own documented entry points; this header is the one place their logic lives.
#pragma once

#include <algorithm>
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
#include "../detail/nearest.hpp"
#include "../dictionary.hpp"
#include "../error.hpp"
#include "csv.hpp"
#include "file.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

/// The values of `dict` that differ from `text` only in ASCII case or in
/// spaces at either end ("southwest land border", "Southwest Land Border "
/// for "Southwest Land Border"), never `text` itself, in code order.
inline std::vector<std::string_view> near_values(const dictionary& dict, std::string_view text) {
    const auto trim = [](std::string_view v) {
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
        return v;
    };
    const std::string_view key = trim(text);
    std::vector<std::string_view> out;
    for (const std::string_view v : dict.names())
        if (v != text && borderstats::detail::iequals(trim(v), key)) out.push_back(v);
    return out;
}

namespace detail {
/// Why a filter of `column` by `text` in `source` cannot be exact, or an
/// empty string when it can: `exact` says whether some record has `text`,
/// `near` lists the near values (`near_values`) with where they are first
/// seen (" (line 12)", or empty when unknown).
BORDERSTATS_COLD inline std::string filter_problem(std::string_view source, std::string_view column, std::string_view text, bool exact,
                                  const std::vector<std::pair<std::string_view, std::string>>& near) {
    const auto quoted = [](std::string_view v) { return "'" + borderstats::detail::quote_for_message(v) + "'"; };
    std::string out;
    if (exact && near.empty()) return out;
    out = std::string(source) + ": ";
    if (near.empty()) return out + "no row has " + std::string(column) + " " + quoted(text);
    out += exact ? "filtering " + std::string(column) + " by " + quoted(text) +
                       " would leave out rows whose value differs from it only in case or surrounding spaces: "
                 : "no row has " + std::string(column) + " " + quoted(text) +
                       " exactly, but rows have values that differ from it only in case or surrounding spaces: ";
    constexpr std::size_t listed = 10;  // a message stays short however many there are
    for (std::size_t i = 0; i < near.size() && i < listed; ++i)
        out += (i ? ", " : "") + quoted(near[i].first) + near[i].second;
    if (near.size() > listed) out += " and " + std::to_string(near.size() - listed) + " more";
    return out + "; these are different values to borderstats: name the one you mean exactly, or fix the file";
}

/// The one rule of a lookup by value, for the table (`basic_record_table::
/// try_code`) and the fast path (`encounter_sums::try_code`): true when
/// `value` is in the column exactly and nothing near it is; otherwise false
/// with `failure` saying why. A near value (`near_values`) is an error that
/// lists them (`filter_problem`); an absent value names the nearest values
/// present ("no value 'Pedestrian'; did you mean 'Pedestrians'?").
inline bool check_lookup(std::string_view source, std::string_view column, std::string_view value, bool exact,
                         const std::vector<std::pair<std::string_view, std::string>>& near,
                         const std::vector<std::string_view>& names, parse_failure& failure) {
    if (exact && near.empty()) return true;
    failure = parse_failure{};
    if (!near.empty()) {  // the message names the source and the column already
        failure.message = filter_problem(source, column, value, exact, near);
        return false;
    }
    failure.where.source = std::string(source);
    failure.field = std::string(column);
    failure.message = "no value '" + borderstats::detail::quote_for_message(value) + "'; " +
                      borderstats::detail::suggestion_text(value, names);
    return false;
}
}  // namespace detail

/// A whole file: its records in file order and the dictionaries that decode
/// their dimension codes. `cbp_table` and `bts_table` are instances.
template <typename Record, typename Dimension, std::size_t DimensionCount>
class basic_record_table {
public:
    using record_type = Record;
    using dimension_type = Dimension;
    using dimensions_type = dimension_dictionaries<Dimension, DimensionCount>;
    using const_iterator = typename std::vector<Record>::const_iterator;

    basic_record_table() = default;
    basic_record_table(std::vector<Record> records, dimensions_type dimensions, std::vector<std::string> header,
                       std::string source)
        : records_(std::move(records)),
          dimensions_(std::move(dimensions)),
          header_(std::move(header)),
          source_(std::move(source)) {}

    const std::vector<Record>& records() const noexcept { return records_; }
    std::size_t size() const noexcept { return records_.size(); }
    bool empty() const noexcept { return records_.empty(); }
    const Record& operator[](std::size_t i) const noexcept { return records_[i]; }
    const_iterator begin() const noexcept { return records_.begin(); }
    const_iterator end() const noexcept { return records_.end(); }

    const dimensions_type& dimensions() const noexcept { return dimensions_; }
    /// Whether the file had a column for `d`.
    bool has(Dimension d) const noexcept { return dimensions_.has(d); }
    /// The string of `code` in dimension `d`. Throws `lookup_error` when the
    /// file has no column for `d`, `borderstats::error` for a code `d` did not
    /// hand out.
    std::string_view name(Dimension d, dimension_code code) const {
        if (!has(d)) borderstats::detail::raise(lookup_error(missing_column(d)));
        return dimensions_.name(d, code);
    }
    /// The code of `text` in dimension `d`, if some record has it.
    [[deprecated("use code(d, value), which names the nearest values when it is absent, or try_code (borderstats 0.2)")]]
    std::optional<dimension_code> find(Dimension d, std::string_view text) const noexcept {
        return dimensions_.find(d, text);
    }

    /// The code of `value` in dimension `d`. Throws `lookup_error` naming the
    /// file, the column and the nearest values present when no record has it
    /// ("no value 'Pedestrian'; did you mean 'Pedestrians'?"), or the columns
    /// there are when the file has no column for `d`.
    dimension_code code(Dimension d, std::string_view value) const {
        parse_failure failure;
        const auto c = try_code(d, value, failure);
        if (!c) borderstats::detail::raise(lookup_error(std::move(failure)));
        return *c;
    }
    /// The non-throwing form of `code`: empty with `failure` set when the
    /// value or the column is not in the file, or when some record has a
    /// value that differs from `value` only in ASCII case or surrounding
    /// spaces ("Southwest Land Border " beside "Southwest Land Border"),
    /// whose rows an exact filter would leave out silently. Decided for
    /// issue 12: such a near value is an error that lists each one with the
    /// line of its first row, never matched behind the user's back, since
    /// only the user knows whether it is a typo or another group.
    std::optional<dimension_code> try_code(Dimension d, std::string_view value, parse_failure& failure) const {
        if (!has(d)) {
            failure = missing_column(d);
            return std::nullopt;
        }
        const auto exact = dimensions_.find(d, value);
        std::vector<std::pair<std::string_view, std::string>> near;
        for (const std::string_view v : near_values(dimensions_[d], value)) near.emplace_back(v, first_line_of(d, v));
        if (!detail::check_lookup(source_, dimension_name(d), value, exact.has_value(), near, dimensions_[d].names(),
                                  failure))
            return std::nullopt;
        return exact;
    }
    [[deprecated("use try_code(d, value, failure), which applies the same rule (borderstats 0.2)")]]
    std::optional<dimension_code> try_filter_code(Dimension d, std::string_view text, std::string& why) const {
        parse_failure failure;
        const auto code = try_code(d, text, failure);
        why = code ? std::string() : failure.describe();
        return code;
    }
    [[deprecated("use code(d, value), which applies the same rule (borderstats 0.2)")]]
    dimension_code filter_code(Dimension d, std::string_view text) const { return code(d, text); }

    /// The value of dimension `d` of record `r` as text (empty view when the
    /// file has no such column).
    std::string_view value(const Record& r, Dimension d) const {
        return r[d].valid() ? dimensions_.name(d, r[d]) : std::string_view{};
    }

    /// The header's column names, as written.
    const std::vector<std::string>& header() const noexcept { return header_; }
    /// The name errors and messages use for the file.
    const std::string& source() const noexcept { return source_; }

    /// The months from the first to the last month of any record; empty
    /// when there are no records.
    month_range months_range() const {
        if (records_.empty()) return month_range{};
        year_month lo = records_.front().month;
        year_month hi = lo;
        for (const Record& r : records_) {
            if (r.month < lo) lo = r.month;
            if (r.month > hi) hi = r.month;
        }
        return month_range::inclusive(lo, hi);
    }
    [[deprecated("use months_range(), the name every type gives the months it covers (borderstats 0.2)")]]
    month_range span() const { return months_range(); }

private:
    BORDERSTATS_COLD parse_failure lookup_failure(Dimension d, std::string message) const {
        parse_failure f;
        f.where.source = source_;
        f.field = std::string(dimension_name(d));  // found by ADL beside the Dimension enum
        f.message = std::move(message);
        return f;
    }
    /// " (line N)" of the first record whose `d` is `value`.
    BORDERSTATS_COLD std::string first_line_of(Dimension d, std::string_view value) const {
        const dimension_code code = *dimensions_.find(d, value);
        for (const Record& r : records_)
            if (r[d] == code) return " (line " + std::to_string(r.line) + ")";
        return {};
    }
    BORDERSTATS_COLD parse_failure missing_column(Dimension d) const {
        return lookup_failure(d, "no such column; " + borderstats::detail::suggestion_text(dimension_name(d), header_,
                                                                                            "columns"));
    }

    std::vector<Record> records_;
    dimensions_type dimensions_;
    std::vector<std::string> header_;
    std::string source_;
};

/// The widest span of months a CBP or BTS file may cover: 1,200 months (100
/// years). Everything built from a file is dense by month (a
/// monthly_series per group, dense_group_sums), so a file whose rows name
/// fiscal years 0001 and 9999 would ask for groups x 120,000 cells; the
/// readers refuse the row that widens the span past this limit, at its month
/// field (CBP: the fiscal year; BTS: the date). Real files span decades.
inline constexpr std::int32_t max_month_span = 1200;

namespace detail {

/// Checks that the months a reader has seen stay within `max_month_span`;
/// the message names the two months. Shared by the CBP and BTS readers and
/// io/fast_scan.hpp's sums, so that they refuse the same row the same way.
class month_span_guard {
public:
    /// Empty when `m` keeps the span within the limit; else why.
    std::string_view check(year_month m) {
        if (!seen_) {
            seen_ = true;
            lo_ = hi_ = m;
            return {};
        }
        if (m >= lo_ && m <= hi_) return {};
        const bool later = m > hi_;
        const year_month other = later ? lo_ : hi_;
        const std::int64_t width =
            (later ? std::int64_t{m.index()} - lo_.index() : std::int64_t{hi_.index()} - m.index()) + 1;
        if (width > max_month_span) return refuse(m, other, width);
        (later ? hi_ : lo_) = m;
        return {};
    }

private:
    BORDERSTATS_COLD std::string_view refuse(year_month m, year_month other, std::int64_t width) {
        message_ = "expected the file's months to span at most " + std::to_string(max_month_span) +
                   " months (100 years), but " + to_string(m) + " and " + to_string(other) + ", seen earlier, span " +
                   std::to_string(width);
        return message_;
    }

    bool seen_ = false;
    year_month lo_{};
    year_month hi_{};
    std::string message_;
};

/// A key field of a record beyond its month and dimension codes (BTS: the
/// port code); a format with one declares `record_key_extra(const R&)` beside
/// its record type, found by ADL.
template <typename Record>
constexpr std::uint64_t record_key_extra(const Record&) noexcept {
    return 0;
}

/// splitmix64's finaliser: a bijection of 64-bit words that spreads every
/// input bit over the output.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// A 64-bit fingerprint of a record's full key: its month, every dimension
/// code, `record_key_extra` and the fingerprint of the columns the reader
/// ignores (`other_columns`); everything but the count.
template <typename Record>
std::uint64_t key_fingerprint(const Record& r) noexcept {
    std::uint64_t h = mix64(std::uint64_t{static_cast<std::uint32_t>(r.month.index())} ^ 0x9E3779B97F4A7C15ULL);
    for (const dimension_code c : r.dimensions) h = mix64(h ^ c.value);
    return mix64(mix64(h ^ record_key_extra(r)) ^ r.other_columns);
}

/// Whether two records have the same full key (everything but the count).
template <typename Record>
bool same_key(const Record& a, const Record& b) noexcept {
    return a.month == b.month && a.dimensions == b.dimensions && record_key_extra(a) == record_key_extra(b) &&
           a.other_columns == b.other_columns;
}

/// The message of a row whose full key repeats an earlier row's.
inline std::string repeated_key_message(std::size_t first_line) {
    const bool known = first_line < 0xFFFFFFFFu;  // repeated_key_guard keeps lines up to 2^32 - 2
    return "repeats the month and every other value of " +
           (known ? "line " + std::to_string(first_line) : std::string("an earlier row")) +
           " (all but the count): a file has one row per month and group, so adding both would count that group "
           "twice; remove the repeated row";
}

/// The rows seen so far by their key fingerprint (`key_fingerprint`) and
/// first line: an open-addressing table of 12 bytes a slot, at most 3/4 full,
/// so 16 to 32 bytes a distinct row (48 for a moment while it doubles).
/// Known limit: the columns a reader ignores enter the key as one hash
/// (`other_columns`), and a row whose fingerprint matches an earlier
/// different key is not kept; a file crafted to collide can hide a repeat or
/// be refused for one. Real files do not: a collision by chance is about
/// n^2/2^65.
class repeated_key_guard {
public:
    /// 0 when no earlier row had `fingerprint` (it is kept, with `line`);
    /// else the line of the first that had it.
    std::size_t first_line(std::uint64_t fingerprint, std::size_t line) {
        if (fingerprint == 0) fingerprint = 1;  // 0 marks an empty slot
        if (4 * (used_ + 1) > 3 * keys_.size()) grow();
        std::size_t i = fingerprint & (keys_.size() - 1);
        for (; keys_[i] != 0; i = (i + 1) & (keys_.size() - 1))
            if (keys_[i] == fingerprint) return lines_[i];
        keys_[i] = fingerprint;
        lines_[i] = line < line_cap ? static_cast<std::uint32_t>(line) : line_cap;
        ++used_;
        return 0;
    }

private:
    static constexpr std::uint32_t line_cap = 0xFFFFFFFFu;  // a later line is kept as this one

    void grow() {
        std::vector<std::uint64_t> keys(keys_.empty() ? 1024 : 2 * keys_.size(), 0);
        std::vector<std::uint32_t> lines(keys.size(), 0);
        for (std::size_t k = 0; k < keys_.size(); ++k) {
            if (keys_[k] == 0) continue;
            std::size_t i = keys_[k] & (keys.size() - 1);
            while (keys[i] != 0) i = (i + 1) & (keys.size() - 1);
            keys[i] = keys_[k];
            lines[i] = lines_[k];
        }
        keys_.swap(keys);
        lines_.swap(lines);
    }

    std::vector<std::uint64_t> keys_;
    std::vector<std::uint32_t> lines_;
    std::size_t used_ = 0;
};

/// The failure of the row at `line` of `source` repeating the row at
/// `first_line`, at its first column.
inline parse_failure repeated_key_failure(const std::string& source, std::size_t line, std::size_t first_line) {
    parse_failure f;
    f.where.source = source;
    f.where.line = line;
    f.where.column = 1;
    f.message = repeated_key_message(first_line);
    return f;
}

/// Every record of `reader` into a table, or empty with `failure` set at the
/// first bad row. `expected_rows` is reserved once. A row whose full key
/// (`same_key`) repeats an earlier row's is bad, at the later row; the guard
/// finds candidates by fingerprint and the records confirm them exactly.
template <typename Table, typename Reader>
std::optional<Table> try_load_table(Reader reader, parse_failure& failure, std::size_t expected_rows) {
    using record = typename Table::record_type;
    std::vector<record> records;
    records.reserve(expected_rows);
    repeated_key_guard seen;
    record r;
    for (;;) {
        const csv_status s = reader.try_next(r, failure);
        if (s == csv_status::error) return std::nullopt;
        if (s == csv_status::end_of_input) break;
        if (const std::size_t first = seen.first_line(key_fingerprint(r), r.line)) {
            // Records are in line order: find the earlier one and compare
            // (a fingerprint shared by two different keys is not an error).
            const auto it = std::lower_bound(records.begin(), records.end(), first,
                                             [](const record& a, std::size_t line) { return a.line < line; });
            if (it != records.end() && same_key(*it, r)) {
                failure = repeated_key_failure(reader.source_name(), r.line, first);
                return std::nullopt;
            }
        }
        records.push_back(r);
    }
    std::vector<std::string> header = reader.header();
    std::string source = reader.source_name();
    return Table(std::move(records), reader.release_dimensions(), std::move(header), std::move(source));
}

/// A row count to reserve for a file of `bytes` bytes whose rows are about
/// `bytes_per_row` long; a small guess when the size is unknown. At most
/// 4,194,304 rows are reserved up front, so a huge or sparse file (a 100 GB
/// `truncate`d one) cannot make the reservation itself fail: past that the
/// table grows as rows arrive, each row read before it is kept.
inline std::size_t rows_hint(std::uint64_t bytes, std::size_t bytes_per_row) noexcept {
    constexpr std::uint64_t most = std::uint64_t{1} << 22;
    const std::uint64_t rows = bytes / bytes_per_row + 16;
    return static_cast<std::size_t>(rows < most ? rows : most);
}
inline std::size_t file_rows_hint(const file_path& path, std::size_t bytes_per_row) noexcept {
    const std::uint64_t bytes = file_size_or_unknown(path);
    return bytes == input_file::unknown_size ? std::size_t{1024} : rows_hint(bytes, bytes_per_row);
}

/// Callbacks may take the record alone or the record and the dictionaries
/// (to decode codes as they go).
template <typename Callback, typename Record, typename Dimensions>
void call_record_callback(Callback& callback, const Record& r, const Dimensions& dims) {
    if constexpr (std::is_invocable_v<Callback&, const Record&, const Dimensions&>)
        callback(r, dims);
    else
        callback(r);
}

/// Streams every record of `reader` to `callback`; the dictionaries at the
/// end, or empty with `failure` set at the first bad row. A row whose key
/// fingerprint repeats an earlier row's is bad (as for `try_load_table`, but
/// unconfirmed: two different keys share a 64-bit fingerprint with a chance
/// of about n^2 / 2^65 for n rows, 3 in a million at 10 million rows).
template <typename Record, typename Reader, typename Callback>
auto try_for_each_record(Reader reader, Callback& callback, parse_failure& failure)
    -> std::optional<decltype(reader.release_dimensions())> {
    repeated_key_guard seen;  // the records are not kept: a fingerprint match is taken as a repeat
    Record r;
    for (;;) {
        const csv_status s = reader.try_next(r, failure);
        if (s == csv_status::error) return std::nullopt;
        if (s == csv_status::end_of_input) break;
        if (const std::size_t first = seen.first_line(key_fingerprint(r), r.line)) {
            failure = repeated_key_failure(reader.source_name(), r.line, first);
            return std::nullopt;
        }
        call_record_callback(callback, r, reader.dimensions());
    }
    return reader.release_dimensions();
}

/// The value of a `try_` form, or its failure thrown as a `parse_error`.
template <typename T>
T value_or_raise(std::optional<T>&& result, parse_failure& failure) {
    if (!result) borderstats::detail::raise(parse_error(std::move(failure)));
    return std::move(*result);
}

}  // namespace detail

/// The entry points every record format shares, written once: a format
/// names its table, its reader template and a typical row length
/// (`cbp_format`, `bts_format`), and io/cbp.hpp and io/bts.hpp give each
/// function its documented name in one line. The `try_` forms never throw
/// and fill `failure` (a missing file is a failure at line 0); the others
/// throw it as a `parse_error`.
template <typename Format>
struct record_loader {
    using table = typename Format::table;
    using record = typename table::record_type;
    using dimensions = typename table::dimensions_type;

    static std::optional<table> try_load(std::string_view text, std::string source, parse_failure& failure) {
        using reader = typename Format::template reader<csv_reader>;
        return detail::try_load_table<table>(reader(csv_reader(text, std::move(source))), failure,
                                             detail::rows_hint(text.size(), Format::bytes_per_row));
    }
    static table load(std::string_view text, std::string source) {
        parse_failure failure;
        return detail::value_or_raise(try_load(text, std::move(source), failure), failure);
    }
    static std::optional<table> try_load_file(const file_path& path, parse_failure& failure) {
        auto csv = csv_stream_reader::try_open(path, failure);
        if (!csv) return std::nullopt;
        using reader = typename Format::template reader<csv_stream_reader>;
        return detail::try_load_table<table>(reader(std::move(*csv)), failure,
                                             detail::file_rows_hint(path, Format::bytes_per_row));
    }
    static table load_file(const file_path& path) {
        parse_failure failure;
        return detail::value_or_raise(try_load_file(path, failure), failure);
    }
    template <typename Callback>
    static std::optional<dimensions> try_for_each(const file_path& path, Callback& callback,
                                                  parse_failure& failure) {
        auto csv = csv_stream_reader::try_open(path, failure);
        if (!csv) return std::nullopt;
        using reader = typename Format::template reader<csv_stream_reader>;
        return detail::try_for_each_record<record>(reader(std::move(*csv)), callback, failure);
    }
    template <typename Callback>
    static std::optional<dimensions> try_for_each(std::istream& in, std::string source, Callback& callback,
                                                  parse_failure& failure) {
        using reader = typename Format::template reader<csv_stream_reader>;
        return detail::try_for_each_record<record>(reader(csv_stream_reader(in, std::move(source))), callback, failure);
    }
    template <typename Callback>
    static dimensions for_each(const file_path& path, Callback& callback) {
        parse_failure failure;
        return detail::value_or_raise(try_for_each(path, callback, failure), failure);
    }
    template <typename Callback>
    static dimensions for_each(std::istream& in, std::string source, Callback& callback) {
        parse_failure failure;
        return detail::value_or_raise(try_for_each(in, std::move(source), callback, failure), failure);
    }
};

}  // namespace io
}  // namespace v1
}  // namespace borderstats
