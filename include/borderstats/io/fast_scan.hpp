// borderstats/io/fast_scan.hpp: the fast path's reader for big files. A
// streaming, projected CSV scanner: only the columns asked for, found by
// header name, handed to a callback record by record as raw fields.
//
//   io::projected_scanner scanner("cbp.csv", {"Fiscal Year", "Encounter Count"});
//   scanner.scan([&](const io::raw_field* f, io::projected_scanner::record_failure&) {
//       return true; });                          // f[0], f[1]: the two columns
//
// What it refuses is what io/csv.hpp refuses, in the same words (see "One
// dialect" below). The aggregation built on it, `sum_encounters`, lives in
// borderstats/aggregate_scan.hpp (issue 13: io/ holds readers only); this
// header includes it for one release.
//
// Reading. The file is read with pread()/fread into one reused buffer per
// thread (1 MiB by default, so that it stays in a core's L2 cache; no larger
// than the file; not zero-filled, so a small file pays no page faults for
// pages it never uses; 64 bytes of padding), never mapped and never loaded
// whole: peak memory is a few buffers per thread, whatever the file size. A
// record that straddles two chunks is moved to the front and rescanned.
//
// Scanning. Each 64-byte block gives three bitmasks (`detail::csv_block_masks`
// of io/dialect.hpp, the classifier io/csv.hpp uses too): the quotes, the
// structural bytes (delimiter, CR, LF), and the odd bytes (NUL, 0xEF). The
// quote mask becomes an "inside quotes" mask by a prefix XOR carried from
// block to block, so delimiters and line ends inside quotes drop out and the
// scanner walks only real field ends, one bit each, and looks at no other
// byte. Fields not projected are skipped without a look, but every byte is
// classified: a NUL or a BOM is refused in any column. The header is read by
// io/csv.hpp's reader itself and matched by its `detail::header_columns`
// (normalised names, duplicates refused), as the CBP reader does.
//
// One dialect. When a record breaks a rule of the dialect (a quote out of
// place, an unclosed quote, a NUL, a BOM, more fields than the header, more
// than `max_record_bytes` bytes), the fast path does not word the error: the
// CSV reader rescans that one record (detail::fast_rescan) and its failure
// is the one thrown. So both paths give the same line, column and message on
// every input (the `fuzz_dialect` target checks it); the rescan costs nothing
// on valid input.
//
// Errors. Every failure is a `parse_error` with the file, 1-based line and
// column, the column name and the offending text, as io/csv.hpp reports them.
// Lines are not counted while scanning: an error keeps its byte offset, and
// the line and column are found afterwards by counting line ends from the
// start of the input (so the hot loop pays nothing for them).
//
// Threads. `guess_boundary` gives a thread its speculative start (the first
// line end after a nominal cut) and `try_scan` returns the true boundary
// after its range; borderstats/aggregate_scan.hpp checks them.
//
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>
#define BORDERSTATS_FAST_SCAN_POSIX 1
#endif

#include "../detail/size.hpp"
#include "../error.hpp"
#include "csv.hpp"
#include "dialect.hpp"
#include "fields.hpp"
#include "file.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

// ------------------------------------------------------------- RAW FIELDS

/// One projected field of a record as it is in the buffer: the bytes between
/// the quotes for a quoted field (doubled quotes still doubled), else the
/// bytes between the delimiters. Valid during the callback only.
struct raw_field {
    const char* data = nullptr;
    /// 32 bits are enough: a record holds at most csv_options::max_record_bytes
    /// (at most 2^31) bytes, or the scanner refuses it (io/dialect.hpp).
    std::uint32_t size = 0;
    bool quoted = false;
    /// The field is the last of the input, with no line end after it: a
    /// number there may have been cut (see io/dialect.hpp).
    bool ends_input = false;

    std::string_view view() const noexcept { return std::string_view(data, size); }
    /// The field's value: doubled quotes un-doubled.
    std::string text(char quote = '"') const {
        std::string out;
        out.reserve(size);
        for (std::uint32_t i = 0; i < size; ++i) {
            out += data[i];
            if (quoted && data[i] == quote && i + 1 < size && data[i + 1] == quote) ++i;
        }
        return out;
    }
};

