// borderstats/io/csv.hpp: an RFC 4180 CSV reader, record at a time.
//
// Two readers with one interface, `next(csv_record&)`:
//
//   csv_reader          over a memory buffer the caller keeps alive
//   csv_stream_reader   over a std::istream (or a file, `open(path)`), read in
//                       large chunks (1 MiB by default); a record that
//                       straddles a chunk is moved to the front of the buffer,
//                       and the buffer grows only when one record is larger
//                       than it, so memory stays bounded by the largest record
//
// Both drive the same state machine, `detail::csv_scanner`, which scans one
// record out of whatever bytes it is given and says "need more" when the
// record is not complete yet; the stream reader then refills and rescans that
// record from its start (it costs one rescan per chunk, and keeps the scanner
// free of suspended states).
//
// A `csv_record` holds views: fields are never copied, except a quoted field
// with doubled quotes, which is un-doubled into a scratch buffer the reader
// owns and reuses. Views stay valid until the next call to `next`. Field
// descriptors live in a vector inside the record, so reusing one record
// object across calls allocates nothing once it has grown to the widest row.
//
// Decisions on the dialect (written once in io/dialect.hpp, which the fast
// path of io/fast_scan.hpp shares):
// - Line ends may be CRLF, LF or a lone CR, mixed freely; each counts as one
//   line. Inside quotes they are kept verbatim in the field and counted too,
//   so line numbers after a multi-line field are right.
// - A UTF-8 byte-order mark at the very start is skipped, and columns on line
//   1 count from the first byte after it. A BOM anywhere else is an error:
//   it is the sign of files concatenated with `cat`, and would otherwise end
//   up glued to a field value.
// - Empty lines carry no record and are skipped, wherever they are (before
//   the header too, and blank trailing lines); they still count for line
//   numbers. A line of spaces is a record of one field.
// - A missing final line end is accepted here (the CBP readers refuse it
//   after a count: see io/dialect.hpp).
// - Columns are 1-based byte columns; a quoted field's column is that of its
//   opening quote.
// - Strictness: after a closing quote only the delimiter or a line end may
//   follow (no spaces); a quote inside an unquoted field, a NUL byte anywhere
//   (binary or UTF-16 input) and an unclosed quote are errors. Every error is
//   a `parse_error` with the source, 1-based line and column, and what was
//   expected; `try_next` returns it as a `parse_failure` instead. Errors are
//   sticky: a reader that failed fails again with the same failure.
// - Limits (csv_options): a record of more than `max_record_bytes` bytes (16
//   MiB) before its line end is an error at its start; one of more than
//   `max_fields` fields (1,048,576, or the header's width once a reader of
//   io/fields.hpp has read it) at the first field too many. So the stream
//   reader's memory is bounded by one record of 16 MiB, whatever the input.
//
// Speed: the scanner finds the special bytes (delimiter, quote, CR, LF, NUL,
// and 0xEF, the first byte of a BOM) as bitmasks over 64 bytes at a time
// (`detail::csv_block_masks` of io/dialect.hpp, SSE2 or portable), and walks
// their bits from field to field, so a block is searched once however many
// fields it holds.
//
// `csv_header` reads a first record as column names, rejects duplicates
// (in time linear in the header), and finds a column by name, exactly or
// ignoring ASCII case. `detail::header_columns` is the matcher of the readers
// (normalised names, see io/dialect.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../detail/hash_index.hpp"
#include "../detail/size.hpp"
#include "../error.hpp"
#include "dialect.hpp"
#include "file.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

/// What `try_next` found.
enum class csv_status {
    record,        ///< a record was read into the output
    end_of_input,  ///< no more records
    error          ///< the input is not valid CSV; the failure says where and why
};

namespace detail {
class csv_scanner;
}

/// One record: its fields as views into the reader's buffers, valid until the
/// reader's next call to `next`/`try_next`.
class csv_record {
public:
    std::size_t size() const noexcept { return fields_.size(); }
    bool empty() const noexcept { return fields_.empty(); }
    /// No fields (what a reader leaves at the end of the input); keeps the
    /// capacity.
    void clear() noexcept {
        fields_.clear();
        line_ = 0;
        ends_input_ = false;
    }

    /// Field `i` (precondition: i < size()), quotes removed and doubled quotes
    /// un-doubled.
    std::string_view operator[](std::size_t i) const noexcept {
        const field& f = fields_[i];
        return std::string_view(bases_[f.in_scratch ? 1 : 0] + f.offset, f.length);
    }
    /// As `operator[]`, with a bounds check that throws std::out_of_range.
    std::string_view at(std::size_t i) const {
        check(i);
        return (*this)[i];
    }

