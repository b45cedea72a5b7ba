// borderstats/civil_date.hpp: a day of the Gregorian calendar.
//
// A `civil_date` is a plain {year, month, day} with no time and no time zone:
// the day a release was published, the day a statement was made. Months are
// what border statistics count in (calendar.hpp); days are only for *when*
// something was known:
//
//     constexpr civil_date statement{2019, 6, 5};
//     static_assert(civil_date::end_of(year_month{2019, 2}) == civil_date{2019, 2, 28});
//
// Aggregate initialisation does not check the parts: use it for dates known
// good, and `civil_date::try_from_parts` (an empty optional for February 30 or
// month 13) for anything read from outside. io/fields.hpp reads "YYYY-MM-DD"
// (`io::try_parse_iso_date`); `to_string` writes it.
#pragma once

#include <optional>
#include <string>

#include "calendar.hpp"

namespace borderstats {
inline namespace v1 {

/// A day of the Gregorian calendar. Build it with `civil_date::try_from_parts`
/// (checked) or aggregate-initialise it when the parts are known good.
struct civil_date {
    int year = 1970;
    int month = 1;
    int day = 1;

    static constexpr bool leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
    /// Days in month `m` of year `y`; 0 for a month outside 1..12.
    static constexpr int days_in_month(int y, int m) noexcept {
        constexpr int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (m < 1 || m > 12) return 0;
        return (m == 2 && leap(y)) ? 29 : days[m - 1];
    }
    /// The date, or an empty optional when month or day does not exist.
    static constexpr std::optional<civil_date> try_from_parts(int y, int m, int d) noexcept {
        if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
        return civil_date{y, m, d};
    }
    [[deprecated("use civil_date::try_from_parts (borderstats 0.2)")]]
    static constexpr std::optional<civil_date> from_parts(int y, int m, int d) noexcept {
        return try_from_parts(y, m, d);
    }
    /// The last day of a month.
    static constexpr civil_date end_of(year_month ym) noexcept {
        return civil_date{ym.year(), ym.month(), days_in_month(ym.year(), ym.month())};
    }

    constexpr year_month month_of() const { return year_month{year, month}; }

    /// "2019-06-05"; the year has at least four digits ("0220-05-29"), as
    /// `try_parse_iso_date` reads it.
    std::string to_string() const {
        std::string out = std::to_string(year);
        if (year >= 0 && out.size() < 4) out.insert(0, 4 - out.size(), '0');
        out += month < 10 ? "-0" : "-";
        out += std::to_string(month);
        out += day < 10 ? "-0" : "-";
        out += std::to_string(day);
        return out;
    }

    friend constexpr bool operator==(const civil_date& a, const civil_date& b) noexcept {
        return a.year == b.year && a.month == b.month && a.day == b.day;
    }
    friend constexpr bool operator!=(const civil_date& a, const civil_date& b) noexcept { return !(a == b); }
    friend constexpr bool operator<(const civil_date& a, const civil_date& b) noexcept {
        if (a.year != b.year) return a.year < b.year;
        if (a.month != b.month) return a.month < b.month;
        return a.day < b.day;
    }
    friend constexpr bool operator>(const civil_date& a, const civil_date& b) noexcept { return b < a; }
    friend constexpr bool operator<=(const civil_date& a, const civil_date& b) noexcept { return !(b < a); }
    friend constexpr bool operator>=(const civil_date& a, const civil_date& b) noexcept { return !(a < b); }
};

}  // namespace v1
}  // namespace borderstats
