// borderstats/io/fast_scan.hpp: the fast path for big files. A streaming,
// projected CSV scanner (only the columns asked for, found by header name),
// and on top of it `sum_encounters`, which sums a CBP-style count column by
// (month, dimension values) on one or more threads.
//
//   io::encounter_columns cols;                 // "Fiscal Year", "Month (abbv)",
//   cols.dimensions = {"Land Border Region",    // "Encounter Count" by default
//                      "Citizenship"};
//   io::encounter_sums sums = io::sum_encounters("cbp.csv", cols, 2);  // 2 threads
//   auto sw = sums.find(0, "Southwest Land Border");
//   monthly_series<std::int64_t> s = sums.total_by_month(
//       [&](const std::uint32_t* codes) { return sw && codes[0] == *sw; });
//
// Reading. The file is read with pread()/fread into one reused buffer per
// thread (1 MiB by default, so that it stays in a core's L2 cache; no larger
// than the file; not zero-filled, so a small file pays no page faults for
// pages it never uses; 64 bytes of padding), never mapped and never loaded
// whole: peak memory is a few buffers per thread, whatever the file size. A
// record that straddles two chunks is moved to the front and rescanned.
//
// Scanning. Each 64-byte block gives two bitmasks (SSE2, else 8 bytes at a
// time in portable code): the quotes, and the structural bytes (delimiter, CR,
// LF). The quote mask becomes an "inside quotes" mask by a prefix XOR carried
// from block to block, so delimiters and line ends inside quotes drop out and
// the scanner walks only real field ends, one bit each, and looks at no other
// byte. Fields not projected are skipped without a look. Quoting is checked
// with the same masks, as strictly as io/csv.hpp: an opening quote must start
// a field, a closing quote must be followed by a quote (a doubled quote), the
// delimiter or a line end; and every record must have as many fields as the
// header. Line ends are CRLF, LF or a lone CR; blank lines are skipped; a
// missing final line end is accepted; a BOM at the start is skipped.
//
// Errors. Every failure is a `parse_error` with the file, 1-based line and
// column, the column name and the offending text, as io/csv.hpp reports them.
// Lines are not counted while scanning: an error keeps its byte offset, and
// the line and column are found afterwards by counting line ends from the
// start of the input (so the hot loop pays nothing for them).
//
// Threads. The data after the header is cut into N byte ranges. Thread k
// starts at the first line end after its nominal start s_k, speculating that
// this line end is outside quotes, and parses whole records until a record
// begins at or after s_(k+1); the offset of that record is the true boundary
// t_(k+1) (thread k started from a true boundary, so it knows the quote state
// exactly). After the join the boundaries are checked in order: where thread
// k+1's speculative start differs from t_(k+1) (a quoted line end near the
// cut), its partial result is thrown away and that range is parsed again from
// t_(k+1) on the calling thread. The result is therefore exactly the
// single-threaded one; a wrong guess costs time, never correctness. Each thread
// has its own dictionaries and sums; the merge remaps codes by their strings.
//
// Agreement with the rest of the library: fields are read by the parsers of
// io/fields.hpp that io/cbp.hpp uses, with the same rules and messages:
// fiscal years by `try_parse_cbp_fiscal_year` ("2019", "FY2019", "2025
// (FYTD)"), months by `try_parse_month_abbreviation` (JAN..DEC, any case),
// each once per distinct spelling (a spelling table caches the result by the
// raw bytes); counts by a fast path for plain digits (at most 18) and
// `try_parse_count` for everything else ("1,234" in quotes; no sign, no
// space). Sums are exact and checked (`overflow_error`). Dimension values are
// interned in a `dictionary` (dictionary.hpp) byte for byte, untrimmed, after
// un-doubling quotes, as io/csv.hpp gives them.
// Differences from io/csv.hpp: NUL bytes and stray BOMs are not looked for in
// the columns the scanner skips.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#if defined(__SSE2__) && !defined(BORDERSTATS_CSV_NO_SIMD)
#include <emmintrin.h>
#define BORDERSTATS_FAST_SCAN_SSE2 1
#endif

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>
#define BORDERSTATS_FAST_SCAN_POSIX 1
#endif

#include "../aggregate.hpp"
#include "../calendar.hpp"
#include "../checked.hpp"
#include "../error.hpp"
#include "../fiscal.hpp"
#include "../series.hpp"
#include "../dictionary.hpp"
#include "csv.hpp"
#include "fields.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