    /// 1-based line on which the record starts.
    std::size_t line() const noexcept { return line_; }
    /// Whether the record ended at the end of the input without a line end
    /// (the sign of a file cut short when its last field is a number).
    bool ends_input() const noexcept { return ends_input_; }
    /// 1-based line on which field `i` starts (later than `line()` after a
    /// quoted field that holds a line end).
    std::size_t line_of(std::size_t i) const {
        check(i);
        return fields_[i].line;
    }
    /// 1-based byte column at which field `i` starts (its opening quote, if
    /// quoted).
    std::size_t column_of(std::size_t i) const {
        check(i);
        return fields_[i].column;
    }
    /// Whether field `i` was written in quotes: lets a caller tell `""` (an
    /// empty string said on purpose) from nothing at all.
    bool was_quoted(std::size_t i) const {
        check(i);
        return fields_[i].quoted;
    }

private:
    friend class detail::csv_scanner;

    // Offsets, not pointers, while a record is being scanned: the scratch
    // buffer may reallocate mid-record. `bases_` is set once it is complete.
    struct field {
        field(std::size_t line_, std::size_t column_) noexcept
            : offset(0), length(0), line(line_), column(column_), in_scratch(false), quoted(false) {}
        std::size_t offset;
        std::size_t length;
        std::size_t line;
        std::size_t column;
        bool in_scratch;
        bool quoted;
    };

    void check(std::size_t i) const {
        if (i >= fields_.size()) out_of_range(i);
    }
    [[noreturn]] BORDERSTATS_COLD void out_of_range(std::size_t i) const {
        borderstats::detail::raise(std::out_of_range("csv_record: field " + std::to_string(i) + " of a record of " +
                                                     std::to_string(fields_.size())));
    }

    std::vector<field> fields_;
    std::array<const char*, 2> bases_{{nullptr, nullptr}};  // [0] the input, [1] the scratch buffer
    std::size_t line_ = 0;
    bool ends_input_ = false;
};

namespace detail {

/// Where a failure was found, before the reader adds the source name.
struct csv_scan_error {
    static constexpr std::size_t no_field = static_cast<std::size_t>(-1);
    std::size_t line = 0;
    std::size_t column = 0;
    std::string text;
    std::string message;
    /// 0-based index in its record of the field the failure is in, or
    /// `no_field` (a field too many, a record too long): a reader that knows
    /// the header names the column.
    std::size_t field = no_field;
};

enum class csv_scan_status { record, end, need_more, error };

/// The CSV state machine, shared by both readers (and by the fast path of
/// io/fast_scan.hpp for the wording of its errors). `scan` reads one record
/// from buf[pos, n); `base` is the offset in the whole input of buf[0], and
/// `final` says no bytes follow buf[n - 1]. On `record` it advances `pos` past
/// the record; on `need_more` it leaves `pos` at the start of the unfinished
/// record (blank lines before it are consumed), and the caller must call
/// again with the same bytes from `pos` on, followed by more (or with `final`).
class csv_scanner {
public:
    explicit csv_scanner(const csv_options& options)
        : delimiter_(options.delimiter),
          quote_(options.quote),
          needles_(options),
          max_record_bytes_(options.max_record_bytes),
          max_fields_(options.max_fields) {
        const auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0' || c == '\xEF'; };
        if (bad(options.delimiter) || bad(options.quote) || options.delimiter == options.quote)
            borderstats::detail::raise(
                borderstats::error("csv_options: the delimiter and the quote must differ and be neither CR, LF, NUL nor 0xEF"));
        if (options.max_record_bytes == 0 || options.max_record_bytes > (std::size_t{1} << 31) || options.max_fields == 0)
            borderstats::detail::raise(borderstats::error(
                "csv_options: max_record_bytes must be in 1..2^31 and max_fields at least 1"));
    }

    csv_scan_status scan(const char* buf, std::size_t n, std::size_t& pos, std::uint64_t base, bool final,
                         csv_record& out);

    const csv_scan_error& error() const noexcept { return error_; }