/// Reads a count exactly as io::try_parse_count (io/fields.hpp) does, with a
/// fast path for plain digits: at most 18 digits cannot overflow. Anything
/// else goes to try_parse_count, which also says why it failed.
inline std::optional<std::int64_t> try_parse_count(const raw_field& f, std::string_view* why = nullptr) {
    const char* p = f.data;
    const std::uint32_t n = f.size;
    if (n != 0 && n <= 8) {
        // Up to eight digits at once, without a branch per digit: the field's
        // bytes moved to the top of a word (reading past the field's end is
        // safe: the scanner pads its buffers), leading zeros filled in, all
        // checked to be digits, then summed in pairs, fours and eights.
        constexpr std::uint64_t zeros = 0x3030303030303030ULL;
        constexpr std::uint64_t high_nibbles = 0xF0F0F0F0F0F0F0F0ULL;
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        if (n < 8) w = (w << (8 * (8 - n))) | (zeros >> (8 * n));
        if ((w & high_nibbles) == zeros && ((w + 0x0606060606060606ULL) & high_nibbles) == zeros) {
            std::uint64_t x = w - zeros;                                    // bytes d0..d7, d0 the first
            x = (x * 10 + (x >> 8)) & 0x00FF00FF00FF00FFULL;               // 10 d0 + d1, ...
            x = (x * 100 + (x >> 16)) & 0x0000FFFF0000FFFFULL;             // four digits a lane
            x = (x * 10000 + (x >> 32)) & 0xFFFFFFFFULL;                   // all eight
            return static_cast<std::int64_t>(x);
        }
    }
    if (n != 0 && n <= 18) {
        std::int64_t value = 0;
        std::uint32_t i = 0;
        for (; i < n; ++i) {
            const auto d = static_cast<unsigned>(static_cast<unsigned char>(p[i])) - '0';
            if (d > 9) break;
            value = value * 10 + static_cast<std::int64_t>(d);
        }
        if (i == n) return value;
    }
    if (!f.quoted) return try_parse_count(f.view(), why);
    return try_parse_count(f.text(), why);
}
[[deprecated("use try_parse_count(field, why): the plain name throws, as io::parse_count(text) does (borderstats 0.2)")]]
inline std::optional<std::int64_t> parse_count(const raw_field& f, std::string_view* why = nullptr) {
    return try_parse_count(f, why);
}