// ------------------------------------------------------------- RAW FIELDS

/// One projected field of a record as it is in the buffer: the bytes between
/// the quotes for a quoted field (doubled quotes still doubled), else the
/// bytes between the delimiters. Valid during the callback only.
struct raw_field {
    const char* data = nullptr;
    std::uint32_t size = 0;
    bool quoted = false;

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
inline std::optional<std::int64_t> parse_count(const raw_field& f, std::string_view* why = nullptr) {
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

namespace detail {

// ------------------------------------------------------------------ MASKS

/// The needles of a dialect, ready for the mask functions.
struct fast_needles {
    char delimiter = ',';
    char quote = '"';
#if defined(BORDERSTATS_FAST_SCAN_SSE2)
    __m128i v_delim{};
    __m128i v_quote{};
    __m128i v_cr{};
    __m128i v_lf{};
#endif
    explicit fast_needles(csv_options o = {}) noexcept : delimiter(o.delimiter), quote(o.quote) {
#if defined(BORDERSTATS_FAST_SCAN_SSE2)
        v_delim = _mm_set1_epi8(o.delimiter);
        v_quote = _mm_set1_epi8(o.quote);
        v_cr = _mm_set1_epi8('\r');
        v_lf = _mm_set1_epi8('\n');
#endif
    }
};

struct fast_masks {
    std::uint64_t quote;
    std::uint64_t structural;  // delimiter, CR, LF
};

/// Bitmasks of 64 bytes at `p` (all 64 must be readable) in portable code,
/// 8 bytes at a time with the zero-byte test.
inline fast_masks fast_block_masks_portable(const char* p, const fast_needles& nd) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    const std::uint64_t wq = ones * static_cast<unsigned char>(nd.quote);
    const std::uint64_t wd = ones * static_cast<unsigned char>(nd.delimiter);
    const std::uint64_t wcr = ones * '\r';
    const std::uint64_t wlf = ones * '\n';
    const auto has = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
    fast_masks m{0, 0};
    for (unsigned i = 0; i < 64; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if ((has(w ^ wq) | has(w ^ wd) | has(w ^ wcr) | has(w ^ wlf)) == 0) continue;
        for (unsigned k = 0; k < 8; ++k) {
            const char c = p[i + k];
            m.quote |= std::uint64_t{c == nd.quote} << (i + k);
            m.structural |= std::uint64_t{c == nd.delimiter || c == '\r' || c == '\n'} << (i + k);
        }
    }
    return m;
}

#if defined(BORDERSTATS_FAST_SCAN_SSE2)
inline fast_masks fast_block_masks_sse2(const char* p, const fast_needles& nd) noexcept {
    fast_masks m{0, 0};
    for (unsigned i = 0; i < 64; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i s = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nd.v_delim), _mm_cmpeq_epi8(v, nd.v_cr)),
                                       _mm_cmpeq_epi8(v, nd.v_lf));
        m.quote |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nd.v_quote)))} << i;
        m.structural |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(s))} << i;
    }
    return m;
}
#endif

inline fast_masks fast_block_masks(const char* p, const fast_needles& nd) noexcept {
#if defined(BORDERSTATS_FAST_SCAN_SSE2)
    return fast_block_masks_sse2(p, nd);
#else
    return fast_block_masks_portable(p, nd);
#endif
}

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
};

constexpr std::size_t fast_padding = 64;

