// borderstats/chrono.hpp: interop with C++20 std::chrono::year_month.
//
// Defines BORDERSTATS_HAS_CHRONO_CALENDAR to 1 when the standard library has
// the C++20 calendar types, and then:
//   to_chrono(ym)      -> std::chrono::year_month
//   from_chrono(cym)   -> borderstats::year_month (throws bad_month when !cym.ok())
//   to_year_month(ymd) -> the month of a std::chrono::year_month_day
// Elsewhere (C++17) it defines BORDERSTATS_HAS_CHRONO_CALENDAR to 0 and
// nothing else, so it can be included unconditionally.
#pragma once

#include <version>

#include "calendar.hpp"
#include "error.hpp"

// libstdc++ 11-13 ship the calendar types in C++20 mode but announce
// __cpp_lib_chrono 201907 only once time zones are complete (GCC 14).
#if __cplusplus >= 202002L && \
    ((defined(__cpp_lib_chrono) && __cpp_lib_chrono >= 201907L) || \
     (defined(_GLIBCXX_RELEASE) && _GLIBCXX_RELEASE >= 11) || (defined(_LIBCPP_VERSION) && _LIBCPP_VERSION >= 17000))
#define BORDERSTATS_HAS_CHRONO_CALENDAR 1
#else
#define BORDERSTATS_HAS_CHRONO_CALENDAR 0
#endif

#if BORDERSTATS_HAS_CHRONO_CALENDAR
#include <chrono>

namespace borderstats {
inline namespace v1 {

constexpr std::chrono::year_month to_chrono(year_month ym) noexcept {
    return std::chrono::year{ym.year()} / std::chrono::month{static_cast<unsigned>(ym.month())};
}

constexpr year_month from_chrono(std::chrono::year_month cym) {
    if (!cym.ok()) detail::raise(bad_month("std::chrono::year_month is not a valid month"));
    return year_month{static_cast<int>(cym.year()), static_cast<int>(static_cast<unsigned>(cym.month()))};
}

constexpr year_month to_year_month(std::chrono::year_month_day ymd) {
    return from_chrono(ymd.year() / ymd.month());
}

constexpr std::chrono::months to_chrono(months m) noexcept { return std::chrono::months{m.count()}; }

}  // namespace v1
}  // namespace borderstats
#endif
