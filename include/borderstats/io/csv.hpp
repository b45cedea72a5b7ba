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
// Decisions on the dialect:
// - Line ends may be CRLF, LF or a lone CR, mixed freely; each counts as one
//   line. Inside quotes they are kept verbatim in the field and counted too,
//   so line numbers after a multi-line field are right.
// - A UTF-8 byte-order mark at the very start is skipped, and columns on line
//   1 count from the first byte after it. A BOM anywhere else is an error:
//   it is the sign of files concatenated with `cat`, and would otherwise end
//   up glued to a field value.
// - Empty lines carry no record and are skipped, wherever they are (so blank
//   trailing lines are ignored); they still count for line numbers. A line of
//   spaces is a record of one field.
// - A missing final line end is accepted.
// - Columns are 1-based byte columns; a quoted field's column is that of its
//   opening quote.
// - Strictness: after a closing quote only the delimiter or a line end may
//   follow (no spaces); a quote inside an unquoted field, a NUL byte anywhere
//   (binary or UTF-16 input) and an unclosed quote are errors. Every error is
//   a `parse_error` with the source, 1-based line and column, and what was
//   expected; `try_next` returns it as a `parse_failure` instead. Errors are
//   sticky: a reader that failed fails again with the same failure.
//
// Speed: the scanner finds the special bytes (delimiter, quote, CR, LF, NUL,
// and 0xEF, the first byte of a BOM) as a bitmask over 64 bytes at a time,
// and walks its bits from field to field, so a block is searched once however
// many fields it holds. The mask is made 16 bytes at a time with SSE2 where
// the compiler targets it, else 8 bytes at a time in portable code
// (`detail::csv_special_mask_portable`, tested against the SSE2 one). Define
// BORDERSTATS_CSV_NO_SIMD to force the portable path.
//
// `csv_header` reads a first record as column names, rejects duplicates, and
// finds a column by name, exactly or ignoring ASCII case.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#if defined(__SSE2__) && !defined(BORDERSTATS_CSV_NO_SIMD)
#include <emmintrin.h>
#define BORDERSTATS_CSV_SSE2 1
#endif

#include "../detail/size.hpp"
#include "../error.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

/// The dialect: which byte separates fields and which one quotes them.
struct csv_options {
    char delimiter = ',';
    char quote = '"';
};

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
        if (i >= fields_.size())
            borderstats::detail::raise(std::out_of_range("csv_record: field " + std::to_string(i) +
                                                         " of a record of " + std::to_string(fields_.size())));
    }

    std::vector<field> fields_;
    std::array<const char*, 2> bases_{{nullptr, nullptr}};  // [0] the input, [1] the scratch buffer
    std::size_t line_ = 0;
};

namespace detail {

/// The six bytes the scanner stops at, in the forms each search needs.
struct csv_needles {
    std::array<bool, 256> is_special{};
    std::array<std::uint64_t, 6> words{};
#if defined(BORDERSTATS_CSV_SSE2)
    __m128i vectors[6]{};  // a plain array: std::array would drop __m128i's alignment attribute
#endif

    csv_needles() = default;
    explicit csv_needles(const std::array<char, 6>& bytes) noexcept {
        for (std::size_t k = 0; k < bytes.size(); ++k) {
            const auto b = static_cast<unsigned char>(bytes[k]);
            is_special[b] = true;
            words[k] = std::uint64_t{b} * 0x0101010101010101ULL;
#if defined(BORDERSTATS_CSV_SSE2)
            vectors[k] = _mm_set1_epi8(bytes[k]);
#endif
        }
    }
};

/// Bit k set iff p[k] is special, for k < min(n, 64): in portable code, 8
/// bytes at a time (a word without a hit is skipped whole; one with a hit is
/// looked at byte by byte, which keeps the code endian-neutral).
inline std::uint64_t csv_special_mask_portable(const char* p, std::size_t n, const csv_needles& needles) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    const std::size_t length = n < 64 ? n : 64;
    std::uint64_t mask = 0;
    std::size_t i = 0;
    for (; i + 8 <= length; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, p + i, 8);
        std::uint64_t hit = 0;
        for (std::uint64_t needle : needles.words) {
            // A byte of x is zero exactly where the word holds the needle; the
            // classic test is nonzero iff some byte of x is zero.
            const std::uint64_t x = word ^ needle;
            hit |= (x - ones) & ~x & highs;
        }
        if (hit == 0) continue;
        for (std::size_t k = i; k < i + 8; ++k)
            mask |= std::uint64_t{needles.is_special[static_cast<unsigned char>(p[k])]} << k;
    }
    for (; i < length; ++i) mask |= std::uint64_t{needles.is_special[static_cast<unsigned char>(p[i])]} << i;
    return mask;
}