/// Scans whole records of buf[begin, end) (buf must have `fast_padding`
/// readable bytes after `end`), which starts at a record boundary; `base` is
/// the offset of buf[0] in the input. Calls `on_record(const raw_field*)` for
/// each record; it returns false after filling `failure` (all but the offset,
/// which it sets as the offset of the field it blames, through
/// `failure.offset` = index of the slot). Stops once a record starts at an
/// offset >= `stop_at`.
template <typename OnRecord>
fast_scan_result fast_scan(const char* buf, std::size_t begin, std::size_t end, bool final, std::uint64_t base,
                           std::uint64_t stop_at, const fast_layout& layout, const fast_needles& nd,
                           raw_field* fields, OnRecord&& on_record, fast_failure& failure) {
    const std::size_t ncols = layout.slot_of_column.size();
    const std::int32_t* slot_of = layout.slot_of_column.data();
    raw_field* out = fields;
    const char quote = nd.quote;
    const char delim = nd.delimiter;

    std::size_t rec_start = begin;
    std::size_t field_start = begin;
    std::size_t field = 0;
    std::uint64_t in_quote = 0;      // all ones while inside quotes at a block's start
    std::uint64_t prev_sep = 1;      // bit 0: the byte before the block ended a field
    std::uint64_t prev_close = 0;    // bit 0: the byte before the block was a closing quote

    const auto fail_at = [&](std::size_t p, std::string field_name, std::string_view text, std::string message) {
        failure.offset = base + p;
        failure.field = std::move(field_name);
        failure.text = borderstats::detail::quote_for_message(text);
        failure.message = std::move(message);
        return fast_scan_result{fast_scan_status::error, rec_start};
    };
    const auto column_name = [&](std::size_t f) { return f < ncols ? layout.column_names[f] : std::string(); };
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
    // The two ways a record that ends at p is refused (cold, shared by the
    // line-end and end-of-input paths): the wrong number of fields, or the
    // handler's failure, whose `offset` holds the slot it blamed.
    const auto field_count_error = [&](std::size_t p) {
        return fail_at(p, std::string(), std::string_view(),
                       "expected " + std::to_string(ncols) + " fields, as in the header, but the record has " +
                           std::to_string(field + 1));
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
        const fast_masks m = fast_block_masks(buf + block, nd);
        const std::size_t left = end - block;
        const std::uint64_t valid = left >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << left) - 1;
        std::uint64_t q = m.quote & valid;
        std::uint64_t s = m.structural & valid;
        std::uint64_t bad = 0;
        bool bad_is_open = false;
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
            const std::uint64_t bad_close = closes & ~next_ok;
            bad = bad_open | bad_close;
            if (bad != 0) bad_is_open = (bad_open & (bad & (0 - bad))) != 0;
            in_quote = 0 - (x >> 63);
            prev_close = closes >> 63;
        } else {
            prev_close = 0;
        }
        prev_sep = s >> 63;
        std::uint64_t walk = s;
        if (bad != 0) walk &= (bad & (0 - bad)) - 1;  // field ends before the first bad quote

        while (walk != 0) {
            const std::size_t p = block + csv_lowest_bit(walk);
            walk &= walk - 1;
            const char c = buf[p];
            store_field(p);
            if (c == delim) {
                ++field;
                field_start = p + 1;
                if (field == ncols)
                    return fail_at(field_start, std::string(), std::string_view(buf + field_start, std::min<std::size_t>(end - field_start, 20)),
                                   "expected " + std::to_string(ncols) + " fields, as in the header, but the record has more");
                continue;
            }
            // A line end.
            if (field == 0 && p == field_start) {
                field_start = rec_start = p + 1;  // a blank line, or the LF of a CRLF
            } else {
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
            const std::size_t p = block + csv_lowest_bit(bad);
            if (bad_is_open)
                return fail_at(p, column_name(field), std::string_view(buf + field_start, p + 1 - field_start),
                               "expected no quote inside an unquoted field (quote the whole field and double the "
                               "quotes inside it)");
            return fail_at(p + 1, column_name(field), std::string_view(buf + p + 1, 1),
                           "expected the delimiter or the end of the line after a closing quote");
        }
    }
    if (!final) return {fast_scan_status::need_more, rec_start};
    if (in_quote != 0) {
        return fail_at(field_start, column_name(field), std::string_view(buf + field_start, std::min<std::size_t>(end - field_start, 20)),
                       "expected a closing quote before the end of the input");
    }
    if (field > 0 || field_start < end) {  // a last record without a line end
        const std::size_t p = end;
        store_field(p);
        if (field + 1 != ncols) return field_count_error(p);
        if (!on_record(static_cast<const raw_field*>(out), failure)) return handler_error();
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

    bool open(const std::filesystem::path& path) {
        close();
#if defined(BORDERSTATS_FAST_SCAN_POSIX)
        fd_ = ::open(path.c_str(), O_RDONLY);
        return fd_ >= 0;
#else
        file_ = std::fopen(path.string().c_str(), "rb");
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
    std::filesystem::path path;       // empty for a buffer
    std::string_view buffer;          // the input when `path` is empty
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
    return {line, static_cast<std::size_t>(column)};
}

inline parse_error fast_error(const fast_source& src, const fast_failure& f) {
    const auto [line, column] = fast_locate(src, f.offset);
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

    /// Reads the header of `path` and finds `columns` in it (exact names,
    /// trimmed of spaces). Throws `parse_error` when the file cannot be read
    /// or a column is missing.
    projected_scanner(const std::filesystem::path& path, std::vector<std::string> columns, csv_options options = {},
                      std::size_t chunk_size = default_chunk_size)
        : needles_(options), chunk_size_(chunk_size < 4096 ? 4096 : chunk_size) {
        source_.name = path.string();
        source_.path = path;
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec))
            borderstats::detail::raise(parse_error(source_.name, 0, 0, "", "", "expected a CSV file, found a directory"));
        detail::fast_file f;
        if (!f.open(path))
            borderstats::detail::raise(
                parse_error(source_.name, 0, 0, "", "", "expected a readable CSV file; it does not exist or cannot be opened"));
        size_ = std::filesystem::file_size(path, ec);
        if (ec) size_ = 0;
        std::string head;
        std::uint64_t at = 0;
        std::vector<char> chunk(std::size_t{64} * 1024);
        for (;;) {
            const std::int64_t got = f.read_at(chunk.data(), chunk.size(), at);
            if (got < 0)
                borderstats::detail::raise(parse_error(source_.name, 0, 0, "", "", "expected to read the file, but it failed"));
            head.append(chunk.data(), static_cast<std::size_t>(got));
            at += static_cast<std::uint64_t>(got);
            if (got == 0 || header_end(head).has_value()) break;
        }
        init(head, std::move(columns), options);
    }

    /// Scans `buffer`, which must outlive the scanner, named `source_name` in
    /// errors.
    projected_scanner(std::string_view buffer, std::string source_name, std::vector<std::string> columns,
                      csv_options options = {}, std::size_t chunk_size = default_chunk_size)
        : needles_(options), chunk_size_(chunk_size < 4096 ? 4096 : chunk_size) {
        source_.name = std::move(source_name);
        source_.buffer = buffer;
        size_ = buffer.size();
        init(buffer, std::move(columns), options);
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
        const detail::fast_needles needles = needles_;
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
            std::size_t pos = static_cast<std::size_t>(from);
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
    // The end of the first record of `head` (past its line end), if complete.
    std::optional<std::size_t> header_end(std::string_view head) const {
        bool in_q = false;
        for (std::size_t i = 0; i < head.size(); ++i) {
            const char c = head[i];
            if (c == needles_.quote) in_q = !in_q;
            if (in_q) continue;
            if (c == '\n') return i + 1;
            if (c == '\r') {
                if (i + 1 < head.size()) return head[i + 1] == '\n' ? i + 2 : i + 1;
                return std::nullopt;
            }
        }
        return std::nullopt;
    }

    void init(std::string_view head, std::vector<std::string> columns, csv_options options) {
        std::optional<std::size_t> end = header_end(head);
        if (!end) end = head.size();  // a header alone, without a line end
        std::string header_text(head.substr(0, *end));
        csv_reader reader(header_text, source_.name, options);
        csv_record record;
        if (!reader.next(record))
            borderstats::detail::raise(parse_error(source_.name, 1, 1, "", "", "expected a header line, found an empty file"));
        const csv_header header(record, source_.name);
        data_begin_ = *end;
        layout_.slot_of_column.assign(header.size(), -1);
        layout_.column_names = header.names();
        layout_.slots = columns.size();
        layout_.column_of_slot.clear();
        for (std::size_t s = 0; s < columns.size(); ++s) {
            const auto c = header.find(columns[s]);
            if (!c)
                borderstats::detail::raise(parse_error(source_.name, 1, 1, columns[s], "",
                                                       "expected a column named '" + columns[s] + "' in the header"));
            if (layout_.slot_of_column[*c] >= 0)
                borderstats::detail::raise(parse_error(source_.name, 1, 1, columns[s], "",
                                                       "the column '" + columns[s] + "' is asked for twice"));
            layout_.slot_of_column[*c] = static_cast<std::int32_t>(s);
            layout_.column_of_slot.push_back(*c);
        }
    }

    detail::fast_source source_;
    detail::fast_needles needles_;
    detail::fast_layout layout_;
    std::size_t chunk_size_;
    std::uint64_t data_begin_ = 0;
    std::uint64_t size_ = 0;
};