namespace detail {

/// Bit i of the result is the XOR of bits 0..i of x.
inline std::uint64_t prefix_xor(std::uint64_t x) noexcept {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}


// ---------------------------------------------------------------- SCANNING

/// A failure found by the scanner or a record handler, before its line and
/// column are known.
struct fast_failure {
    std::uint64_t offset = 0;  // in the whole input
    std::string field;         // column name, may be empty
    std::string text;
    std::string message;
    /// The record starting at `offset` breaks a rule of the CSV dialect: the
    /// CSV reader rescans it to say where and why, in its own words.
    bool canonical = false;
};

enum class fast_scan_status { done, need_more, stopped, error };

struct fast_scan_result {
    fast_scan_status status = fast_scan_status::done;
    std::size_t next = 0;  // need_more/stopped: start of the first record not consumed
};

/// Which column lands in which projected slot, and the header's width.
struct fast_layout {
    std::vector<std::int32_t> slot_of_column;  // -1: skipped
    std::vector<std::string> column_names;
    std::size_t slots = 0;
    std::vector<std::size_t> column_of_slot;
    std::size_t max_record_bytes = csv_default_max_record_bytes;
};

constexpr std::size_t fast_padding = 64;

/// The NUL bytes and byte-order marks among the `odd` bytes of the block at
/// buf[block] (bit k: byte block + k), as a mask of errors. A 0xEF too near
/// the end of a chunk to tell goes to `undecided` (the caller reads more).
inline std::uint64_t fast_odd_errors(const char* buf, std::size_t block, std::uint64_t odd, std::size_t end,
                                     bool final, std::uint64_t& undecided) noexcept {
    std::uint64_t errors = 0;
    undecided = 0;
    for (; odd != 0; odd &= odd - 1) {
        const unsigned k = csv_lowest_bit(odd);
        const std::size_t p = block + k;
        if (buf[p] == '\0') {
            errors |= std::uint64_t{1} << k;
            continue;
        }
        switch (bom_at(buf, p, end, final)) {
            case bom_check::yes: errors |= std::uint64_t{1} << k; break;
            case bom_check::need_more: undecided |= std::uint64_t{1} << k; break;
            case bom_check::no: break;
        }
    }
    return errors | undecided;
}

/// Scans whole records of buf[begin, end) (buf must have `fast_padding`
/// readable bytes after `end`), which starts at a record boundary; `base` is
/// the offset of buf[0] in the input. Calls `on_record(const raw_field*)` for
/// each record; it returns false after filling `failure` (all but the offset,
/// which it sets as the offset of the field it blames, through
/// `failure.offset` = index of the slot). Stops once a record starts at an
/// offset >= `stop_at`. A record that breaks a rule of the dialect (quotes,
/// NUL, BOM, too many fields, too long) is not worded here: the failure is
/// `canonical`, at the record's start, and the CSV reader words it.
template <typename OnRecord>
fast_scan_result fast_scan(const char* buf, std::size_t begin, std::size_t end, bool final, std::uint64_t base,
                           std::uint64_t stop_at, const fast_layout& layout, const csv_needles& nd,
                           raw_field* fields, OnRecord&& on_record, fast_failure& failure) {
    const std::size_t ncols = layout.slot_of_column.size();
    const std::int32_t* slot_of = layout.slot_of_column.data();
    const std::size_t max_record = layout.max_record_bytes;
    raw_field* out = fields;
    const char quote = nd.quote;
    const char delim = nd.delimiter;

    std::size_t rec_start = begin;
    std::size_t field_start = begin;
    std::size_t field = 0;
    std::uint64_t in_quote = 0;      // all ones while inside quotes at a block's start
    std::uint64_t prev_sep = 1;      // bit 0: the byte before the block ended a field
    std::uint64_t prev_close = 0;    // bit 0: the byte before the block was a closing quote

    const auto canonical = [&] {
        failure = fast_failure{base + rec_start, std::string(), std::string(), std::string(), true};
        return fast_scan_result{fast_scan_status::error, rec_start};
    };
    // The field from field_start to its end at p, into its slot when the
    // column is projected (without its quotes, which are still doubled).
    const auto store_field = [&](std::size_t p) {
        if (field >= ncols) return;
        const std::int32_t slot = slot_of[field];
        if (slot < 0) return;
        raw_field& f = out[slot];
        if (p > field_start && buf[field_start] == quote) {
            f.data = buf + field_start + 1;
            f.size = static_cast<std::uint32_t>(p - field_start - 2);
            f.quoted = true;
        } else {
            f.data = buf + field_start;
            f.size = static_cast<std::uint32_t>(p - field_start);
            f.quoted = false;
        }
    };
    // The two ways a well-formed record that ends at p is refused (cold,
    // shared by the line-end and end-of-input paths): too few fields, or the
    // handler's failure, whose `offset` holds the slot it blamed.
    const auto field_count_error = [&](std::size_t p) {
        failure = fast_failure{base + p, field + 1 < ncols ? layout.column_names[field + 1] : std::string(),
                               std::string(), csv_messages::too_few_fields(ncols, field + 1), false};
        return fast_scan_result{fast_scan_status::error, rec_start};
    };
    const auto handler_error = [&] {
        const raw_field& f = out[failure.offset];
        const std::size_t at = static_cast<std::size_t>(f.data - buf) - (f.quoted ? 1 : 0);
        failure.offset = base + at;
        failure.field = layout.column_names[layout.column_of_slot[static_cast<std::size_t>(&f - out)]];
        return fast_scan_result{fast_scan_status::error, rec_start};
    };

    // (The LF of a CRLF split from its CR is no boundary: it is skipped as a
    // blank line first.)
    if (base + rec_start >= stop_at && !(begin < end && buf[begin] == '\n'))
        return {fast_scan_status::stopped, rec_start};

    for (std::size_t block = begin; block < end; block += 64) {
        const csv_masks m = csv_block_masks(buf + block, nd);
        const std::size_t left = end - block;
        const std::uint64_t valid = left >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << left) - 1;
        std::uint64_t q = m.quote & valid;
        std::uint64_t s = m.structural & valid;
        std::uint64_t bad = 0;
        std::uint64_t undecided = 0;
        if ((m.odd & valid) != 0) bad = fast_odd_errors(buf, block, m.odd & valid, end, final, undecided);
        if ((q | in_quote) != 0) {
            const std::uint64_t x = prefix_xor(q) ^ in_quote;  // bit i: inside quotes after byte i
            s &= ~x;
            const std::uint64_t opens = q & x;
            const std::uint64_t closes = q & ~x;
            const std::uint64_t field_starts = (s << 1) | prev_sep;
            const std::uint64_t bad_open = opens & ~field_starts & ~((closes << 1) | prev_close);
            std::uint64_t next_ok = ((q | s) >> 1) | (~valid >> 1);
            if (left > 64) {
                const char c = buf[block + 64];
                if (c == quote || c == delim || c == '\r' || c == '\n') next_ok |= std::uint64_t{1} << 63;
            } else if (left == 64) {
                next_ok |= std::uint64_t{1} << 63;  // the end of the data: a need_more rescans, a final is fine
            }
            bad |= bad_open | (closes & ~next_ok);
            in_quote = 0 - (x >> 63);
            prev_close = closes >> 63;
        } else {
            prev_close = 0;
        }
        prev_sep = s >> 63;
        std::uint64_t walk = s;
        const std::uint64_t first_bad = bad & (0 - bad);
        if (bad != 0) walk &= first_bad - 1;  // field ends before the first bad byte

        while (walk != 0) {
            const std::size_t p = block + csv_lowest_bit(walk);
            walk &= walk - 1;
            const char c = buf[p];
            store_field(p);
            if (c == delim) {
                ++field;
                field_start = p + 1;
                if (field == ncols) return canonical();
                continue;
            }
            // A line end.
            if (field == 0 && p == field_start) {
                field_start = rec_start = p + 1;  // a blank line, or the LF of a CRLF
            } else {
                if (p - rec_start > max_record) return canonical();
                if (field + 1 != ncols) return field_count_error(p);
                if (!on_record(static_cast<const raw_field*>(out), failure)) return handler_error();
                field = 0;
                field_start = rec_start = p + 1;
            }
            if (base + rec_start >= stop_at) {
                // A record boundary only after LF, or after a CR not followed by LF.
                if (c == '\n') return {fast_scan_status::stopped, rec_start};
                if (p + 1 < end) {
                    if (buf[p + 1] != '\n') return {fast_scan_status::stopped, rec_start};
                } else if (final) {
                    return {fast_scan_status::stopped, rec_start};
                }
            }
        }
        if (bad != 0) {
            if ((first_bad & undecided) != 0) return {fast_scan_status::need_more, rec_start};
            return canonical();
        }
    }
    if (!final) {
        if (end - rec_start > max_record + 3) return canonical();  // cannot end within the limit
        return {fast_scan_status::need_more, rec_start};
    }
    if (in_quote != 0) return canonical();  // an unclosed quote
    if (field > 0 || field_start < end) {   // a last record without a line end
        if (end - rec_start > max_record) return canonical();
        store_field(end);
        if (field + 1 != ncols) return field_count_error(end);
        const std::int32_t last = slot_of[ncols - 1];
        if (last >= 0) out[last].ends_input = true;
        const bool ok = on_record(static_cast<const raw_field*>(out), failure);
        if (last >= 0) out[last].ends_input = false;
        if (!ok) return handler_error();
        rec_start = end;
    }
    return {fast_scan_status::done, end};
}

