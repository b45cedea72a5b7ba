// borderstats/fiscal.hpp: fiscal-year calendars, fiscal years and quarters.
//
// A fiscal calendar is fixed at compile time by the month its years start in
// and by the rule that names them. Presets:
//
//   us_federal     starts in October, named by the year it ends in:
//                  FY2019 = October 2018 .. September 2019; label "FY2019"
//   calendar_year  starts in January, each year named by itself; label "2019"
//                  (Mexico, and any plain calendar-year statistic)
//   uk             starts in April, named by the year it starts in:
//                  2019-20 = April 2019 .. March 2020; label "2019-20"
//                  (also the shape of Japan's and India's fiscal years)
//   australia      starts in July, named by the year it ends in:
//                  FY2019 = July 2018 .. June 2019; label "FY2019"
//
// CASE STUDY: "which months are FY2019?" is the question fiscal-calendar code
// most often gets one year wrong. Here it cannot be asked without naming the
// calendar: `fiscal_year<us_federal>{2019}` and `fiscal_year<uk>{2019}` are
// different types, and comparing or mixing them does not compile. The number
// inside a fiscal year is always its *name* ("FY2019" holds 2019), never the
// calendar year it starts in, whichever way the calendar names its years.
//
// Labels found in real files are read by `parse_fiscal_year`: "2019",
// "FY2019", "FY 2019", "fy2019", "2025 (FYTD)" (CBP's mark for a year still
// under way: the result says the year is incomplete), and, for every calendar
// whose years straddle two calendar years (all but January starts), the
// spans "2019-20", "2019-2020" and "2019/20": a span names its two calendar
// years, so it is unambiguous whatever the calendar's own label style
// ("2019-20" is FY2020 for us_federal, 2019-20 for uk). Spans must name
// consecutive years.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "calendar.hpp"
#include "error.hpp"

