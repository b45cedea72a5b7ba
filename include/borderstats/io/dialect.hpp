// borderstats/io/dialect.hpp: the CSV dialect, written once. Both ways of
// reading a file, the record-at-a-time reader (io/csv.hpp) and the projected
// scanner of the fast path (io/fast_scan.hpp), take their rules, their byte
// classifier, their limits and their error messages from here, so they give
// the same verdict, line, column and message on every input (the
// `fuzz_dialect` target checks it).
//
//   io::csv_options o;              // ',' and '"', the limits below
//   o.delimiter = ';';
//
// The rules (each tested in tests/test_dialect.cpp):
// - Line ends are CRLF, LF or a lone CR, mixed freely. Blank lines carry no
//   record and are skipped anywhere, before the header too; they count for
//   line numbers.
// - A UTF-8 byte-order mark at the very start is skipped (columns on line 1
//   count after it); anywhere else it is an error. A NUL byte anywhere is an
//   error, in every column, read or not.
// - Quoting is RFC 4180 and strict: a quote opens a field only at its start,
//   a closing quote is followed by the delimiter or a line end, an unclosed
//   quote is an error at the quote.
// - Limits (csv_options; errors name file:line:column): a record holds at
//   most `max_record_bytes` bytes (16 MiB) before its line end, and at most
//   `max_fields` fields (1,048,576); once a header is read, a record may not
//   hold more fields than it, and is refused at the first field too many as
//   soon as it is seen. So a reader holds at most one record of 16 MiB and
//   the fields of one record, whatever the input: a 100 MB line of commas or
//   a file with no line end at all is refused after 16 MiB.
// - A file cut short: a last record without a line end whose last field is
//   an unquoted count is refused at that count by the CBP reader and the fast
//   path alike ("appears cut short"): cutting 3 bytes off a file turns a last
//   count of 705 into 70, and a file still being written looks the same. A
//   quoted count (its closing quote shows it is whole), a last column of
//   text, or a final line end are read. Every bundled file ends with one.
// - Errors of this layer name the column they are in once a header is known
//   (a field too many and a record too long name none).
// - Header names are matched after `normalize_column_name` (ASCII lower case,
//   runs of other characters than letters and digits become one '_'): "Month
//   (abbv)", "month_abbv" and "MONTH (ABBV)" are one column, and a header that
//   holds two spellings of one name is an error at the second.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__) && !defined(BORDERSTATS_CSV_NO_SIMD)
#include <emmintrin.h>
#define BORDERSTATS_CSV_SSE2 1
#endif

#include "../error.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

/// The largest record (bytes before its line end) a reader accepts by default.
inline constexpr std::size_t csv_default_max_record_bytes = std::size_t{1} << 24;
/// The most fields a record may have by default (a header, or any record of
/// a reader without a header).
inline constexpr std::size_t csv_default_max_fields = std::size_t{1} << 20;

/// The dialect: which byte separates fields, which one quotes them, and the
/// limits that keep memory bounded on hostile input.
struct csv_options {
    char delimiter = ',';
    char quote = '"';
    std::size_t max_record_bytes = csv_default_max_record_bytes;
    std::size_t max_fields = csv_default_max_fields;
};

/// A header name as the readers compare it: ASCII lower case, every run of
/// characters other than letters and digits one '_', none at either end.
BORDERSTATS_ONCE inline std::string normalize_column_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    bool pending_separator = false;
    for (char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            pending_separator = true;
            continue;
        }
        if (pending_separator && !out.empty()) out += '_';
        pending_separator = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

namespace detail {

// ------------------------------------------------------------ CLASSIFIER

/// The bytes of a dialect, ready for the classifier.
struct csv_needles {
    char delimiter = ',';
    char quote = '"';
#if defined(BORDERSTATS_CSV_SSE2)
    __m128i v_delim{};
    __m128i v_quote{};
    __m128i v_cr{};
    __m128i v_lf{};
    __m128i v_nul{};
    __m128i v_ef{};
#endif
    explicit csv_needles(const csv_options& o = {}) noexcept : delimiter(o.delimiter), quote(o.quote) {
#if defined(BORDERSTATS_CSV_SSE2)
        v_delim = _mm_set1_epi8(o.delimiter);
        v_quote = _mm_set1_epi8(o.quote);
        v_cr = _mm_set1_epi8('\r');
        v_lf = _mm_set1_epi8('\n');
        v_nul = _mm_setzero_si128();
        v_ef = _mm_set1_epi8('\xEF');
#endif
    }
};

/// The classes of the bytes of one 64-byte block, bit k for byte k.
struct csv_masks {
    std::uint64_t quote;
    std::uint64_t structural;  // delimiter, CR, LF
    std::uint64_t odd;         // NUL, and 0xEF (the first byte of a BOM)
};

/// 8 bytes at a time with the zero-byte test; a word with a hit is looked at
/// byte by byte (endian-neutral). All 64 bytes at `p` must be readable.
inline csv_masks csv_block_masks_portable(const char* p, const csv_needles& nd) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    const std::uint64_t wq = ones * static_cast<unsigned char>(nd.quote);
    const std::uint64_t wd = ones * static_cast<unsigned char>(nd.delimiter);
    const std::uint64_t wcr = ones * '\r';
    const std::uint64_t wlf = ones * '\n';
    const std::uint64_t wef = ones * 0xEF;
    const auto has = [](std::uint64_t x) { return (x - ones) & ~x & highs; };
    csv_masks m{0, 0, 0};
    for (unsigned i = 0; i < 64; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if ((has(w ^ wq) | has(w ^ wd) | has(w ^ wcr) | has(w ^ wlf) | has(w) | has(w ^ wef)) == 0) continue;
        for (unsigned k = 0; k < 8; ++k) {
            const char c = p[i + k];
            m.quote |= std::uint64_t{c == nd.quote} << (i + k);
            m.structural |= std::uint64_t{c == nd.delimiter || c == '\r' || c == '\n'} << (i + k);
            m.odd |= std::uint64_t{c == '\0' || c == '\xEF'} << (i + k);
        }
    }
    return m;
}