// ------------------------------------------------------------ ENCOUNTERS

/// The columns `sum_encounters` reads: a fiscal year (U.S. federal), a month
/// name, a count, and up to four dimensions to group by.
struct encounter_columns {
    std::string fiscal_year = "Fiscal Year";
    std::string month = "Month (abbv)";
    std::string count = "Encounter Count";
    std::vector<std::string> dimensions;
};

/// Sums of a count column by (month, one value of each dimension): the
/// result of `sum_encounters`. Dimension values get dense codes 0, 1, ... per
/// dimension; a *group* is one combination of codes seen in the data.
class encounter_sums {
public:
    encounter_sums() = default;
    explicit encounter_sums(std::size_t dimensions) : values_(dimensions) {}

    std::size_t dimension_count() const noexcept { return values_.size(); }
    /// Distinct values of dimension `d`: a dictionary whose codes are the
    /// codes in `group_codes`.
    const dictionary& values(std::size_t d) const { return values_.at(d); }
    /// The code of `value` in dimension `d`, if it occurs.
    std::optional<std::uint32_t> find(std::size_t d, std::string_view value) const {
        const auto code = values_.at(d).find(value);
        if (!code) return std::nullopt;
        return code->value;
    }

    std::size_t group_count() const noexcept { return dimension_count() == 0 ? sums_.group_count() : groups_.size() / dimension_count(); }
    /// The `dimension_count()` codes of group `g`.
    const std::uint32_t* group_codes(std::size_t g) const noexcept { return groups_.data() + g * dimension_count(); }
    /// The sums by (group, month); a cell with no row is a gap.
    const dense_group_sums<std::int64_t>& sums() const noexcept { return sums_; }
    /// Data rows read.
    std::uint64_t rows() const noexcept { return rows_; }