namespace borderstats {
inline namespace v1 {

/// How a fiscal year that straddles two calendar years is named.
enum class fiscal_naming : std::uint8_t {
    by_end_year,   ///< FY2019 ends in 2019 (U.S. federal, Australia)
    by_start_year  ///< 2019-20 starts in 2019 (United Kingdom, Japan, India)
};

/// How a fiscal year is printed.
enum class fiscal_label_style : std::uint8_t {
    fy_prefix,   ///< "FY2019"
    plain_year,  ///< "2019"
    year_span    ///< "2019-20"
};

/// A fiscal calendar: the month its years start in (1..12), how they are
/// named, and how they are printed. All members are static and constexpr.
template <int StartMonth, fiscal_naming Naming, fiscal_label_style LabelStyle = fiscal_label_style::fy_prefix>
struct fiscal_calendar {
    static_assert(StartMonth >= 1 && StartMonth <= 12, "a fiscal year starts in a month 1..12");

    static constexpr int start_month = StartMonth;
    static constexpr fiscal_naming naming = Naming;
    static constexpr fiscal_label_style label_style = LabelStyle;

    /// The name (number) of the fiscal year `ym` belongs to.
    static constexpr int fiscal_year_of(year_month ym) noexcept {
        const int start_year = ym.month() >= StartMonth ? ym.year() : ym.year() - 1;
        return (StartMonth == 1 || Naming == fiscal_naming::by_start_year) ? start_year : start_year + 1;
    }
    /// The first month of fiscal year `name`.
    static constexpr year_month first_month_of(int name) {
        const std::int64_t start_year =
            (StartMonth == 1 || Naming == fiscal_naming::by_start_year) ? name : std::int64_t{name} - 1;
        return year_month{detail::checked_calendar_count(start_year, "year"), StartMonth};
    }
    /// 1 for the first month of the fiscal year .. 12 for its last.
    static constexpr int month_number(year_month ym) noexcept { return (ym.month() - StartMonth + 12) % 12 + 1; }
    /// 1..4: the fiscal quarter `ym` falls in.
    static constexpr int quarter(year_month ym) noexcept { return (month_number(ym) - 1) / 3 + 1; }
};

struct us_federal : fiscal_calendar<10, fiscal_naming::by_end_year, fiscal_label_style::fy_prefix> {
    static constexpr std::string_view name = "U.S. federal";
};
struct calendar_year : fiscal_calendar<1, fiscal_naming::by_end_year, fiscal_label_style::plain_year> {
    static constexpr std::string_view name = "calendar year";
};
struct uk : fiscal_calendar<4, fiscal_naming::by_start_year, fiscal_label_style::year_span> {
    static constexpr std::string_view name = "United Kingdom";
};
struct australia : fiscal_calendar<7, fiscal_naming::by_end_year, fiscal_label_style::fy_prefix> {
    static constexpr std::string_view name = "Australia";
};

namespace detail {
template <typename T, typename = void>
struct is_fiscal_calendar : std::false_type {};
template <typename T>
struct is_fiscal_calendar<T, std::void_t<decltype(T::start_month), decltype(T::naming), decltype(T::label_style),
                                         decltype(T::fiscal_year_of(year_month{})),
                                         decltype(T::first_month_of(0))>> : std::true_type {};
}  // namespace detail

/// True for fiscal_calendar<...> and the presets derived from it.
template <typename T>
inline constexpr bool is_fiscal_calendar_v = detail::is_fiscal_calendar<T>::value;

template <typename Calendar>
class fiscal_quarter;

// ------------------------------------------------------------- FISCAL_YEAR

/// A fiscal year of `Calendar`, held by its name: `fiscal_year<us_federal>{2019}`
/// is FY2019, October 2018 .. September 2019.
template <typename Calendar>
class fiscal_year {
    static_assert(is_fiscal_calendar_v<Calendar>, "fiscal_year needs a fiscal calendar such as us_federal");

public:
    using calendar_type = Calendar;

    constexpr explicit fiscal_year(int name) noexcept : name_(name) {}

    /// The fiscal year that contains `ym`.
    static constexpr fiscal_year containing(year_month ym) noexcept {
        return fiscal_year{Calendar::fiscal_year_of(ym)};
    }

    /// The number the fiscal year is named by: 2019 for FY2019 and for
    /// 2019-20 (as `fiscal_quarter::number()` is 3 for Q3).
    constexpr int number() const noexcept { return name_; }
    [[deprecated("use fiscal_year::number(): year() is a fiscal_year on fiscal_quarter (borderstats 0.2)")]]
    constexpr int year() const noexcept { return name_; }

    constexpr year_month first_month() const { return Calendar::first_month_of(name_); }
    constexpr year_month last_month() const { return first_month() + months{11}; }
    /// The twelve months, as a half-open range.
    constexpr month_range months_range() const { return month_range::inclusive(first_month(), last_month()); }
    constexpr bool contains(year_month ym) const noexcept { return Calendar::fiscal_year_of(ym) == name_; }

    /// The `n`-th month of the year, 1-based (1 = the start month).
    constexpr year_month month_at(int n) const {
        if (n < 1 || n > 12) detail::raise(bad_month("fiscal month number " + std::to_string(n) + " is outside 1..12"));
        return first_month() + months{n - 1};
    }
    /// The month of this fiscal year that falls in calendar month `calendar_month`
    /// (1..12): for FY2020 (U.S.), 10 gives October 2019 and 5 May 2020. This is
    /// how CBP's "fiscal year + month abbreviation" becomes a civil month.
    constexpr year_month month_of(int calendar_month) const {
        if (calendar_month < 1 || calendar_month > 12)
            detail::raise(bad_month("month " + std::to_string(calendar_month) + " is outside 1..12"));
        return first_month() + months{(calendar_month - Calendar::start_month + 12) % 12};
    }

    constexpr fiscal_quarter<Calendar> quarter(int q) const;

    // In 64 bits: a step out of the range of int throws `bad_month`, never wraps.
    constexpr fiscal_year next() const { return *this + years{1}; }
    constexpr fiscal_year prev() const { return *this - years{1}; }
    constexpr fiscal_year& operator++() { return *this = next(); }
    constexpr fiscal_year& operator--() { return *this = prev(); }
    friend constexpr fiscal_year operator+(fiscal_year fy, years n) {
        return fiscal_year{detail::checked_calendar_count(std::int64_t{fy.name_} + n.count(), "fiscal year")};
    }
    friend constexpr fiscal_year operator-(fiscal_year fy, years n) {
        return fiscal_year{detail::checked_calendar_count(std::int64_t{fy.name_} - n.count(), "fiscal year")};
    }
    friend constexpr years operator-(fiscal_year a, fiscal_year b) {
        return years{detail::checked_calendar_count(std::int64_t{a.name_} - b.name_, "years")};
    }

    /// "FY2019", "2019" or "2019-20", by the calendar's label style. The year
    /// has at least four digits ("FY0001"), as `parse_fiscal_year` reads it.
    std::string label() const {
        std::string year = std::to_string(name_);
        if (name_ >= 0 && year.size() < 4) year.insert(0, 4 - year.size(), '0');
        switch (Calendar::label_style) {
            case fiscal_label_style::plain_year:
                return year;
            case fiscal_label_style::year_span: {
                std::string out = year;
                const int end = (name_ % 100 + 101) % 100;  // no overflow at INT_MAX
                out += '-';
                if (end < 10) out += '0';
                out += std::to_string(end);
                return out;
            }
            case fiscal_label_style::fy_prefix:
            default:
                return "FY" + year;
        }
    }

    friend constexpr bool operator==(fiscal_year a, fiscal_year b) noexcept { return a.name_ == b.name_; }
    friend constexpr bool operator!=(fiscal_year a, fiscal_year b) noexcept { return a.name_ != b.name_; }
    friend constexpr bool operator<(fiscal_year a, fiscal_year b) noexcept { return a.name_ < b.name_; }
    friend constexpr bool operator>(fiscal_year a, fiscal_year b) noexcept { return a.name_ > b.name_; }
    friend constexpr bool operator<=(fiscal_year a, fiscal_year b) noexcept { return a.name_ <= b.name_; }
    friend constexpr bool operator>=(fiscal_year a, fiscal_year b) noexcept { return a.name_ >= b.name_; }

private:
    int name_;
};

// ---------------------------------------------------------- FISCAL_QUARTER

/// A quarter (1..4) of a fiscal year of `Calendar`: Q1 of FY2019 (U.S.) is
/// October..December 2018.
template <typename Calendar>
class fiscal_quarter {
    static_assert(is_fiscal_calendar_v<Calendar>, "fiscal_quarter needs a fiscal calendar such as us_federal");

public:
    using calendar_type = Calendar;

    /// Throws `bad_month` when `quarter` is outside 1..4.
    constexpr fiscal_quarter(fiscal_year<Calendar> fy, int quarter) : year_(fy), quarter_(checked(quarter)) {}

    static constexpr fiscal_quarter containing(year_month ym) noexcept {
        return fiscal_quarter{fiscal_year<Calendar>::containing(ym), Calendar::quarter(ym), 0};
    }

    constexpr fiscal_year<Calendar> year() const noexcept { return year_; }
    constexpr int number() const noexcept { return quarter_; }
    constexpr year_month first_month() const { return year_.first_month() + months{(quarter_ - 1) * 3}; }
    constexpr year_month last_month() const { return first_month() + months{2}; }
    constexpr month_range months_range() const { return month_range::inclusive(first_month(), last_month()); }
    constexpr bool contains(year_month ym) const noexcept {
        return year_.contains(ym) && Calendar::quarter(ym) == quarter_;
    }
    constexpr fiscal_quarter next() const noexcept {
        return quarter_ == 4 ? fiscal_quarter{year_.next(), 1, 0} : fiscal_quarter{year_, quarter_ + 1, 0};
    }
    constexpr fiscal_quarter prev() const noexcept {
        return quarter_ == 1 ? fiscal_quarter{year_.prev(), 4, 0} : fiscal_quarter{year_, quarter_ - 1, 0};
    }
    /// "FY2019 Q3".
    std::string label() const { return year_.label() + " Q" + std::to_string(quarter_); }

    friend constexpr bool operator==(fiscal_quarter a, fiscal_quarter b) noexcept {
        return a.year_ == b.year_ && a.quarter_ == b.quarter_;
    }
    friend constexpr bool operator!=(fiscal_quarter a, fiscal_quarter b) noexcept { return !(a == b); }
    friend constexpr bool operator<(fiscal_quarter a, fiscal_quarter b) noexcept {
        return a.year_ < b.year_ || (a.year_ == b.year_ && a.quarter_ < b.quarter_);
    }
    friend constexpr bool operator>(fiscal_quarter a, fiscal_quarter b) noexcept { return b < a; }
    friend constexpr bool operator<=(fiscal_quarter a, fiscal_quarter b) noexcept { return !(b < a); }
    friend constexpr bool operator>=(fiscal_quarter a, fiscal_quarter b) noexcept { return !(a < b); }

private:
    constexpr fiscal_quarter(fiscal_year<Calendar> fy, int quarter, int /*unchecked*/) noexcept
        : year_(fy), quarter_(quarter) {}
    static constexpr int checked(int q) {
        if (q < 1 || q > 4) detail::raise(bad_month("fiscal quarter " + std::to_string(q) + " is outside 1..4"));
        return q;
    }
    fiscal_year<Calendar> year_;
    int quarter_;
};

template <typename Calendar>
constexpr fiscal_quarter<Calendar> fiscal_year<Calendar>::quarter(int q) const {
    return fiscal_quarter<Calendar>{*this, q};
}

/// Writes the label: "FY2019", "2019-20", "FY2019 Q3".
template <typename CharT, typename Traits, typename Calendar>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, fiscal_year<Calendar> fy) {
    return os << fy.label();
}
template <typename CharT, typename Traits, typename Calendar>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, fiscal_quarter<Calendar> q) {
    return os << q.label();
}