// ------------------------------------------------------------------- FILES

/// A file read with read()/pread() where POSIX has them, else stdio.
class fast_file {
public:
    fast_file() = default;
    fast_file(const fast_file&) = delete;
    fast_file& operator=(const fast_file&) = delete;
    ~fast_file() { close(); }

    bool open(const std::string& path) {
        close();
#if defined(BORDERSTATS_FAST_SCAN_POSIX)
        fd_ = ::open(path.c_str(), O_RDONLY);
        return fd_ >= 0;
#else
        file_ = std::fopen(path.c_str(), "rb");
        if (file_ == nullptr) return false;
        std::setvbuf(file_, nullptr, _IONBF, 0);
        return true;
#endif
    }
    void close() noexcept {
#if defined(BORDERSTATS_FAST_SCAN_POSIX)
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
#else
        if (file_ != nullptr) std::fclose(file_);
        file_ = nullptr;
#endif
    }
    /// Reads up to `n` bytes at `offset`; returns the count, 0 at the end,
    /// -1 on a read error.
    std::int64_t read_at(char* dst, std::size_t n, std::uint64_t offset) const {
        std::size_t got = 0;
        while (got < n) {
#if defined(BORDERSTATS_FAST_SCAN_POSIX)
            const ssize_t r = ::pread(fd_, dst + got, n - got, static_cast<off_t>(offset + got));
            if (r < 0) return -1;
            if (r == 0) break;
            got += static_cast<std::size_t>(r);
#else
            if (std::fseek(file_, static_cast<long>(offset + got), SEEK_SET) != 0) return -1;
            const std::size_t r = std::fread(dst + got, 1, n - got, file_);
            if (r == 0) {
                if (std::ferror(file_)) return -1;
                break;
            }
            got += r;
#endif
        }
        return static_cast<std::int64_t>(got);
    }

private:
#if defined(BORDERSTATS_FAST_SCAN_POSIX)
    int fd_ = -1;
#else
    std::FILE* file_ = nullptr;
#endif
};

/// Where scanning input comes from: a file, or a buffer in memory.
struct fast_source {
    std::string name;
    std::string path;                 // empty for a buffer
    std::string_view buffer;          // the input when `path` is empty
    csv_options options;              // for the CSV reader's rescan of a refused record
    std::vector<std::string> names;   // the header's names, trimmed
};

/// Counts line ends (CRLF, LF, lone CR) in [0, offset) of the source and the
/// offset of the line holding `offset`: its 1-based line and byte column.
inline std::pair<std::size_t, std::size_t> fast_locate(const fast_source& src, std::uint64_t offset) {
    std::size_t line = 1;
    std::uint64_t line_start = 0;
    bool bom = false;
    bool prev_cr = false;
    const auto walk = [&](const char* p, std::size_t n, std::uint64_t at) {
        for (std::size_t i = 0; i < n; ++i) {
            const char c = p[i];
            if (c == '\n') {
                if (!prev_cr) ++line;
                line_start = at + i + 1;
                prev_cr = false;
            } else if (c == '\r') {
                ++line;
                line_start = at + i + 1;
                prev_cr = true;
            } else {
                prev_cr = false;
            }
        }
    };
    if (src.path.empty()) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(offset, src.buffer.size()));
        bom = src.buffer.size() >= 3 && std::memcmp(src.buffer.data(), "\xEF\xBB\xBF", 3) == 0;
        walk(src.buffer.data(), n, 0);
    } else {
        fast_file f;
        if (f.open(src.path)) {
            std::vector<char> chunk(std::size_t{1} << 20);
            std::uint64_t at = 0;
            while (at < offset) {
                const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), offset - at));
                const std::int64_t got = f.read_at(chunk.data(), want, at);
                if (got <= 0) break;
                if (at == 0) bom = got >= 3 && std::memcmp(chunk.data(), "\xEF\xBB\xBF", 3) == 0;
                walk(chunk.data(), static_cast<std::size_t>(got), at);
                at += static_cast<std::uint64_t>(got);
            }
        }
    }
    std::uint64_t column = offset - line_start + 1;
    if (line == 1 && bom && column > 3) column -= 3;
    return {line, borderstats::detail::to_size(column)};
}