#if defined(BORDERSTATS_CSV_SSE2)
/// As `csv_special_mask_portable`, 16 bytes at a time with SSE2.
inline std::uint64_t csv_special_mask_sse2(const char* p, std::size_t n, const csv_needles& needles) noexcept {
    const std::size_t length = n < 64 ? n : 64;
    std::uint64_t mask = 0;
    std::size_t i = 0;
    for (; i + 16 <= length; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, needles.vectors[0]), _mm_cmpeq_epi8(v, needles.vectors[1])),
                         _mm_or_si128(_mm_cmpeq_epi8(v, needles.vectors[2]), _mm_cmpeq_epi8(v, needles.vectors[3]))),
            _mm_or_si128(_mm_cmpeq_epi8(v, needles.vectors[4]), _mm_cmpeq_epi8(v, needles.vectors[5])));
        mask |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(hit))} << i;
    }
    for (; i < length; ++i) mask |= std::uint64_t{needles.is_special[static_cast<unsigned char>(p[i])]} << i;
    return mask;
}
#endif

/// The mask the scanner uses: SSE2 where available, else portable.
inline std::uint64_t csv_special_mask(const char* p, std::size_t n, const csv_needles& needles) noexcept {
#if defined(BORDERSTATS_CSV_SSE2)
    return csv_special_mask_sse2(p, n, needles);
#else
    return csv_special_mask_portable(p, n, needles);
#endif
}

/// Index of the lowest set bit of a nonzero mask.
inline unsigned csv_lowest_bit(std::uint64_t mask) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    return static_cast<unsigned>(__builtin_ctzll(mask));
#else
    unsigned n = 0;
    while ((mask & 1u) == 0) {
        mask >>= 1;
        ++n;
    }
    return n;
#endif
}

/// Where a failure was found, before the reader adds the source name.
struct csv_scan_error {
    std::size_t line = 0;
    std::size_t column = 0;
    std::string text;
    std::string message;
};

enum class csv_scan_status { record, end, need_more, error };

/// The CSV state machine, shared by both readers. `scan` reads one record from
/// buf[pos, n); `base` is the offset in the whole input of buf[0], and `final`
/// says no bytes follow buf[n - 1]. On `record` it advances `pos` past the
/// record; on `need_more` it leaves `pos` at the start of the unfinished
/// record (blank lines before it are consumed), and the caller must call again
/// with the same bytes from `pos` on, followed by more (or with `final`).
class csv_scanner {
public:
    explicit csv_scanner(csv_options options)
        : delimiter_(options.delimiter),
          quote_(options.quote),
          needles_({options.delimiter, options.quote, '\r', '\n', '\0', '\xEF'}) {
        const auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0' || c == '\xEF'; };
        if (bad(options.delimiter) || bad(options.quote) || options.delimiter == options.quote)
            borderstats::detail::raise(
                borderstats::error("csv_options: the delimiter and the quote must differ and be neither CR, LF, NUL nor 0xEF"));
    }

    csv_scan_status scan(const char* buf, std::size_t n, std::size_t& pos, std::uint64_t base, bool final,
                         csv_record& out);

    const csv_scan_error& error() const noexcept { return error_; }

    /// Forgets the search state: the caller changed the bytes of its buffer
    /// (the stream reader, after moving and refilling it).
    void invalidate_search() noexcept { block_buf_ = nullptr; }
    /// The line the next record would start on (or the failure's line).
    std::size_t line() const noexcept { return line_; }

private:
    enum class bom_check { no, yes, need_more };

    // The position inside one scan: committed to the members only when a
    // record is complete, so a `need_more` leaves the scanner as it was.
    struct cursor {
        std::size_t p;
        std::size_t line;
        std::uint64_t line_start;  // offset in the whole input of the current line's first byte
    };

    static bom_check bom_at(const char* buf, std::size_t i, std::size_t n, bool final) noexcept {
        static constexpr unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
        const std::size_t available = n - i < 3 ? n - i : 3;
        for (std::size_t k = 0; k < available; ++k)
            if (static_cast<unsigned char>(buf[i + k]) != bom[k]) return bom_check::no;
        if (available == 3) return bom_check::yes;
        return final ? bom_check::no : bom_check::need_more;
    }