    /// Forgets the search state: the caller changed the bytes of its buffer
    /// (the stream reader, after moving and refilling it).
    void invalidate_search() noexcept { block_buf_ = nullptr; }
    /// The line the next record would start on (or the failure's line).
    std::size_t line() const noexcept { return line_; }
    /// From now on a record may hold at most `n` fields, the header's width:
    /// the first field too many is an error as soon as it starts.
    void limit_fields_to_header(std::size_t n) noexcept {
        max_fields_ = n == 0 ? 1 : n;
        fields_from_header_ = true;
    }
    /// Starts scanning in the middle of an input, at a record boundary on
    /// line `line` whose first byte is at `line_start` (the fast path, to word
    /// the error of a record it refused).
    void resume(std::size_t line, std::uint64_t line_start) noexcept {
        line_ = line;
        line_start_ = line_start;
        at_start_ = false;
    }

private:
    // The position inside one scan: committed to the members only when a
    // record is complete, so a `need_more` leaves the scanner as it was.
    struct cursor {
        std::size_t p;
        std::size_t line;
        std::uint64_t line_start;  // offset in the whole input of the current line's first byte
    };

    /// Index in [p, n] of the first special byte of buf[p, n), or n.
    std::size_t next_special(const char* buf, std::size_t p, std::size_t n) noexcept {
        if (buf == block_buf_ && n == block_n_ && p >= block_start_ && p - block_start_ < 64) {
            block_mask_ &= ~std::uint64_t{0} << (p - block_start_);
        } else {
            block_buf_ = buf;
            block_n_ = n;
            block_start_ = p;
            block_mask_ = special_mask(buf + p, n - p);
        }
        while (block_mask_ == 0) {
            if (n - block_start_ <= 64) return n;
            block_start_ += 64;
            block_mask_ = special_mask(buf + block_start_, n - block_start_);
        }
        return block_start_ + csv_lowest_bit(block_mask_);
    }

    std::uint64_t special_mask(const char* p, std::size_t n) const noexcept {
        const csv_masks m = csv_block_masks_partial(p, n, needles_);
        return m.quote | m.structural | m.odd;
    }

    static std::size_t column(std::uint64_t base, std::size_t p, std::uint64_t line_start) noexcept {
        return borderstats::detail::to_size(base + p - line_start + 1);
    }

    BORDERSTATS_COLD csv_scan_status fail(std::size_t at, std::size_t line, std::size_t col, std::string_view text,
                         std::string_view message) {
        error_offset_ = at;
        error_.field = csv_scan_error::no_field;
        error_.line = line;
        error_.column = col;
        error_.text = borderstats::detail::quote_for_message(text);
        error_.message = std::string(message);
        line_ = line;
        return csv_scan_status::error;
    }

    /// A NUL or the first byte of what may be a BOM, at buf[q]: the error, or
    /// `record` meaning "an ordinary byte, go on".
    csv_scan_status check_nul_or_bom(const char* buf, std::size_t q, std::size_t n, bool final, const cursor& c,
                                     std::uint64_t base) {
        if (buf[q] == '\0') return fail(q, c.line, column(base, q, c.line_start), csv_messages::nul_text, csv_messages::nul);
        if (buf[q] == '\xEF') {
            switch (bom_at(buf, q, n, final)) {
                case bom_check::need_more: return csv_scan_status::need_more;
                case bom_check::yes:
                    return fail(q, c.line, column(base, q, c.line_start), csv_messages::bom_text, csv_messages::bom);
                case bom_check::no: break;
            }
        }
        return csv_scan_status::record;
    }

    /// Consumes the line end at buf[c.p] (CR, LF or CRLF).
    static bool consume_line_end(const char* buf, std::size_t n, bool final, cursor& c, std::uint64_t base) noexcept {
        if (buf[c.p] == '\r') {
            if (c.p + 1 < n)
                c.p += buf[c.p + 1] == '\n' ? 2 : 1;
            else if (final)
                c.p += 1;
            else
                return false;
        } else {
            c.p += 1;
        }
        ++c.line;
        c.line_start = base + c.p;
        return true;
    }

    csv_scan_status scan_record(const char* buf, std::size_t n, std::uint64_t base, bool final, cursor& c,
                                csv_record& out, std::size_t& end);
    csv_scan_status scan_quoted(const char* buf, std::size_t n, std::uint64_t base, bool final, cursor& c,
                                csv_record::field& f);
    csv_scan_status scan_unquoted(const char* buf, std::size_t n, std::uint64_t base, bool final, cursor& c,
                                  csv_record::field& f);

