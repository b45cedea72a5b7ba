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

/// `a + b`, or `overflow_error` when an integer result does not fit in `T`.
template <typename T>
constexpr T checked_add(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
        T result{};
        if (__builtin_add_overflow(a, b, &result))
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
        if (__builtin_sub_overflow(a, b, &result))
            detail::raise(overflow_error("difference overflows a " + std::to_string(sizeof(T) * 8) +
                                         "-bit integer: " + std::to_string(a) + " - " + std::to_string(b)));
        return result;
    } else {
        return a - b;
    }
}

/// Converts `value` to `To`, or `overflow_error` when it does not fit.
template <typename To, typename From>
constexpr To checked_cast(From value) {
    if constexpr (std::is_integral_v<To> && std::is_integral_v<From>) {
        To result{};
        if (__builtin_add_overflow(value, From{0}, &result))
            detail::raise(overflow_error("value " + std::to_string(value) + " does not fit the count type"));
        return result;
    } else {
        return static_cast<To>(value);
    }
}

}  // namespace v1
}  // namespace borderstats