    /// Index in [p, n] of the first special byte of buf[p, n), or n.
    std::size_t next_special(const char* buf, std::size_t p, std::size_t n) noexcept {
        if (buf == block_buf_ && n == block_n_ && p >= block_start_ && p - block_start_ < 64) {
            block_mask_ &= ~std::uint64_t{0} << (p - block_start_);
        } else {
            block_buf_ = buf;
            block_n_ = n;
            block_start_ = p;
            block_mask_ = csv_special_mask(buf + p, n - p, needles_);
        }
        while (block_mask_ == 0) {
            if (n - block_start_ <= 64) return n;
            block_start_ += 64;
            block_mask_ = csv_special_mask(buf + block_start_, n - block_start_, needles_);
        }
        return block_start_ + csv_lowest_bit(block_mask_);
    }

    static std::size_t column(std::uint64_t base, std::size_t p, std::uint64_t line_start) noexcept {
        return borderstats::detail::to_size(base + p - line_start + 1);
    }

    csv_scan_status fail(std::size_t line, std::size_t col, std::string_view text, std::string message) {
        error_.line = line;
        error_.column = col;
        error_.text = borderstats::detail::quote_for_message(text);
        error_.message = std::move(message);
        line_ = line;
        return csv_scan_status::error;
    }

    std::string delimiter_name() const {
        if (delimiter_ == '\t') return "tab";
        return std::string("'") + delimiter_ + "'";
    }