    char delimiter_;
    char quote_;
    csv_needles needles_;
    std::size_t max_record_bytes_;
    std::size_t max_fields_;
    bool fields_from_header_ = false;
    // The special bytes of the 64 bytes from block_start_ on in block_buf_,
    // those before the last position asked cleared. Kept across records, so a
    // 64-byte block is searched once however many fields it holds, and a
    // field costs one bit scan instead of a fresh search.
    const char* block_buf_ = nullptr;
    std::size_t block_n_ = 0;
    std::size_t block_start_ = 0;
    std::uint64_t block_mask_ = 0;
    std::string scratch_;
    std::size_t line_ = 1;
    std::uint64_t line_start_ = 0;
    bool at_start_ = true;
    std::size_t error_offset_ = 0;  // in buf, of the last failure
    bool field_too_many_ = false;   // the last failure is a field too many
    csv_scan_error error_;
};

inline csv_scan_status csv_scanner::scan(const char* buf, std::size_t n, std::size_t& pos, std::uint64_t base,
                                         bool final, csv_record& out) {
    using status = csv_scan_status;
    if (at_start_) {
        switch (bom_at(buf, pos, n, final)) {
            case bom_check::need_more: return status::need_more;
            case bom_check::yes:
                pos += 3;
                line_start_ = base + pos;
                break;
            case bom_check::no: break;
        }
        at_start_ = false;
    }

    // Empty lines carry no record: consume them (committing as we go).
    for (;;) {
        if (pos == n) return final ? status::end : status::need_more;
        if (buf[pos] != '\n' && buf[pos] != '\r') break;
        cursor c{pos, line_, line_start_};
        if (!consume_line_end(buf, n, final, c, base)) return status::need_more;
        pos = c.p;
        line_ = c.line;
        line_start_ = c.line_start;
    }

    // A record holds at most max_record_bytes_ bytes before its line end: it
    // is scanned in a window that ends 3 bytes past the limit (enough to look
    // ahead at a quote, a CR or a BOM there), and whatever runs past the limit
    // is refused at the record's start. So the verdict depends on the first
    // max_record_bytes_ + 3 bytes of a record only, however they arrive.
    const std::size_t start = pos;
    const std::size_t limit = start + max_record_bytes_;
    const bool clamped = n - start > max_record_bytes_ + 3;
    const std::size_t window = clamped ? limit + 3 : n;
    const auto too_long = [&] {
        return fail(start, line_, column(base, start, line_start_), std::string_view(),
                    csv_messages::record_too_long(max_record_bytes_));
    };
    cursor c{pos, line_, line_start_};
    const std::size_t record_line = c.line;
    std::size_t end = 0;
    field_too_many_ = false;
    const status s = scan_record(buf, window, base, final && !clamped, c, out, end);
    if (s == status::need_more) return clamped ? too_long() : s;
    if (s == status::error) {
        if (error_offset_ >= limit) return too_long();
        const std::size_t fields = out.fields_.size();
        if (fields <= max_fields_ && fields > 0 && !field_too_many_) error_.field = fields - 1;
        return s;
    }
    if (end > limit) return too_long();

    pos = c.p;
    line_ = c.line;
    line_start_ = c.line_start;
    out.line_ = record_line;
    out.ends_input_ = end == n && final;
    out.bases_ = {{buf, scratch_.data()}};
    return status::record;
}

// The fields of one record, from c.p to its line end (`end` is where that is,
// or n at the end of the input).
inline csv_scan_status csv_scanner::scan_record(const char* buf, std::size_t n, std::uint64_t base, bool final,
                                                cursor& c, csv_record& out, std::size_t& end) {
    using status = csv_scan_status;
    auto& fields = out.fields_;
    fields.clear();
    scratch_.clear();
    for (;;) {  // one field per turn; leaves through a line end or the end of input
        if (fields.size() == max_fields_) {
            field_too_many_ = true;
            return fail(c.p, c.line, column(base, c.p, c.line_start), std::string_view(),
                        csv_messages::too_many_fields(max_fields_, fields_from_header_));
        }
        // Built in place: a field assembled on the stack and then copied in
        // made the copy stall on store forwarding, at a third of the time.
        fields.emplace_back(c.line, column(base, c.p, c.line_start));
        csv_record::field& f = fields.back();
        const bool quoted = c.p < n && buf[c.p] == quote_;
        const status s = quoted ? scan_quoted(buf, n, base, final, c, f) : scan_unquoted(buf, n, base, final, c, f);
        if (s != status::record) return s;
        end = c.p;
        if (c.p == n) return status::record;  // (final: the scans asked for more otherwise)
        const char ch = buf[c.p];
        if (ch == delimiter_) {
            ++c.p;
            continue;
        }
        if (ch == '\n' || ch == '\r') return consume_line_end(buf, n, final, c, base) ? status::record : status::need_more;
        // Only after a closing quote can another byte follow a field.
        const status odd = check_nul_or_bom(buf, c.p, n, final, c, base);
        if (odd != status::record) return odd;
        return fail(c.p, c.line, column(base, c.p, c.line_start), std::string_view(buf + c.p, 1),
                    csv_messages::after_closing_quote(delimiter_));
    }
}

// The quoted field opening at buf[c.p]; leaves c.p past its closing quote.
inline csv_scan_status csv_scanner::scan_quoted(const char* buf, std::size_t n, std::uint64_t base, bool final,
                                                cursor& c, csv_record::field& f) {
    using status = csv_scan_status;
    f.quoted = true;
    const std::size_t open = c.p;
    std::size_t segment = ++c.p;  // first byte not yet copied, when copying
    bool copying = false;
    for (;;) {
        const std::size_t q = next_special(buf, c.p, n);
        if (q == n) {
            if (!final) return status::need_more;
            return fail(open, f.line, f.column, std::string_view(buf + open, n - open), csv_messages::unclosed_quote);
        }
        const char ch = buf[q];
        if (ch == quote_) {
            if (q + 1 == n && !final) return status::need_more;  // "" split across chunks?
            if (q + 1 < n && buf[q + 1] == quote_) {
                if (!copying) {
                    copying = true;
                    f.in_scratch = true;
                    f.offset = scratch_.size();
                }
                scratch_.append(buf + segment, q + 1 - segment);  // keeps one quote of the two
                c.p = segment = q + 2;
                continue;
            }
            if (copying) {
                scratch_.append(buf + segment, q - segment);
                f.length = scratch_.size() - f.offset;
            } else {
                f.offset = open + 1;
                f.length = q - (open + 1);
            }
            c.p = q + 1;
            if (c.p == n && !final) return status::need_more;
            return status::record;
        }
        if (ch == delimiter_) {  // ordinary inside quotes
            c.p = q + 1;
            continue;
        }
        if (ch == '\n' || ch == '\r') {
            c.p = q;
            if (!consume_line_end(buf, n, final, c, base)) return status::need_more;
            continue;
        }
        const status s = check_nul_or_bom(buf, q, n, final, c, base);
        if (s != status::record) return s;
        c.p = q + 1;
    }
}

// The unquoted field starting at buf[c.p]; leaves c.p at the byte that ends it.
inline csv_scan_status csv_scanner::scan_unquoted(const char* buf, std::size_t n, std::uint64_t base, bool final,
                                                  cursor& c, csv_record::field& f) {
    using status = csv_scan_status;
    const std::size_t start = c.p;
    f.offset = start;
    for (;;) {
        const std::size_t q = next_special(buf, c.p, n);
        if (q == n) {
            if (!final) return status::need_more;
            f.length = n - start;
            c.p = n;
            return status::record;
        }
        const char ch = buf[q];
        if (ch == delimiter_ || ch == '\n' || ch == '\r') {
            f.length = q - start;
            c.p = q;
            return status::record;
        }
        if (ch == quote_)
            return fail(q, c.line, column(base, q, c.line_start), std::string_view(buf + start, q + 1 - start),
                        csv_messages::quote_in_unquoted);
        const status s = check_nul_or_bom(buf, q, n, final, c, base);
        if (s != status::record) return s;
        c.p = q + 1;
    }
}

inline std::string_view csv_trim(std::string_view s) noexcept {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

inline bool csv_iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

BORDERSTATS_COLD inline parse_failure csv_failure(const std::string& source, const csv_scan_error& e) {
    return parse_failure{text_location{source, e.line, e.column}, std::string(), e.text, e.message};
}

}  // namespace detail

// ----------------------------------------------------------------- READERS

/// Reads records from a buffer the caller keeps alive for the reader's life.
class csv_reader {
public:
    csv_reader(std::string_view buffer, std::string source_name, const csv_options& options = {})
        : buffer_(buffer), source_(std::move(source_name)), scanner_(options) {}

