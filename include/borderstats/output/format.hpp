// borderstats/output/format.hpp: numbers as statements print them.
//
// Locale-free (a library must not depend on the user's global locale):
//   format_count(144278)            "144,278"
//   format_percent(31.84, 1)        "+31.8%"   (sign shown, halves away from zero)
//   format_percent(31.84)           "+32%"
//   format_percent(std::nullopt)    "n/a"      (a percent change from zero)
//   format_points(percentage_points{2.04}, 1)  "+2.0 pp"
// A value that rounds to zero prints without a sign ("0.0%").
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "../change.hpp"
#include "../detail/float.hpp"

namespace borderstats {
inline namespace v1 {

/// An integer with a comma every three digits: "1,234,567", "-12,000".
template <typename Integer, typename = std::enable_if_t<std::is_integral_v<Integer>>>
std::string format_count(Integer value, char separator = ',') {
    const bool negative = value < 0;
    // Work on the magnitude as unsigned so the most negative value is safe.
    using U = std::make_unsigned_t<std::conditional_t<(sizeof(Integer) < sizeof(long long)), long long, Integer>>;
    U magnitude = negative ? U(0) - static_cast<U>(value) : static_cast<U>(value);
    // Room for 128-bit integers (where the compiler has them): 39 digits,
    // 12 separators and a sign.
    constexpr int size = 64;
    char buffer[size];
    int pos = size;
    int digits = 0;
    do {
        if (digits > 0 && digits % 3 == 0) buffer[--pos] = separator;
        buffer[--pos] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
        ++digits;
    } while (magnitude != 0);
    if (negative) buffer[--pos] = '-';
    return std::string(buffer + pos, static_cast<std::size_t>(size - pos));
}

namespace detail {
/// `value` (finite, not negative) with `decimals` places, every digit of it
/// (1e300 has 301), in the "C" locale's form that printf gives.
inline std::string fixed_text(double value, int decimals) {
    const int size = std::snprintf(nullptr, 0, "%.*f", decimals, value);
    if (size <= 0) return "n/a";
    std::string out(static_cast<std::size_t>(size) + 1, '\0');
    std::snprintf(&out[0], out.size(), "%.*f", decimals, value);
    out.resize(static_cast<std::size_t>(size));
    return out;
}

/// A finite `value` rounded half away from zero to `decimals` places (0..9),
/// and the digits of its magnitude with that many places.
struct rounded_text {
    double rounded;
    std::string magnitude;
};
inline rounded_text round_for_text(double value, int decimals) {
    decimals = clamp_decimals(decimals);
    const double rounded = round_half_away_from_zero(value, decimals);
    return {rounded, fixed_text(fp_fabs(rounded), decimals)};
}
}  // namespace detail

/// A floating-point figure with `decimals` places and thousands separators.
inline std::string format_number(double value, int decimals = 0, char separator = ',') {
    if (!detail::fp_isfinite(value)) return "n/a";
    const auto [rounded, digits] = detail::round_for_text(value, decimals);
    const std::size_t dot = digits.find('.');
    std::string integer_part = digits.substr(0, dot);
    std::string out;
    for (std::size_t i = 0; i < integer_part.size(); ++i) {
        if (i > 0 && (integer_part.size() - i) % 3 == 0) out += separator;
        out += integer_part[i];
    }
    if (dot != std::string::npos) out += digits.substr(dot);
    const bool is_zero = rounded == 0.0;
    return (rounded < 0 && !is_zero) ? "-" + out : out;
}

namespace detail {
inline std::string signed_fixed(double value, int decimals, std::string_view unit) {
    if (!detail::fp_isfinite(value)) return "n/a";
    const auto [rounded, magnitude] = round_for_text(value, decimals);
    std::string out;
    if (rounded > 0) out += '+';
    if (rounded < 0) out += '-';
    out += magnitude;
    out += unit;
    return out;
}
}  // namespace detail

/// "+31.8%" / "-4%" / "0%": a percent with its sign, rounded half away from zero.
inline std::string format_percent(double value, int decimals = 0) { return detail::signed_fixed(value, decimals, "%"); }

/// As above; `undefined` (default "n/a") for an empty optional.
inline std::string format_percent(const std::optional<double>& value, int decimals = 0,
                                  std::string_view undefined = "n/a") {
    return value ? format_percent(*value, decimals) : std::string(undefined);
}

/// A share, unsigned: "12.5%".
inline std::string format_share(percent value, int decimals = 1) {
    return format_number(value.value(), decimals) + "%";
}

/// "+2.0 pp".
inline std::string format_points(percentage_points value, int decimals = 1) {
    return detail::signed_fixed(value.value(), decimals, " pp");
}

}  // namespace v1
}  // namespace borderstats