// ------------------------------------------------------------------ LABELS

/// A fiscal year read from a label, and whether the label marked it as
/// incomplete ("2025 (FYTD)").
template <typename Calendar>
struct fiscal_year_label {
    fiscal_year<Calendar> year;
    bool incomplete = false;

    friend constexpr bool operator==(const fiscal_year_label& a, const fiscal_year_label& b) noexcept {
        return a.year == b.year && a.incomplete == b.incomplete;
    }
    friend constexpr bool operator!=(const fiscal_year_label& a, const fiscal_year_label& b) noexcept {
        return !(a == b);
    }
};

namespace detail {
constexpr bool starts_with_icase(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}
}  // namespace detail

namespace detail {
template <typename Calendar>
constexpr std::optional<fiscal_year_label<Calendar>> fiscal_year_label_of(std::string_view text) noexcept {
    text = detail::trim(text);
    bool incomplete = false;
    constexpr std::string_view fytd_mark = "(FYTD)";
    if (text.size() > fytd_mark.size() && detail::iequals(text.substr(text.size() - fytd_mark.size()), fytd_mark)) {
        incomplete = true;
        text = detail::trim(text.substr(0, text.size() - fytd_mark.size()));
    }
    if (detail::starts_with_icase(text, "FY")) {
        text.remove_prefix(2);
        if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    }
    if (text.size() == 4) {
        const auto y = detail::parse_small_unsigned(text, 4);
        if (!y || *y == 0) return std::nullopt;
        return fiscal_year_label<Calendar>{fiscal_year<Calendar>{*y}, incomplete};
    }
    // A span: "2019-20" or "2019-2020".
    if ((text.size() == 7 || text.size() == 9) && (text[4] == '-' || text[4] == '/')) {
        const auto start = detail::parse_small_unsigned(text.substr(0, 4), 4);
        const auto end = detail::parse_small_unsigned(text.substr(5), 4);
        if (!start || !end) return std::nullopt;
        const bool follows = text.size() == 7 ? (*start + 1) % 100 == *end : *start + 1 == *end;
        if (!follows) return std::nullopt;
        const bool by_start = Calendar::start_month == 1 || Calendar::naming == fiscal_naming::by_start_year;
        if (Calendar::start_month == 1) return std::nullopt;  // a calendar year does not straddle two years
        const int name = by_start ? *start : *start + 1;
        if (name == 0) return std::nullopt;
        return fiscal_year_label<Calendar>{fiscal_year<Calendar>{name}, incomplete};
    }
    return std::nullopt;
}
}  // namespace detail