    /// The next record into `out`; false at the end of the input. Throws
    /// `parse_error` on invalid input.
    bool next(csv_record& out) {
        parse_failure failure;
        const csv_status s = try_next(out, failure);
        if (s == csv_status::error) borderstats::detail::raise(parse_error(std::move(failure)));
        return s == csv_status::record;
    }

    /// The non-throwing form: on `error`, `failure` says where and what.
    csv_status try_next(csv_record& out, parse_failure& failure) {
        if (failure_) {
            failure = *failure_;
            return csv_status::error;
        }
        switch (scanner_.scan(buffer_.data(), buffer_.size(), pos_, 0, true, out)) {
            case detail::csv_scan_status::record: return csv_status::record;
            case detail::csv_scan_status::error:
                failure_ = detail::csv_failure(source_, scanner_.error());
                failure = *failure_;
                return csv_status::error;
            default:  // a final buffer never needs more
                out.clear();
                return csv_status::end_of_input;
        }
    }

    const std::string& source_name() const noexcept { return source_; }
    /// After the header: a record may hold at most `n` fields (see
    /// csv_scanner::limit_fields_to_header).
    void limit_fields_to_header(std::size_t n) noexcept { scanner_.limit_fields_to_header(n); }
    /// Offset in the input of the first byte not yet read into a record.
    std::uint64_t offset() const noexcept { return pos_; }
    /// After an error of the CSV layer: the index in its record of the field
    /// it is in, or csv_scan_error::no_field.
    std::size_t failed_field() const noexcept { return scanner_.error().field; }

private:
    std::string_view buffer_;
    std::string source_;
    detail::csv_scanner scanner_;
    std::size_t pos_ = 0;
    std::optional<parse_failure> failure_;
};

/// Reads records from a stream in chunks; memory stays bounded by the chunk
/// size or the largest record, whichever is larger.
class csv_stream_reader {
public:
    static constexpr std::size_t default_chunk_size = std::size_t{1} << 20;