    /// The sum over the groups for which `keep(codes)` is true, by month: a
    /// month is present when any kept group had a row in it.
    template <typename Keep>
    monthly_series<std::int64_t> total_by_month(Keep keep) const {
        monthly_series<std::int64_t> out;
        for (std::size_t g = 0; g < group_count(); ++g) {
            if (!keep(group_codes(g))) continue;
            const monthly_series<std::int64_t> s = sums_.series(g);
            for (const auto& e : s)
                if (e.value) out.add(e.month, *e.value);
        }
        return out;
    }

    /// Calls `f(year_month, const std::uint32_t* codes, std::int64_t sum)` for
    /// every (month, group) that had a row.
    template <typename F>
    void for_each(F f) const {
        for (std::size_t g = 0; g < group_count(); ++g) {
            const monthly_series<std::int64_t> s = sums_.series(g);
            for (const auto& e : s)
                if (e.value) f(e.month, group_codes(g), *e.value);
        }
    }

    /// Adds `other` into this, matching dimension values by their strings.
    void merge(const encounter_sums& other) {
        const std::size_t d = dimension_count();
        std::vector<std::vector<std::uint32_t>> remap(d);
        for (std::size_t k = 0; k < d; ++k)
            for (std::string_view v : other.values_[k].names()) remap[k].push_back(intern(k, v));
        std::vector<std::uint32_t> codes(d);
        for (std::size_t g = 0; g < other.group_count(); ++g) {
            for (std::size_t k = 0; k < d; ++k) codes[k] = remap[k][other.group_codes(g)[k]];
            const std::uint32_t mine = group_of(codes.data());
            const monthly_series<std::int64_t> s = other.sums_.series(g);
            for (const auto& e : s)
                if (e.value) sums_.add(mine, e.month, *e.value);
        }
        rows_ += other.rows_;
    }

    // ---- building (used by sum_encounters) ----