/// The CSV reader's failure for the record that starts at `offset` (a record
/// boundary on `line`, whose first byte is at `line_start`), if it finds one.
inline std::optional<parse_failure> fast_rescan(const fast_source& src, std::uint64_t offset, std::size_t line,
                                                std::uint64_t line_start) {
    csv_scanner scanner(src.options);
    scanner.limit_fields_to_header(src.names.size());
    scanner.resume(line, line_start);
    csv_record record;
    csv_scan_status status = csv_scan_status::end;
    if (src.path.empty()) {
        std::size_t pos = borderstats::detail::to_size(offset);
        status = scanner.scan(src.buffer.data(), src.buffer.size(), pos, 0, true, record);
    } else {
        // Read from the record on, as much as its verdict needs (the scanner
        // decides within max_record_bytes + 3 bytes).
        fast_file file;
        if (!file.open(src.path)) return std::nullopt;
        std::vector<char> buffer(std::size_t{1} << 16);
        std::size_t filled = 0;
        bool eof = false;
        for (;;) {
            if (filled == buffer.size()) buffer.resize(buffer.size() * 2);
            const std::int64_t got = file.read_at(buffer.data() + filled, buffer.size() - filled, offset + filled);
            if (got < 0) return std::nullopt;
            eof = static_cast<std::size_t>(got) < buffer.size() - filled;
            filled += static_cast<std::size_t>(got);
            std::size_t pos = 0;
            status = scanner.scan(buffer.data(), filled, pos, offset, eof, record);
            if (status != csv_scan_status::need_more) break;
            scanner.invalidate_search();
        }
    }
    if (status != csv_scan_status::error) return std::nullopt;
    parse_failure failure = csv_failure(src.name, scanner.error());
    if (scanner.error().field < src.names.size()) failure.field = src.names[scanner.error().field];
    return failure;
}

inline parse_error fast_error(const fast_source& src, const fast_failure& f) {
    auto [line, column] = fast_locate(src, f.offset);
    if (f.canonical) {
        // The record starts at column 1 of its line (after a BOM on line 1).
        if (auto rescanned = fast_rescan(src, f.offset, line, f.offset - (column - 1)))
            return parse_error(std::move(*rescanned));
        return parse_error(src.name, line, column, "", "",
                           "expected a record the CSV reader accepts (the fast path refused this one; please report it)");
    }
    return parse_error(src.name, line, column, f.field, f.text, f.message);
}

}  // namespace detail

// ----------------------------------------------------------- SPELLING TABLE

/// A small open-addressing hash table from the raw bytes of a field (and
/// whether it was quoted) to a value computed once per distinct spelling:
/// the hot path of the fast readers, where each row's fields are looked up
/// without copying or un-quoting them. A spelling of up to 16 bytes is kept
/// inside its slot as two words, so a lookup is one hash, one slot and three
/// word compares; longer ones are compared with a copy in an arena.
template <typename Value>
class spelling_table {
public:
    /// A spelling reduced to what a slot compares: two words and a tag.
    struct key {
        std::uint64_t a;
        std::uint64_t b;
        std::uint32_t tag;  // size << 1 | quoted, plus 1 (0 marks an empty slot)
        std::uint64_t hash;
    };

    /// The key of `f`. Reads up to 7 bytes past the field's end: the
    /// scanner's buffers have padding for it.
    static key make_key(const raw_field& f) noexcept {
        constexpr std::uint64_t k1 = 0x9E3779B97F4A7C15ULL;
        constexpr std::uint64_t k2 = 0xC2B2AE3D27D4EB4FULL;
        const std::size_t n = f.size;
        key k{0, 0, static_cast<std::uint32_t>((n << 1 | (f.quoted ? 1u : 0u)) + 1), 0};
        if (n <= 16) {
            if (n >= 8) {
                std::memcpy(&k.a, f.data, 8);
                std::memcpy(&k.b, f.data + n - 8, 8);
            } else if (n > 0) {
                std::memcpy(&k.a, f.data, 8);
                k.a &= ~std::uint64_t{0} >> (64 - 8 * n);
            }
        } else {
            // A long spelling: the words are a hash of all of it; the arena decides.
            const char* p = f.data;
            std::uint64_t h = n * k2;
            std::size_t i = 0;
            for (; i + 8 <= n; i += 8) {
                std::uint64_t w;
                std::memcpy(&w, p + i, 8);
                h = (h ^ (w * k1));
                h = (h << 27 | h >> 37) * k2;
            }
            std::uint64_t last;
            std::memcpy(&last, p + n - 8, 8);
            k.a = h ^ (last * k1);
            k.b = h;
        }
        std::uint64_t h = (k.a * k1) ^ (k.b * k2) ^ k.tag;
        h ^= h >> 31;
        h *= k1;
        k.hash = h ^ (h >> 29);
        return k;
    }