#if defined(BORDERSTATS_CSV_SSE2)
/// As `csv_block_masks_portable`, 16 bytes at a time with SSE2. The odd bytes
/// are rare: one movemask for the whole block says whether to look for them.
inline csv_masks csv_block_masks_sse2(const char* p, const csv_needles& nd) noexcept {
    csv_masks m{0, 0, 0};
    __m128i any_odd = _mm_setzero_si128();
    __m128i odd[4];
    for (unsigned i = 0; i < 64; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i s = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, nd.v_delim), _mm_cmpeq_epi8(v, nd.v_cr)),
                                       _mm_cmpeq_epi8(v, nd.v_lf));
        odd[i / 16] = _mm_or_si128(_mm_cmpeq_epi8(v, nd.v_nul), _mm_cmpeq_epi8(v, nd.v_ef));
        any_odd = _mm_or_si128(any_odd, odd[i / 16]);
        m.quote |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nd.v_quote)))} << i;
        m.structural |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(s))} << i;
    }
    if (_mm_movemask_epi8(any_odd) != 0)
        for (unsigned i = 0; i < 4; ++i)
            m.odd |= std::uint64_t{static_cast<unsigned>(_mm_movemask_epi8(odd[i]))} << (16 * i);
    return m;
}
#endif

/// The classifier both readers use: SSE2 where available, else portable.
/// Define BORDERSTATS_CSV_NO_SIMD to force the portable code.
inline csv_masks csv_block_masks(const char* p, const csv_needles& nd) noexcept {
#if defined(BORDERSTATS_CSV_SSE2)
    return csv_block_masks_sse2(p, nd);
#else
    return csv_block_masks_portable(p, nd);
#endif
}

/// As `csv_block_masks` for the `n` bytes at `p` when fewer than 64 may be
/// readable: bits at and past `n` are clear.
inline csv_masks csv_block_masks_partial(const char* p, std::size_t n, const csv_needles& nd) noexcept {
    if (n >= 64) return csv_block_masks(p, nd);
    char block[64] = {};
    std::memcpy(block, p, n);
    csv_masks m = csv_block_masks(block, nd);
    const std::uint64_t valid = (std::uint64_t{1} << n) - 1;
    m.quote &= valid;
    m.structural &= valid;
    m.odd &= valid;
    return m;
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

/// Whether a BOM starts at p[i] given n readable bytes: yes, no, or "cannot
/// tell yet" when the bytes so far match and more may follow.
enum class bom_check { no, yes, need_more };
inline bom_check bom_at(const char* p, std::size_t i, std::size_t n, bool final) noexcept {
    static constexpr unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    const std::size_t available = n - i < 3 ? n - i : 3;
    for (std::size_t k = 0; k < available; ++k)
        if (static_cast<unsigned char>(p[i + k]) != bom[k]) return bom_check::no;
    if (available == 3) return bom_check::yes;
    return final ? bom_check::no : bom_check::need_more;
}

// -------------------------------------------------------------- MESSAGES

/// The error messages of the dialect: both readers build them here.
struct csv_messages {
    static constexpr std::string_view nul_text = "\\0";
    static constexpr std::string_view nul = "expected text, found a NUL byte (is this a binary or UTF-16 file?)";
    static constexpr std::string_view bom_text = "\\xEF\\xBB\\xBF";
    static constexpr std::string_view bom =
        "expected text, found a UTF-8 byte-order mark after the start of the input (were two files concatenated?)";
    static constexpr std::string_view quote_in_unquoted =
        "expected no quote inside an unquoted field (quote the whole field and double the quotes inside it)";
    static constexpr std::string_view unclosed_quote =
        "expected a closing quote for the field opened here, found the end of the input";
    static constexpr std::string_view empty_input = "expected a header line, found an empty input";

    BORDERSTATS_COLD static std::string delimiter_name(char delimiter) {
        if (delimiter == '\t') return "tab";
        return std::string("'") + delimiter + "'";
    }
    BORDERSTATS_COLD static std::string after_closing_quote(char delimiter) {
        return "expected the delimiter " + delimiter_name(delimiter) + " or the end of the line after a closing quote";
    }
    /// A record with more fields than `limit`: the header's width
    /// (`from_header`) or the reader's limit.
    BORDERSTATS_COLD static std::string too_many_fields(std::size_t limit, bool from_header) {
        if (from_header) return "expected " + std::to_string(limit) + " fields as in the header, found more";
        return "expected at most " + std::to_string(limit) + " fields in a record (the reader's limit), found more";
    }
    BORDERSTATS_COLD static std::string too_few_fields(std::size_t want, std::size_t have) {
        return "expected " + std::to_string(want) + " fields as in the header, found " + std::to_string(have) +
               ": the row ends before this column";
    }
    BORDERSTATS_COLD static std::string record_too_long(std::size_t limit) {
        return "expected a record of at most " + std::to_string(limit) +
               " bytes before its line end, found a longer one (is this a CSV file with line ends?)";
    }
    BORDERSTATS_COLD static std::string cut_short(std::string_view what) {
        return "expected a line end after the last " + std::string(what) +
               ": the file ends inside it, so it appears cut short (a file still being written, or a partial "
               "download)";
    }
};

}  // namespace detail
}  // namespace io
}  // namespace v1
}  // namespace borderstats
