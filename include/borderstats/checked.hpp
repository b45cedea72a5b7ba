// borderstats/checked.hpp: exact arithmetic on counts.
//
// Sums of counts never wrap: integer additions here are checked and throw
// `overflow_error` instead. Sums of 8-, 16- and 32-bit counts accumulate in 64
// bits (`sum_t<std::int32_t>` is `std::int64_t`), so a year of int32 monthly
// counts cannot overflow its sum type; an int64 sum can, and is checked.
// Floating-point counts are summed as they are (no check: they saturate to
// infinity rather than wrap, and a user who stores counts in double has
// chosen that).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "error.hpp"

namespace borderstats {
inline namespace v1 {

namespace detail {
template <typename T, bool = std::is_integral_v<T>, bool = std::is_signed_v<T>>
struct sum_type_of {
    using type = T;  // floating point
};
template <typename T>
struct sum_type_of<T, true, true> {
    using type = std::conditional_t<(sizeof(T) <= sizeof(std::int64_t)), std::int64_t, T>;
};
template <typename T>
struct sum_type_of<T, true, false> {
    using type = std::conditional_t<(sizeof(T) <= sizeof(std::uint64_t)), std::uint64_t, T>;
};
}  // namespace detail

/// The type sums of `T` are kept in: 64-bit for integers, `T` for floating point.
template <typename T>
using sum_t = typename detail::sum_type_of<T>::type;

/// True for the types a count may have: arithmetic, but not bool or a
/// character type.
template <typename T>
inline constexpr bool is_count_type_v =
    std::is_arithmetic_v<T> && !std::is_same_v<std::remove_cv_t<T>, bool> &&
    !std::is_same_v<std::remove_cv_t<T>, char> && !std::is_same_v<std::remove_cv_t<T>, signed char> &&
    !std::is_same_v<std::remove_cv_t<T>, unsigned char>;

namespace detail {
// Overflow-checked integer arithmetic on operands and results of any integer
// types up to 64 bits. GCC and Clang have builtins for it; elsewhere (MSVC)
// the portable form below does the same in sign-and-magnitude, so that the
// library does not depend on one compiler family. Both are tested against
// each other (tests/test_checked.cpp).
struct magnitude {
    bool negative;
    std::uint64_t value;  // |x|, up to 2^64 - 1
};

template <typename I>
constexpr magnitude magnitude_of(I x) noexcept {
    if constexpr (std::is_signed_v<I>) {
        if (x < 0) return {true, std::uint64_t{0} - static_cast<std::uint64_t>(static_cast<std::int64_t>(x))};
    }
    return {false, static_cast<std::uint64_t>(x)};
}

// Stores `m` in `*out` when it fits `R`; returns true on overflow.
template <typename R>
constexpr bool store_magnitude(magnitude m, R* out) noexcept {
    if (!m.negative || m.value == 0) {
        if (m.value > static_cast<std::uint64_t>(std::numeric_limits<R>::max())) return true;
        *out = static_cast<R>(m.value);
        return false;
    }
    if constexpr (std::is_signed_v<R>) {
        // |min| = max + 1 for two's complement types.
        const std::uint64_t limit = static_cast<std::uint64_t>(std::numeric_limits<R>::max()) + 1;
        if (m.value > limit) return true;
        // -(value - 1) - 1 never leaves the range of R.
        *out = static_cast<R>(-static_cast<R>(m.value - 1) - R{1});
        return false;
    } else {
        return true;
    }
}

// x + y stored in `*out`; true on overflow.
template <typename R>
constexpr bool add_magnitudes(magnitude x, magnitude y, R* out) noexcept {
    if (x.negative == y.negative) {
        const std::uint64_t sum = x.value + y.value;
        if (sum < x.value) return true;  // carried out of 64 bits: fits no R
        return store_magnitude(magnitude{x.negative, sum}, out);
    }
    if (x.value >= y.value) return store_magnitude(magnitude{x.negative, x.value - y.value}, out);
    return store_magnitude(magnitude{y.negative, y.value - x.value}, out);
}

template <typename A, typename B, typename R>
constexpr bool portable_add_overflow(A a, B b, R* out) noexcept {
    static_assert(sizeof(A) <= 8 && sizeof(B) <= 8 && sizeof(R) <= 8, "integers of up to 64 bits");
    return add_magnitudes(magnitude_of(a), magnitude_of(b), out);
}

template <typename A, typename B, typename R>
constexpr bool portable_sub_overflow(A a, B b, R* out) noexcept {
    static_assert(sizeof(A) <= 8 && sizeof(B) <= 8 && sizeof(R) <= 8, "integers of up to 64 bits");
    magnitude minus_b = magnitude_of(b);
    minus_b.negative = !minus_b.negative && minus_b.value != 0;
    return add_magnitudes(magnitude_of(a), minus_b, out);
}

// `*out = a + b` and `*out = a - b`; true when the exact result does not fit `R`.
#if defined(__GNUC__) || defined(__clang__)
template <typename A, typename B, typename R>
constexpr bool add_overflow(A a, B b, R* out) noexcept { return __builtin_add_overflow(a, b, out); }
template <typename A, typename B, typename R>
constexpr bool sub_overflow(A a, B b, R* out) noexcept { return __builtin_sub_overflow(a, b, out); }
#else
template <typename A, typename B, typename R>
constexpr bool add_overflow(A a, B b, R* out) noexcept { return portable_add_overflow(a, b, out); }
template <typename A, typename B, typename R>
constexpr bool sub_overflow(A a, B b, R* out) noexcept { return portable_sub_overflow(a, b, out); }
#endif
}  // namespace detail

/// `a + b`, or `overflow_error` when an integer result does not fit in `T`.
template <typename T>
constexpr T checked_add(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
        T result{};
        if (detail::add_overflow(a, b, &result))
            detail::raise(overflow_error("sum overflows a " + std::to_string(sizeof(T) * 8) + "-bit integer: " +
                                         std::to_string(a) + " + " + std::to_string(b)));
        return result;
    } else {
        return a + b;
    }
}

/// `a - b`, or `overflow_error` when an integer result does not fit in `T`.
template <typename T>
constexpr T checked_sub(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
        T result{};
        if (detail::sub_overflow(a, b, &result))
            detail::raise(overflow_error("difference overflows a " + std::to_string(sizeof(T) * 8) +
                                         "-bit integer: " + std::to_string(a) + " - " + std::to_string(b)));
        return result;
    } else {
        return a - b;
    }
}