    /// The value for `f` (whose key is `k`), or nullptr when not seen yet.
    const Value* find(const raw_field& f, const key& k) const noexcept {
        if (slots_.empty()) return nullptr;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = static_cast<std::size_t>(k.hash >> 40) & mask;; i = (i + 1) & mask) {
            const slot& s = slots_[i];
            if (s.tag == 0) return nullptr;
            if (s.tag == k.tag && s.a == k.a && s.b == k.b &&
                (f.size <= 16 || std::memcmp(arena_.data() + offsets_[s.entry], f.data, f.size) == 0))
                return &values_[s.entry];
        }
    }
    const Value* find(const raw_field& f) const noexcept { return find(f, make_key(f)); }

    /// Adds `f` (not present yet, key `k`) with `value`.
    const Value& insert(const raw_field& f, const key& k, Value value) {
        if ((values_.size() + 1) * 4 > slots_.size()) grow();
        const auto entry = static_cast<std::uint32_t>(values_.size());
        values_.push_back(std::move(value));
        offsets_.push_back(arena_.size());
        if (f.size > 16) arena_.append(f.data, f.size);
        place(slot{k.a, k.b, k.tag, entry, k.hash});
        return values_.back();
    }

    std::size_t size() const noexcept { return values_.size(); }

private:
    struct slot {
        std::uint64_t a;
        std::uint64_t b;
        std::uint32_t tag;
        std::uint32_t entry;
        std::uint64_t hash;
    };
    void place(const slot& s) noexcept {
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = static_cast<std::size_t>(s.hash >> 40) & mask;
        while (slots_[i].tag != 0) i = (i + 1) & mask;
        slots_[i] = s;
    }
    void grow() {
        std::vector<slot> old(slots_.empty() ? 64 : slots_.size() * 2, slot{0, 0, 0, 0, 0});
        old.swap(slots_);
        for (const slot& s : old)
            if (s.tag != 0) place(s);
    }

    std::vector<slot> slots_;
    std::vector<Value> values_;
    std::vector<std::size_t> offsets_;  // of long spellings in the arena
    std::string arena_;
};

// -------------------------------------------------------- PROJECTED SCANNER

/// Scans a CSV file or buffer record by record, handing out only the columns
/// named in the constructor (in that order). See the file comment.
class projected_scanner {
public:
    static constexpr std::size_t default_chunk_size = std::size_t{1} << 20;

    /// Failure handed back by a record handler: `slot` is the projected
    /// column to blame, `text` and `message` what and why.
    struct record_failure {
        std::size_t slot = 0;
        std::string text;
        std::string message;
    };

    /// Reads the header of `path` and finds `columns` in it (names matched
    /// after normalize_column_name, as the CBP reader does). Throws `parse_error` when the file cannot be read
    /// or a column is missing.
    projected_scanner(const file_path& path, std::vector<std::string> columns, csv_options options = {},
                      std::size_t chunk_size = default_chunk_size)
        : needles_(options), chunk_size_(chunk_size < 4096 ? 4096 : chunk_size) {
        source_.name = path.string();
        source_.path = path.string();
        detail::input_file probe;  // the one check of every reader (io/file.hpp)
        switch (probe.open(path)) {
            case detail::file_open::ok: break;
            case detail::file_open::directory:
                borderstats::detail::raise(parse_error(source_.name, 0, 0, "", "", "expected a CSV file, found a directory"));
            case detail::file_open::cannot_open:
                borderstats::detail::raise(parse_error(source_.name, 0, 0, "", "",
                                                       "expected a readable CSV file; it does not exist or cannot be opened"));
        }
        size_ = probe.size() == detail::input_file::unknown_size ? 0 : probe.size();
        probe.close();
        // The header is read by the CSV reader itself, in chunks of 64 KiB
        // (time linear in its length, memory bounded by max_record_bytes).
        csv_stream_reader reader = csv_stream_reader::open(path, options, std::size_t{1} << 16);
        init(reader, std::move(columns), options);
    }

    /// Scans `buffer`, which must outlive the scanner, named `source_name` in
    /// errors.
    projected_scanner(std::string_view buffer, std::string source_name, std::vector<std::string> columns,
                      csv_options options = {}, std::size_t chunk_size = default_chunk_size)
        : needles_(options), chunk_size_(chunk_size < 4096 ? 4096 : chunk_size) {
        source_.name = std::move(source_name);
        source_.buffer = buffer;
        size_ = buffer.size();
        csv_reader reader(buffer, source_.name, options);
        init(reader, std::move(columns), options);
    }

