// borderstats/detail/float.hpp: the few floating-point functions the core
// needs (rounding and formatting percents), without <cmath> where the
// compiler has them built in (GCC, Clang). <cmath> alone costs about as much
// compile time as the rest of the core, and every user of the umbrella header
// would pay it (benchmarks/README.md, "Compile time"). Not public API.
#pragma once

#if !(defined(__GNUC__) || defined(__clang__))
#include <cmath>
#endif

namespace borderstats {
inline namespace v1 {
namespace detail {

#if defined(__GNUC__) || defined(__clang__)
constexpr bool fp_isfinite(double x) noexcept { return __builtin_isfinite(x); }
constexpr double fp_fabs(double x) noexcept { return __builtin_fabs(x); }
inline double fp_trunc(double x) noexcept { return __builtin_trunc(x); }
inline double fp_round(double x) noexcept { return __builtin_round(x); }
inline double fp_copysign(double magnitude, double sign) noexcept { return __builtin_copysign(magnitude, sign); }
#else
inline bool fp_isfinite(double x) noexcept { return std::isfinite(x); }
inline double fp_fabs(double x) noexcept { return std::fabs(x); }
inline double fp_trunc(double x) noexcept { return std::trunc(x); }
inline double fp_round(double x) noexcept { return std::round(x); }
inline double fp_copysign(double magnitude, double sign) noexcept { return std::copysign(magnitude, sign); }
#endif

}  // namespace detail
}  // namespace v1
}  // namespace borderstats