namespace detail {
/// 2^n in floating-point type F, exactly.
template <typename F>
constexpr F power_of_two(int n) noexcept {
    F out = 1;
    for (int i = 0; i < n; ++i) out *= 2;
    return out;
}
}  // namespace detail

/// Converts `value` to `To`, or `overflow_error` when it does not fit. A
/// floating-point value fits an integer type only when it is a whole number
/// in its range: 2.7, NaN and 1e30 are refused, never truncated.
template <typename To, typename From>
constexpr To checked_cast(From value) {
    if constexpr (std::is_integral_v<To> && std::is_integral_v<From>) {
        To result{};
        if (detail::add_overflow(value, From{0}, &result))
            detail::raise(overflow_error("value " + std::to_string(value) + " does not fit the count type"));
        return result;
    } else if constexpr (std::is_integral_v<To> && std::is_floating_point_v<From>) {
        // [low, high) in From, both exact: -2^digits (or 0) and 2^digits.
        constexpr From high = detail::power_of_two<From>(std::numeric_limits<To>::digits);
        constexpr From low = std::is_signed_v<To> ? -high : From{0};
        if (!(value >= low && value < high) || static_cast<From>(static_cast<To>(value)) != value)
            detail::raise(overflow_error("value " + std::to_string(value) +
                                         " is not a whole number that fits the count type"));
        return static_cast<To>(value);
    } else {
        return static_cast<To>(value);
    }
}

}  // namespace v1
}  // namespace borderstats