    const std::string& source_name() const noexcept { return source_.name; }
    /// Offset of the first data record (after the header's line end).
    std::uint64_t data_begin() const noexcept { return data_begin_; }
    /// Size of the input in bytes.
    std::uint64_t input_size() const noexcept { return size_; }
    /// The header's width: every record must have this many fields.
    std::size_t column_count() const noexcept { return layout_.slot_of_column.size(); }
    /// Index in the header of projected slot `i`.
    std::size_t column_of(std::size_t slot) const { return layout_.column_of_slot.at(slot); }

    /// Calls `handler(const raw_field* fields, record_failure& failure)` for
    /// every record that starts in [from, to) (offsets in the input; a record
    /// starting before `to` is read to its end). `from` must be a record
    /// boundary. The handler returns false to stop with a `parse_error` at the
    /// field it blames. Returns the offset where the next record starts (the
    /// true boundary at or after `to`, or the input's size).
    template <typename Handler>
    std::uint64_t scan(Handler&& handler, std::uint64_t from, std::uint64_t to) const {
        detail::fast_failure failure;
        std::uint64_t next = 0;
        if (!try_scan(handler, from, to, next, failure))
            borderstats::detail::raise(detail::fast_error(source_, failure));
        return next;
    }
    /// Every record.
    template <typename Handler>
    void scan(Handler&& handler) const {
        scan(handler, data_begin_, ~std::uint64_t{0});
    }

    /// The non-throwing form: false with `failure` set (line and column not
    /// yet computed; `failure_to_error` does it).
    template <typename Handler>
    bool try_scan(Handler& handler, std::uint64_t from, std::uint64_t to, std::uint64_t& next,
                  detail::fast_failure& failure) const {
        // What the hot loop reads and writes, owned by this call: the fields
        // it fills for every record on cache lines of their own, and a copy of
        // the shared layout and needles. With two threads, the fields one
        // thread writes for every record could otherwise share a cache line
        // with the layout the other reads for every field (measured: 17% more
        // CPU time on 10M rows with 2 threads, depending on where malloc put
        // them).
        const detail::fast_layout layout = layout_;
        const detail::csv_needles needles = needles_;
        constexpr std::size_t line = 64;
        const std::size_t slots = layout.slots == 0 ? 1 : layout.slots;
        std::vector<raw_field> storage(slots + 2 * line / sizeof(raw_field));
        void* aligned = storage.data();
        std::size_t space = storage.size() * sizeof(raw_field);
        std::align(line, slots * sizeof(raw_field), aligned, space);  // cannot fail: a line of slack
        raw_field* const fields = static_cast<raw_field*>(aligned);
        record_failure rf;
        auto on_record = [&](const raw_field* f, detail::fast_failure& out) {
            if (handler(f, rf)) return true;
            out.offset = rf.slot;
            out.text = borderstats::detail::quote_for_message(rf.text);
            out.message = rf.message;
            return false;
        };
        if (source_.path.empty()) {
            // A buffer: scan it in place, in chunks only because of the padding
            // the mask loads need past the end; the tail is copied.
            const char* data = source_.buffer.data();
            const std::size_t n = source_.buffer.size();
            const std::size_t safe = n > detail::fast_padding ? n - detail::fast_padding : 0;
            std::size_t pos = borderstats::detail::to_size(from);
            if (pos < safe) {
                const auto r = detail::fast_scan(data, pos, safe, false, 0, to, layout, needles, fields, on_record, failure);
                if (r.status == detail::fast_scan_status::error) return false;
                if (r.status == detail::fast_scan_status::stopped) {
                    next = r.next;
                    return true;
                }
                pos = r.next;
            }
            std::vector<char> tail(n - pos + detail::fast_padding, 0);
            std::memcpy(tail.data(), data + pos, n - pos);
            const auto r = detail::fast_scan(tail.data(), 0, n - pos, true, pos, to, layout, needles, fields, on_record,
                                             failure);
            if (r.status == detail::fast_scan_status::error) return false;
            next = pos + r.next;
            return true;
        }
        detail::fast_file file;
        if (!file.open(source_.path)) {
            failure = detail::fast_failure{0, "", "", "expected a readable CSV file; it does not exist or cannot be opened"};
            return false;
        }
        // Not zero-filled, and no larger than what is left to read: a page the
        // scan never touches costs no page fault, which is most of the time
        // on a file of a few megabytes (only the padding after the data read
        // is ever looked at, and it is cleared after each read).
        const std::uint64_t left = size_ > from ? size_ - from : 0;
        std::size_t capacity = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_size_, left + 1));
        capacity = std::max<std::size_t>(capacity, 4096);
        std::unique_ptr<char[]> buffer(new char[capacity + detail::fast_padding]);
        std::size_t filled = 0;
        std::uint64_t base = from;
        bool eof = false;
        for (;;) {
            const std::size_t room = capacity - filled;
            const std::int64_t got = file.read_at(buffer.get() + filled, room, base + filled);
            if (got < 0) {
                failure = detail::fast_failure{base + filled, "", "", "expected to read the file, but a read failed"};
                return false;
            }
            filled += static_cast<std::size_t>(got);
            eof = static_cast<std::size_t>(got) < room;
            std::memset(buffer.get() + filled, 0, detail::fast_padding);
            const auto r = detail::fast_scan(buffer.get(), 0, filled, eof, base, to, layout, needles, fields,
                                             on_record, failure);
            switch (r.status) {
                case detail::fast_scan_status::error: return false;
                case detail::fast_scan_status::stopped: next = base + r.next; return true;
                case detail::fast_scan_status::done: next = base + filled; return true;
                case detail::fast_scan_status::need_more: break;
            }
            // Move the unfinished record to the front; grow when it fills the buffer.
            std::memmove(buffer.get(), buffer.get() + r.next, filled - r.next);
            base += r.next;
            filled -= r.next;
            if (filled == capacity) {
                std::unique_ptr<char[]> bigger(new char[2 * capacity + detail::fast_padding]);
                std::memcpy(bigger.get(), buffer.get(), filled);
                buffer = std::move(bigger);
                capacity *= 2;
            }
        }
    }

    /// The first record boundary at or after `offset` if the line end before
    /// it is outside quotes (the threads' speculation; see the file comment).
    std::uint64_t guess_boundary(std::uint64_t offset) const {
        if (offset <= data_begin_) return data_begin_;
        if (offset >= size_) return size_;
        // A boundary x: byte x-1 is LF, or CR not followed by LF.
        std::vector<char> chunk(std::size_t{64} * 1024);
        detail::fast_file file;
        const bool is_file = !source_.path.empty();
        if (is_file && !file.open(source_.path)) return size_;
        std::uint64_t at = offset - 1;
        while (at < size_) {
            std::size_t n = 0;
            const char* p = nullptr;
            if (is_file) {
                const std::int64_t got = file.read_at(chunk.data(), chunk.size(), at);
                if (got <= 0) return size_;
                n = static_cast<std::size_t>(got);
                p = chunk.data();
            } else {
                n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), size_ - at));
                p = source_.buffer.data() + at;
            }
            for (std::size_t i = 0; i < n; ++i) {
                if (p[i] == '\n') return at + i + 1;
                if (p[i] == '\r') {
                    if (i + 1 < n) {
                        if (p[i + 1] != '\n') return at + i + 1;
                    } else if (at + i + 1 >= size_) {
                        return size_;
                    } else {
                        break;  // look at the next byte with the next read
                    }
                }
            }
            at += (n > 1 ? n - 1 : n);
        }
        return size_;
    }

    /// A failure found by `try_scan` as the `parse_error` it stands for.
    parse_error failure_to_error(const detail::fast_failure& f) const { return detail::fast_error(source_, f); }