    /// A NUL or the first byte of what may be a BOM, at buf[q]: the error, or
    /// `record` meaning "an ordinary byte, go on".
    csv_scan_status check_nul_or_bom(const char* buf, std::size_t q, std::size_t n, bool final, const cursor& c,
                                     std::uint64_t base) {
        if (buf[q] == '\0')
            return fail(c.line, column(base, q, c.line_start), "\\0",
                        "expected text, found a NUL byte (is this a binary or UTF-16 file?)");
        if (buf[q] == '\xEF') {
            switch (bom_at(buf, q, n, final)) {
                case bom_check::need_more: return csv_scan_status::need_more;
                case bom_check::yes:
                    return fail(c.line, column(base, q, c.line_start), "\\xEF\\xBB\\xBF",
                                "expected text, found a UTF-8 byte-order mark after the start of the input "
                                "(were two files concatenated?)");
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

    char delimiter_;
    char quote_;
    csv_needles needles_;
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

    cursor c{pos, line_, line_start_};
    auto& fields = out.fields_;
    fields.clear();
    scratch_.clear();
    const std::size_t record_line = c.line;

    for (;;) {  // one field per turn; leaves through a line end or the end of input
        // Built in place: a field assembled on the stack and then copied in
        // made the copy stall on store forwarding, at a third of the time.
        fields.emplace_back(c.line, column(base, c.p, c.line_start));
        csv_record::field& f = fields.back();

        if (c.p < n && buf[c.p] == quote_) {
            f.quoted = true;
            const std::size_t open = c.p;
            std::size_t segment = ++c.p;  // first byte not yet copied, when copying
            bool copying = false;
            for (;;) {
                const std::size_t q = next_special(buf, c.p, n);
                if (q == n) {
                    if (!final) return status::need_more;
                    return fail(f.line, f.column, std::string_view(buf + open, n - open),
                                "expected a closing quote for the field opened here, found the end of the input");
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
                    break;
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
            // After the closing quote: the delimiter, a line end or the end.
            if (c.p == n) {
                if (!final) return status::need_more;
                break;
            }
            const char ch = buf[c.p];
            if (ch == delimiter_) {
                ++c.p;
                continue;
            }
            if (ch == '\n' || ch == '\r') {
                if (!consume_line_end(buf, n, final, c, base)) return status::need_more;
                break;
            }
            const status s = check_nul_or_bom(buf, c.p, n, final, c, base);
            if (s != status::record) return s;
            return fail(c.line, column(base, c.p, c.line_start), std::string_view(buf + c.p, 1),
                        "expected the delimiter " + delimiter_name() + " or the end of the line after a closing quote");
        }

        // Unquoted.
        const std::size_t start = c.p;
        f.offset = start;
        for (;;) {
            const std::size_t q = next_special(buf, c.p, n);
            if (q == n) {
                if (!final) return status::need_more;
                f.length = n - start;
                c.p = n;
                break;
            }
            const char ch = buf[q];
            if (ch == delimiter_ || ch == '\n' || ch == '\r') {
                f.length = q - start;
                c.p = q;
                break;
            }
            if (ch == quote_)
                return fail(c.line, column(base, q, c.line_start), std::string_view(buf + start, q + 1 - start),
                            "expected no quote inside an unquoted field (quote the whole field and double the "
                            "quotes inside it)");
            const status s = check_nul_or_bom(buf, q, n, final, c, base);
            if (s != status::record) return s;
            c.p = q + 1;
        }
        if (c.p == n) break;
        if (buf[c.p] == delimiter_) {
            ++c.p;
            continue;
        }
        if (!consume_line_end(buf, n, final, c, base)) return status::need_more;
        break;
    }

    pos = c.p;
    line_ = c.line;
    line_start_ = c.line_start;
    out.line_ = record_line;
    out.bases_ = {{buf, scratch_.data()}};
    return status::record;
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

inline parse_failure csv_failure(const std::string& source, const csv_scan_error& e) {
    return parse_failure{text_location{source, e.line, e.column}, std::string(), e.text, e.message};
}

}  // namespace detail

// ----------------------------------------------------------------- READERS

/// Reads records from a buffer the caller keeps alive for the reader's life.
class csv_reader {
public:
    csv_reader(std::string_view buffer, std::string source_name, csv_options options = {})
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

    /// Reads from `in`, which must outlive the reader. A `chunk_size` of 0 is
    /// taken as 1.
    csv_stream_reader(std::istream& in, std::string source_name, csv_options options = {},
                      std::size_t chunk_size = default_chunk_size)
        : in_(&in), source_(std::move(source_name)), scanner_(options), buffer_(chunk_size == 0 ? 1 : chunk_size) {}

    /// Opens the file at `path`. Throws `parse_error` naming the file, with
    /// line 0, when it does not exist, is a directory or cannot be opened.
    static csv_stream_reader open(const std::filesystem::path& path, csv_options options = {},
                                  std::size_t chunk_size = default_chunk_size) {
        parse_failure failure;
        std::optional<csv_stream_reader> reader = try_open(path, failure, options, chunk_size);
        if (!reader) borderstats::detail::raise(parse_error(std::move(failure)));
        return std::move(*reader);
    }

    /// The non-throwing form of `open`.
    static std::optional<csv_stream_reader> try_open(const std::filesystem::path& path, parse_failure& failure,
                                                     csv_options options = {},
                                                     std::size_t chunk_size = default_chunk_size) {
        std::string name = path.string();
        std::error_code ec;
        // An ifstream opens a directory without complaint and then reads
        // nothing, which would pass for an empty file.
        if (std::filesystem::is_directory(path, ec)) {
            failure = parse_failure{text_location{name, 0, 0}, std::string(), std::string(),
                                    "expected a CSV file, found a directory"};
            return std::nullopt;
        }
        auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
        if (!file->is_open()) {
            failure = parse_failure{text_location{name, 0, 0}, std::string(), std::string(),
                                    "expected a readable CSV file; it does not exist or cannot be opened"};
            return std::nullopt;
        }
        csv_stream_reader reader(*file, std::move(name), options, chunk_size);
        reader.owned_ = std::move(file);
        return std::optional<csv_stream_reader>(std::move(reader));
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
        in_->read(buffer_.data() + filled_, static_cast<std::streamsize>(wanted));
        const auto got = static_cast<std::size_t>(in_->gcount());
        filled_ += got;
        if (in_->bad()) {
            failure_ = parse_failure{text_location{source_, scanner_.line(), 0}, std::string(), std::string(),
                                     "expected to read the input, but the stream reported a read error"};
        } else if (got < wanted) {
            eof_ = true;  // a short read from an istream means the end (or a failure, which ends it too)
        }
    }

    std::unique_ptr<std::istream> owned_;  // set when the reader opened the file itself
    std::istream* in_;
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
        for (std::size_t i = 0; i < first.size(); ++i) {
            const std::string_view name = detail::csv_trim(first[i]);
            for (std::size_t j = 0; j < names_.size(); ++j) {
                if (names_[j] != name) continue;
                failure = parse_failure{text_location{std::string(source_name), first.line_of(i), first.column_of(i)},
                                        std::string(name), std::string(name),
                                        "expected each column name once, but this one repeats column " +
                                            std::to_string(j + 1)};
                names_.clear();
                return false;
            }
            names_.emplace_back(name);
        }
        return true;
    }

    std::vector<std::string> names_;
};

}  // namespace io
}  // namespace v1
}  // namespace borderstats
