// borderstats/detail/size.hpp: one conversion to std::size_t from a 64-bit
// offset or hash. Where std::size_t and std::uint64_t are one type (LP64), a
// static_cast between them is a "useless cast" to GCC's -Wuseless-cast; on a
// 32-bit target it is a needed narrowing. A template says it once for both, so
// a consumer's strict warnings stay quiet on every target. Not public API.
#pragma once

#include <cstddef>

namespace borderstats {
inline namespace v1 {
namespace detail {

template <class Integer>
constexpr std::size_t to_size(Integer value) noexcept {
    return static_cast<std::size_t>(value);
}

}  // namespace detail
}  // namespace v1
}  // namespace borderstats