    /// The code of `value` in dimension `d`, added when new.
    std::uint32_t intern(std::size_t d, std::string_view value) { return values_[d].intern(value).value; }
    /// The group of a combination of codes, added when new.
    std::uint32_t group_of(const std::uint32_t* codes) {
        const std::size_t d = dimension_count();
        if (d == 0) return 0;
        std::uint64_t key = 0;
        for (std::size_t k = 0; k < d; ++k) key = key * 0x100000001B3ULL + codes[k] + 1;
        if (group_slots_.empty()) group_slots_.assign(64, 0);
        std::size_t mask = group_slots_.size() - 1;
        const std::uint64_t h = (key * 0x9E3779B97F4A7C15ULL) >> 17;
        for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
            const std::uint32_t slot = group_slots_[i];
            if (slot == 0) break;
            const std::uint32_t* known = group_codes(slot - 1);
            std::size_t k = 0;
            while (k < d && known[k] == codes[k]) ++k;
            if (k == d) return slot - 1;
        }
        const auto g = static_cast<std::uint32_t>(group_count());
        groups_.insert(groups_.end(), codes, codes + d);
        group_keys_.push_back(h);
        if ((group_keys_.size() * 2) > group_slots_.size()) {
            group_slots_.assign(group_slots_.size() * 2, 0);
            mask = group_slots_.size() - 1;
            for (std::size_t k = 0; k < group_keys_.size(); ++k) place_group(static_cast<std::uint32_t>(k), group_keys_[k]);
        } else {
            place_group(g, h);
        }
        return g;
    }
    dense_group_sums<std::int64_t>& mutable_sums() noexcept { return sums_; }
    void add_rows(std::uint64_t n) noexcept { rows_ += n; }

private:
    void place_group(std::uint32_t g, std::uint64_t h) {
        const std::size_t mask = group_slots_.size() - 1;
        std::size_t i = static_cast<std::size_t>(h) & mask;
        while (group_slots_[i] != 0) i = (i + 1) & mask;
        group_slots_[i] = g + 1;
    }

    std::vector<dictionary> values_;
    std::vector<std::uint32_t> groups_;  // dimension_count() codes per group
    std::vector<std::uint64_t> group_keys_;
    std::vector<std::uint32_t> group_slots_;
    dense_group_sums<std::int64_t> sums_;
    std::uint64_t rows_ = 0;
};

namespace detail {

/// One thread's state while summing: spelling tables and partial sums.
class encounter_worker {
public:
    explicit encounter_worker(std::size_t dimensions) : sums(dimensions), dims_(dimensions), spellings_(dimensions) {}

    // Slots: 0 fiscal year, 1 month, 2 count, 3.. dimensions. Each field is
    // looked up by its raw bytes in a small table of its own (they stay in
    // the L1 cache); a spelling is parsed once, when first seen.
    bool operator()(const raw_field* f, projected_scanner::record_failure& failure) {
        const auto hfy = spelling_table<std::int32_t>::make_key(f[0]);
        const std::int32_t* fy = fy_.find(f[0], hfy);
        if (fy == nullptr) {
            std::string_view why = "expected a fiscal year within the supported years";
            const auto parsed = try_parse_cbp_fiscal_year(f[0].text(), &why);
            if (!parsed || !year_month::try_from_parts(parsed->year.number(), 1) ||
                !year_month::try_from_parts(parsed->year.number() - 1, 1)) {
                failure = {0, f[0].text(), std::string(why)};
                return false;
            }
            fy = &fy_.insert(f[0], hfy, parsed->year.first_month().index());
        }
        const auto hm = spelling_table<std::int32_t>::make_key(f[1]);
        const std::int32_t* mo = month_.find(f[1], hm);
        if (mo == nullptr) {
            std::string_view why;
            const auto m = try_parse_month_abbreviation(f[1].text(), &why);
            if (!m) {
                failure = {1, f[1].text(), std::string(why)};
                return false;
            }
            mo = &month_.insert(f[1], hm, (*m - us_federal::start_month + 12) % 12);
        }
        const std::optional<std::int64_t> count = parse_count(f[2]);
        if (!count) {
            std::string_view why;
            parse_count(f[2], &why);
            failure = {2, f[2].text(), std::string(why)};
            return false;
        }
        std::uint32_t codes[4] = {0, 0, 0, 0};
        for (std::size_t k = 0; k < dims_; ++k) {
            const raw_field& d = f[3 + k];
            const auto h = spelling_table<std::uint32_t>::make_key(d);
            const std::uint32_t* c = spellings_[k].find(d, h);
            if (c == nullptr) c = &spellings_[k].insert(d, h, sums.intern(k, d.text()));
            codes[k] = *c;
        }
        // The group of the codes: through a flat table while the codes are
        // small (the usual case), else through the sums' own hash table.
        std::uint32_t group = 0;
        if (dims_ > 0) {
            std::size_t cell = 0;
            bool small = true;
            for (std::size_t k = 0; k < dims_; ++k) {
                small = small && codes[k] < 64;
                cell = cell * 64 + codes[k];
            }
            if (small && dims_ <= 3) {
                if (cell >= flat_.size()) flat_.resize(std::size_t{1} << (6 * dims_), 0);
                std::uint32_t& slot = flat_[cell];
                if (slot == 0) slot = sums.group_of(codes) + 1;
                group = slot - 1;
            } else {
                group = sums.group_of(codes);
            }
        }
        sums.mutable_sums().add(group, year_month::from_index(*fy + *mo), *count);
        ++rows_;
        return true;
    }

