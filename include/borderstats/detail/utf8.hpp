// borderstats/detail/utf8.hpp: one UTF-8 decoder for the writers that must
// produce valid text from bytes read byte-exact from agency files (JSON in
// io/write.hpp, SVG/XML in chart.hpp). Not public API.
#pragma once

#include <cstddef>
#include <cstdint>

namespace borderstats {
inline namespace v1 {
namespace detail {

/// One decoded sequence: its length in bytes (0 when the bytes at the
/// position are not valid UTF-8) and its code point.
struct utf8_sequence {
    std::size_t length;
    std::uint32_t code_point;
};

/// Decodes the sequence at `p` (of `n` > 0 bytes left). Rejects what RFC 3629
/// rejects: overlong forms, surrogates, code points above U+10FFFF, and
/// truncated or ill-formed sequences.
constexpr utf8_sequence decode_utf8(const unsigned char* p, std::size_t n) noexcept {
    const unsigned char c = p[0];
    if (c < 0x80) return {1, c};
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        cp = c & 0x07u;
    } else {
        return {0, 0};
    }
    if (length > n) return {0, 0};
    for (std::size_t k = 1; k < length; ++k) {
        if ((p[k] & 0xC0) != 0x80) return {0, 0};
        cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return {0, 0};
    return {length, cp};
}

/// U+FFFD, the replacement character, in UTF-8.
inline constexpr char utf8_replacement[] = "\xEF\xBF\xBD";

}  // namespace detail
}  // namespace v1
}  // namespace borderstats
