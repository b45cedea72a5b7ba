// The portable overflow checks (used where GCC's and Clang's builtins are not
// available, e.g. MSVC) against an independent oracle: the exact result in
// 128-bit arithmetic and the range of the result type. Every pair of edge
// values of every operand type, into every result type.
#include <doctest/doctest.h>

#include <borderstats/checked.hpp>

#include <cstdint>
#include <limits>
#include <vector>

namespace bs = borderstats;

#if defined(__SIZEOF_INT128__)
namespace {
__extension__ using i128 = __int128;

template <typename T>
std::vector<T> edge_values() {
    using L = std::numeric_limits<T>;
    std::vector<T> v{L::min(), static_cast<T>(L::min() + 1), T{0}, T{1}, T{2}, static_cast<T>(L::max() - 1), L::max(),
                     static_cast<T>(L::max() / 2), static_cast<T>(L::max() / 2 + 1)};
    if constexpr (L::is_signed) {
        v.push_back(T{-1});
        v.push_back(T{-2});
        v.push_back(static_cast<T>(L::min() / 2));
    }
    return v;
}

template <typename R>
bool fits(i128 x) {
    return x >= static_cast<i128>(std::numeric_limits<R>::min()) &&
           x <= static_cast<i128>(std::numeric_limits<R>::max());
}

template <typename A, typename B, typename R>
void check_pairs() {
    for (A a : edge_values<A>())
        for (B b : edge_values<B>()) {
            const i128 sum = static_cast<i128>(a) + static_cast<i128>(b);
            const i128 diff = static_cast<i128>(a) - static_cast<i128>(b);
            R r{};
            const bool add_over = bs::detail::portable_add_overflow(a, b, &r);
            CHECK(add_over == !fits<R>(sum));
            if (!add_over) CHECK(static_cast<i128>(r) == sum);
            R d{};
            const bool sub_over = bs::detail::portable_sub_overflow(a, b, &d);
            CHECK(sub_over == !fits<R>(diff));
            if (!sub_over) CHECK(static_cast<i128>(d) == diff);
        }
}

template <typename A, typename B>
void check_into_all() {
    check_pairs<A, B, std::int8_t>();
    check_pairs<A, B, std::uint8_t>();
    check_pairs<A, B, std::int32_t>();
    check_pairs<A, B, std::uint32_t>();
    check_pairs<A, B, std::int64_t>();
    check_pairs<A, B, std::uint64_t>();
}

template <typename A>
void check_with_all() {
    check_into_all<A, std::int8_t>();
    check_into_all<A, std::uint16_t>();
    check_into_all<A, std::int32_t>();
    check_into_all<A, std::uint32_t>();
    check_into_all<A, std::int64_t>();
    check_into_all<A, std::uint64_t>();
}
}  // namespace

TEST_CASE("portable overflow checks agree with exact 128-bit arithmetic on every edge value") {
    check_with_all<std::int8_t>();
    check_with_all<std::uint16_t>();
    check_with_all<std::int32_t>();
    check_with_all<std::uint32_t>();
    check_with_all<std::int64_t>();
    check_with_all<std::uint64_t>();
}
#endif

TEST_CASE("portable overflow checks at the int64 limits, by hand") {
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
    std::int64_t r = 0;
    CHECK(bs::detail::portable_add_overflow(max, std::int64_t{1}, &r));
    CHECK_FALSE(bs::detail::portable_add_overflow(max, std::int64_t{-1}, &r));
    CHECK(r == max - 1);
    CHECK(bs::detail::portable_sub_overflow(min, std::int64_t{1}, &r));
    CHECK_FALSE(bs::detail::portable_sub_overflow(std::int64_t{-1}, min, &r));
    CHECK(r == max);
    CHECK_FALSE(bs::detail::portable_add_overflow(std::uint64_t{1} << 63, std::int64_t{-1}, &r));
    CHECK(r == max);
    std::uint64_t u = 0;
    CHECK(bs::detail::portable_sub_overflow(std::uint64_t{0}, std::uint64_t{1}, &u));
    CHECK_FALSE(bs::detail::portable_sub_overflow(std::int64_t{0}, min, &u));
    CHECK(u == std::uint64_t{1} << 63);
    // constexpr as the builtins are.
    static_assert([] {
        std::int32_t x = 0;
        return !bs::detail::portable_add_overflow(std::int32_t{2'000'000'000}, std::int32_t{147'483'647}, &x) &&
               x == std::numeric_limits<std::int32_t>::max();
    }());
}