    void finish() {
        sums.add_rows(rows_);
        rows_ = 0;
    }

    encounter_sums sums;

private:
    std::size_t dims_;
    std::vector<spelling_table<std::uint32_t>> spellings_;
    spelling_table<std::int32_t> fy_;     // spelling -> index of the fiscal year's first month
    spelling_table<std::int32_t> month_;  // spelling -> months after the fiscal year's start
    std::vector<std::uint32_t> flat_;     // group + 1 by codes in base 64; 0 = not yet
    std::uint64_t rows_ = 0;
};

}  // namespace detail

/// Sums `columns.count` by (month, dimension values) over every record of the
/// CSV file at `path`, on `threads` threads (0 = as many as the hardware has).
/// The month is the U.S. federal fiscal year's month named by the month
/// column. Throws `parse_error` (file, line, column, field) on bad input and
/// `overflow_error` when a sum does not fit 64 bits. The result does not
/// depend on the number of threads, except for the order of codes.
inline encounter_sums sum_encounters(const std::filesystem::path& path, const encounter_columns& columns,
                                     unsigned threads = 1,
                                     std::size_t chunk_size = projected_scanner::default_chunk_size) {
    if (columns.dimensions.size() > 4) borderstats::detail::raise(error("sum_encounters: at most four dimensions"));
    std::vector<std::string> names{columns.fiscal_year, columns.month, columns.count};
    names.insert(names.end(), columns.dimensions.begin(), columns.dimensions.end());
    const projected_scanner scanner(path, names, csv_options{}, chunk_size);
    const std::size_t dims = columns.dimensions.size();
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    const std::uint64_t begin = scanner.data_begin();
    const std::uint64_t size = scanner.input_size();
    // Small inputs are not worth a thread.
    if (size - begin < std::uint64_t{1} << 20) threads = 1;

    struct part {
        std::uint64_t start = 0;  // where the worker began (a guessed boundary)
        std::uint64_t next = 0;   // the true boundary after its range
        bool ok = false;
        detail::fast_failure failure;
        std::exception_ptr error;
        std::unique_ptr<detail::encounter_worker> worker;
    };
    std::vector<part> parts(threads);
    std::vector<std::uint64_t> cuts(threads + 1);
    for (unsigned k = 0; k <= threads; ++k) cuts[k] = begin + (size - begin) * k / threads;
    cuts[threads] = ~std::uint64_t{0};

    const auto run = [&](unsigned k, std::uint64_t start) {
        part& p = parts[k];
        p.start = start;
        p.error = nullptr;
        const auto work = [&] {
            p.worker = std::make_unique<detail::encounter_worker>(dims);
            p.ok = scanner.try_scan(*p.worker, start, cuts[k + 1], p.next, p.failure);
            p.worker->finish();
        };
#if defined(BORDERSTATS_NO_EXCEPTIONS)
        work();  // without exceptions an overflow aborts where it happens (error.hpp)
#else
        try {
            work();
        } catch (...) {  // overflow_error, bad_alloc: rethrown on the calling thread
            p.error = std::current_exception();
        }
#endif
    };
    {
        std::vector<std::thread> pool;
        for (unsigned k = 1; k < threads; ++k)
            pool.emplace_back([&, k] { run(k, scanner.guess_boundary(cuts[k])); });
        run(0, begin);
        for (auto& t : pool) t.join();
    }
    // Check the guessed starts in order; redo a range whose guess was wrong.
    for (unsigned k = 0; k < threads; ++k) {
        if (k > 0 && parts[k].start != parts[k - 1].next) run(k, parts[k - 1].next);
        if (parts[k].error) std::rethrow_exception(parts[k].error);
        if (!parts[k].ok) borderstats::detail::raise(scanner.failure_to_error(parts[k].failure));
    }
    encounter_sums result = std::move(parts[0].worker->sums);
    for (unsigned k = 1; k < threads; ++k) result.merge(parts[k].worker->sums);
    return result;
}

}  // namespace io
}  // namespace v1
}  // namespace borderstats