    /// Reads from `in` (a std::istream, or any stream with `read`, `gcount`
    /// and `bad`), which must outlive the reader. A `chunk_size` of 0 is
    /// taken as 1. A template, so that this header needs only <iosfwd>: the
    /// stream's code is compiled where a caller passes one (issue 14).
    template <typename Stream>
    csv_stream_reader(Stream& in, std::string source_name, const csv_options& options = {},
                      std::size_t chunk_size = default_chunk_size)
        : read_(&read_stream<Stream>),
          in_(&in),
          source_(std::move(source_name)),
          scanner_(options),
          buffer_(chunk_size == 0 ? 1 : chunk_size) {}

    /// Opens the file at `path`. Throws `parse_error` naming the file, with
    /// line 0, when it does not exist, is a directory or cannot be opened.
    static csv_stream_reader open(const file_path& path, const csv_options& options = {},
                                  std::size_t chunk_size = default_chunk_size) {
        parse_failure failure;
        std::optional<csv_stream_reader> reader = try_open(path, failure, options, chunk_size);
        if (!reader) borderstats::detail::raise(parse_error(std::move(failure)));
        return std::move(*reader);
    }

    /// The non-throwing form of `open`.
    BORDERSTATS_ONCE static std::optional<csv_stream_reader> try_open(const file_path& path, parse_failure& failure,
                                                     const csv_options& options = {},
                                                     std::size_t chunk_size = default_chunk_size) {
        detail::input_file file;
        switch (file.open(path)) {
            case detail::file_open::ok: break;
            case detail::file_open::directory:
                failure = parse_failure{text_location{path.string(), 0, 0}, std::string(), std::string(),
                                        "expected a CSV file, found a directory"};
                return std::nullopt;
            case detail::file_open::cannot_open:
                failure = parse_failure{text_location{path.string(), 0, 0}, std::string(), std::string(),
                                        "expected a readable CSV file; it does not exist or cannot be opened"};
                return std::nullopt;
        }
        return std::optional<csv_stream_reader>(csv_stream_reader(std::move(file), path.string(), options, chunk_size));
    }

    /// The next record into `out`; false at the end of the input. Throws
    /// `parse_error` on invalid input or a read error.
    bool next(csv_record& out) {
        parse_failure failure;
        const csv_status s = try_next(out, failure);
        if (s == csv_status::error) borderstats::detail::raise(parse_error(std::move(failure)));
        return s == csv_status::record;
    }

    /// The non-throwing form: on `error`, `failure` says where and what.
    csv_status try_next(csv_record& out, parse_failure& failure) {
        for (;;) {
            if (failure_) {
                failure = *failure_;
                return csv_status::error;
            }
            switch (scanner_.scan(buffer_.data(), filled_, pos_, base_, eof_, out)) {
                case detail::csv_scan_status::record: return csv_status::record;
                case detail::csv_scan_status::end: out.clear(); return csv_status::end_of_input;
                case detail::csv_scan_status::error:
                    failure_ = detail::csv_failure(source_, scanner_.error());
                    continue;
                case detail::csv_scan_status::need_more: refill(); continue;
            }
        }
    }