inline constexpr std::string_view fiscal_year_label_message =
    "expected a fiscal year such as '2019', 'FY2019', 'FY 2019' or '2025 (FYTD)'";

/// Reads a fiscal-year label: "2019", "FY2019", "FY 2019" (any case),
/// "2025 (FYTD)" (incomplete), and "2019-20" / "2019-2020" (the second part
/// must be the following year; read as named by the calendar's rule, so for
/// `uk` "2019-20" is 2019, for `us_federal` it is 2020). Years have four
/// digits; a year named 0000 is refused (FY0000 would begin in October of
/// the year before year 0, printed "-0001-10": no agency file means that). On failure `*why` (when given) is
/// `fiscal_year_label_message`.
template <typename Calendar>
constexpr std::optional<fiscal_year_label<Calendar>> try_parse_fiscal_year(std::string_view text,
                                                                         std::string_view* why = nullptr) noexcept {
    const auto label = detail::fiscal_year_label_of<Calendar>(text);
    if (!label) detail::set_why(why, fiscal_year_label_message);
    return label;
}

/// Throwing form of `try_parse_fiscal_year`: `parse_error` names the text.
template <typename Calendar>
fiscal_year_label<Calendar> parse_fiscal_year(std::string_view text) {
    std::string_view why;
    if (auto label = try_parse_fiscal_year<Calendar>(text, &why)) return *label;
    detail::raise(parse_error({}, 0, 0, "fiscal year", text, std::string(why)));
}

}  // namespace v1
}  // namespace borderstats