private:
    // Reads the header with the CSV reader (blank lines, BOM, quotes, limits
    // and messages as it has them) and matches `columns` as the readers of
    // io/fields.hpp do (detail::header_columns).
    template <typename Reader>
    void init(Reader& reader, std::vector<std::string> columns, const csv_options& options) {
        csv_record record;
        parse_failure failure;
        const csv_status status = reader.try_next(record, failure);
        if (status == csv_status::error) borderstats::detail::raise(parse_error(std::move(failure)));
        if (status == csv_status::end_of_input)
            borderstats::detail::raise(
                parse_error(source_.name, 1, 1, "", "", std::string(detail::csv_messages::empty_input)));
        detail::header_columns header;
        if (!header.try_read(record, source_.name, failure)) borderstats::detail::raise(parse_error(std::move(failure)));
        data_begin_ = reader.offset();
        source_.options = options;
        source_.names = header.names();
        layout_.max_record_bytes = options.max_record_bytes;
        layout_.slot_of_column.assign(header.size(), -1);
        layout_.column_names = header.names();
        layout_.slots = columns.size();
        layout_.column_of_slot.clear();
        for (std::size_t s = 0; s < columns.size(); ++s) {
            const auto c = header.find(columns[s]);
            if (!c) borderstats::detail::raise(parse_error(header.missing(columns[s], source_.name)));
            if (layout_.slot_of_column[*c] >= 0)
                borderstats::detail::raise(parse_error(source_.name, header.line(), 1, columns[s], "",
                                                       "the column '" + columns[s] + "' is asked for twice"));
            layout_.slot_of_column[*c] = static_cast<std::int32_t>(s);
            layout_.column_of_slot.push_back(*c);
        }
    }

    detail::fast_source source_;
    detail::csv_needles needles_;
    detail::fast_layout layout_;
    std::size_t chunk_size_;
    std::uint64_t data_begin_ = 0;
    std::uint64_t size_ = 0;
};

}  // namespace io
}  // namespace v1
}  // namespace borderstats

// Forwarding, for one release: sum_encounters moved out of io/ (issue 13).
#include "../aggregate_scan.hpp"