    const std::string& source_name() const noexcept { return source_; }
    /// The buffer's size now: the chunk size, unless a record was larger.
    std::size_t buffer_capacity() const noexcept { return buffer_.size(); }
    /// After the header: a record may hold at most `n` fields (see
    /// csv_scanner::limit_fields_to_header).
    void limit_fields_to_header(std::size_t n) noexcept { scanner_.limit_fields_to_header(n); }
    /// Offset in the input of the first byte not yet read into a record.
    std::uint64_t offset() const noexcept { return base_ + pos_; }
    /// After an error of the CSV layer: the index in its record of the field
    /// it is in, or csv_scan_error::no_field.
    std::size_t failed_field() const noexcept { return scanner_.error().field; }

private:
    // Moves the unfinished record to the front, grows the buffer if that
    // record already fills it, and reads as much as fits.
    void refill() {
        if (pos_ > 0) {
            std::memmove(buffer_.data(), buffer_.data() + pos_, filled_ - pos_);
            filled_ -= pos_;
            base_ += pos_;
            pos_ = 0;
        }
        if (filled_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
        scanner_.invalidate_search();
        const std::size_t wanted = buffer_.size() - filled_;
        bool bad = false;
        const std::size_t got = read_(in_, buffer_.data() + filled_, wanted, bad);
        filled_ += got;
        if (bad) {
            failure_ = parse_failure{text_location{source_, scanner_.line(), 0}, std::string(), std::string(),
                                     "expected to read the input, but the stream reported a read error"};
        } else if (got < wanted) {
            eof_ = true;  // a short read from an istream means the end (or a failure, which ends it too)
        }
    }

    // A file the reader opened itself.
    csv_stream_reader(detail::input_file file, std::string source_name, const csv_options& options,
                      std::size_t chunk_size)
        : file_(std::move(file)),
          read_(&detail::input_file::read),
          in_(file_.get()),
          source_(std::move(source_name)),
          scanner_(options),
          buffer_(chunk_size == 0 ? 1 : chunk_size) {}

    template <typename Stream>
    static std::size_t read_stream(void* in, char* dst, std::size_t n, bool& bad) {
        Stream& stream = *static_cast<Stream*>(in);
        stream.read(dst, static_cast<decltype(stream.gcount())>(n));
        const auto got = static_cast<std::size_t>(stream.gcount());
        if (stream.bad()) bad = true;
        return got;
    }

    detail::input_file file_;  // open when the reader opened the file itself
    std::size_t (*read_)(void* in, char* dst, std::size_t n, bool& bad);
    void* in_;                 // the stream, or file_'s FILE*
    std::string source_;
    detail::csv_scanner scanner_;
    std::vector<char> buffer_;
    std::size_t filled_ = 0;  // bytes of buffer_ holding input
    std::size_t pos_ = 0;     // start of the first record not yet returned
    std::uint64_t base_ = 0;  // offset in the whole input of buffer_[0]
    bool eof_ = false;
    std::optional<parse_failure> failure_;
};

// ------------------------------------------------------------------ HEADER

/// Column names from a first record. Names are compared after trimming
/// spaces; two equal names are an error, because a reader mapping columns by
/// name could not tell which one was meant.
class csv_header {
public:
    csv_header() = default;

    /// Throws `parse_error` at the duplicate's line and column when a name
    /// repeats.
    csv_header(const csv_record& first, std::string_view source_name) {
        parse_failure failure;
        if (!build(first, source_name, failure)) borderstats::detail::raise(parse_error(std::move(failure)));
    }

    /// The non-throwing form.
    static std::optional<csv_header> try_from(const csv_record& first, std::string_view source_name,
                                              parse_failure& failure) {
        csv_header header;
        if (!header.build(first, source_name, failure)) return std::nullopt;
        return header;
    }

    std::size_t size() const noexcept { return names_.size(); }
    /// Column `i`'s name, trimmed (precondition: i < size()).
    const std::string& name(std::size_t i) const noexcept { return names_[i]; }
    const std::vector<std::string>& names() const noexcept { return names_; }

    /// The column named exactly `name` (both sides trimmed of spaces).
    std::optional<std::size_t> find(std::string_view name) const noexcept {
        name = detail::csv_trim(name);
        for (std::size_t i = 0; i < names_.size(); ++i)
            if (names_[i] == name) return i;
        return std::nullopt;
    }

    /// The column named `name` ignoring ASCII case ("encounter count" finds
    /// "Encounter Count"). When several columns match that way, the one that
    /// matches exactly wins; if none does, the name is ambiguous and nothing
    /// is found.
    std::optional<std::size_t> find_case_insensitive(std::string_view name) const noexcept {
        name = detail::csv_trim(name);
        std::optional<std::size_t> found;
        bool ambiguous = false;
        for (std::size_t i = 0; i < names_.size(); ++i) {
            if (!detail::csv_iequals(names_[i], name)) continue;
            if (names_[i] == name) return i;
            if (found) ambiguous = true;
            found = i;
        }
        return ambiguous ? std::nullopt : found;
    }

private:
    bool build(const csv_record& first, std::string_view source_name, parse_failure& failure) {
        names_.clear();
        names_.reserve(first.size());
        borderstats::detail::hash_index seen;  // entry i is column i: linear in the header
        seen.reserve(first.size());
        for (std::size_t i = 0; i < first.size(); ++i) {
            const std::string_view name = detail::csv_trim(first[i]);
            const std::uint64_t h = borderstats::detail::string_hash(name);
            const auto earlier = seen.find(h, [&](std::uint32_t e) { return names_[e] == name; });
            if (earlier) {
                failure = parse_failure{text_location{std::string(source_name), first.line_of(i), first.column_of(i)},
                                        borderstats::detail::quote_for_message(name),
                                        borderstats::detail::quote_for_message(name),
                                        "expected each column name once, but this one repeats column " +
                                            std::to_string(std::size_t{*earlier} + 1)};
                names_.clear();
                return false;
            }
            seen.insert(h);
            names_.emplace_back(name);
        }
        return true;
    }

    std::vector<std::string> names_;
};

namespace detail {

/// The header matcher of the readers (io/fields.hpp's `table_reader` and the
/// fast path of io/fast_scan.hpp): names are compared after
/// `normalize_column_name`, and a name that normalises like an earlier one is
/// an error at its line and column. Linear in the header's size.
class header_columns {
public:
    BORDERSTATS_ONCE bool try_read(const csv_record& header, const std::string& source, parse_failure& failure) {
        names_.clear();
        normalized_.clear();
        index_ = borderstats::detail::hash_index();
        line_ = header.line();
        index_.reserve(header.size());
        for (std::size_t i = 0; i < header.size(); ++i) {
            names_.emplace_back(csv_trim(header[i]));
            std::string key = normalize_column_name(header[i]);
            const std::uint64_t h = borderstats::detail::string_hash(key);
            const auto earlier = index_.find(h, [&](std::uint32_t e) { return normalized_[e] == key; });
            if (!earlier) {
                index_.insert(h);  // entry i is column i
                normalized_.push_back(std::move(key));
                continue;
            }
            const std::size_t first = *earlier;
            const std::string name = borderstats::detail::quote_for_message(names_[i]);
            failure = parse_failure{text_location{source, header.line_of(i), header.column_of(i)}, name, name,
                                    "expected each column once, but this one repeats column " +
                                        std::to_string(first + 1) + " ('" +
                                        borderstats::detail::quote_for_message(names_[first]) + "')"};
            return false;
        }
        return true;
    }

    /// The column whose name normalises like `name`.
    std::optional<std::size_t> find(std::string_view name) const {
        const std::string key = normalize_column_name(name);
        const auto e = index_.find(borderstats::detail::string_hash(key),
                                   [&](std::uint32_t entry) { return normalized_[entry] == key; });
        if (!e) return std::nullopt;
        return std::size_t{*e};
    }

    /// The failure for a column `name` the header lacks: at the header's line,
    /// column 1, listing the first names of the header (each cut).
    BORDERSTATS_COLD parse_failure missing(std::string_view name, const std::string& source) const {
        constexpr std::size_t listed = 20;
        std::string message =
            "expected a column '" + std::string(name) + "' (or '" + normalize_column_name(name) + "'); the header has ";
        for (std::size_t i = 0; i < names_.size() && i < listed; ++i) {
            if (i != 0) message += ", ";
            message += "'" + borderstats::detail::quote_for_message(names_[i]) + "'";
        }
        if (names_.size() > listed) message += " and " + std::to_string(names_.size() - listed) + " more";
        return parse_failure{text_location{source, line_, 1}, std::string(name), std::string(), std::move(message)};
    }

    /// Every name as written, trimmed of spaces.
    const std::vector<std::string>& names() const noexcept { return names_; }
    std::size_t size() const noexcept { return names_.size(); }
    /// The header's line.
    std::size_t line() const noexcept { return line_; }

private:
    std::vector<std::string> names_;
    std::vector<std::string> normalized_;    // by column, as normalize_column_name gives them
    borderstats::detail::hash_index index_;  // over normalized_
    std::size_t line_ = 0;
};

}  // namespace detail

}  // namespace io
}  // namespace v1
}  // namespace borderstats
