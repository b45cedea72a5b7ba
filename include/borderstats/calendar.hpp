// borderstats/calendar.hpp: civil months.
//
// A `year_month` is a month of the Gregorian calendar with no day and no time
// zone: "May 2019". It is the unit every border statistic is published in.
// It stores a single integer, the number of months since January of year 0,
// so adding months, the distance between two months and comparison are one
// integer operation each, all constexpr:
//
//     constexpr year_month may19{2019, 5};
//     static_assert(may19 - months{1} == year_month{2019, 4});
//     static_assert(may19 - year_month{2018, 10} == months{7});
//
// Arithmetic is in `months` (and `years`, which are twelve months): a month has
// no day, so "January 31 plus one month" cannot be asked, and `may19 + 1` does
// not compile. A month outside 1..12 or a year outside [-32767, 32767] throws
// `bad_month` at construction (and so fails to compile in a constant
// expression); `year_month::try_from_parts` is the non-throwing form.
//
// `month_range` is a half-open range of months [begin, end): `front()` and
// `back()` are the first and last months inside it; `month_range::inclusive`
// builds one from both ends included.
//
// Text: `parse_year_month` reads "2019-05" and "May 2019" / "MAY 2019" /
// "may 2019" (full names or three-letter abbreviations, any case); with a year
// from context it also reads a bare "MAY". `parse_month_name` reads a month
// name alone. `to_string` writes "2019-05"; `to_long_string` "May 2019".
// Every parse consumes its whole input; the `try_` forms return an empty
// optional instead of throwing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "error.hpp"

namespace borderstats {
inline namespace v1 {

// ---------------------------------------------------------------- DURATIONS

namespace detail {
/// `value` as a 32-bit count of months or years, or `bad_month` when it does
/// not fit: calendar arithmetic never wraps (nor is undefined), it throws.
constexpr std::int32_t checked_calendar_count(std::int64_t value, const char* what) {
    if (value < std::numeric_limits<std::int32_t>::min() || value > std::numeric_limits<std::int32_t>::max())
        detail::raise(bad_month(std::string(what) + " " + std::to_string(value) + " is out of range"));
    return static_cast<std::int32_t>(value);
}
}  // namespace detail

/// A number of months: the unit of calendar arithmetic. Sums and products
/// are computed in 64 bits and throw `bad_month` when they leave 32 bits.
class months {
public:
    constexpr months() noexcept = default;
    constexpr explicit months(std::int32_t count) noexcept : count_(count) {}
    constexpr std::int32_t count() const noexcept { return count_; }

    constexpr months operator-() const { return months{detail::checked_calendar_count(-std::int64_t{count_}, "months")}; }
    constexpr months& operator+=(months other) { return *this = *this + other; }
    constexpr months& operator-=(months other) { return *this = *this - other; }
    friend constexpr months operator+(months a, months b) {
        return months{detail::checked_calendar_count(std::int64_t{a.count_} + b.count_, "months")};
    }
    friend constexpr months operator-(months a, months b) {
        return months{detail::checked_calendar_count(std::int64_t{a.count_} - b.count_, "months")};
    }
    friend constexpr months operator*(months a, std::int32_t k) {
        return months{detail::checked_calendar_count(std::int64_t{a.count_} * k, "months")};
    }
    friend constexpr months operator*(std::int32_t k, months a) { return a * k; }
    friend constexpr bool operator==(months a, months b) noexcept { return a.count_ == b.count_; }
    friend constexpr bool operator!=(months a, months b) noexcept { return a.count_ != b.count_; }
    friend constexpr bool operator<(months a, months b) noexcept { return a.count_ < b.count_; }
    friend constexpr bool operator>(months a, months b) noexcept { return a.count_ > b.count_; }
    friend constexpr bool operator<=(months a, months b) noexcept { return a.count_ <= b.count_; }
    friend constexpr bool operator>=(months a, months b) noexcept { return a.count_ >= b.count_; }

private:
    std::int32_t count_ = 0;
};

/// A number of years; converts to twelve months each (`bad_month` past
/// 178,956,970 years, which no calendar here reaches).
class years {
public:
    constexpr years() noexcept = default;
    constexpr explicit years(std::int32_t count) noexcept : count_(count) {}
    constexpr std::int32_t count() const noexcept { return count_; }
    constexpr operator months() const {  // NOLINT: a year is 12 months
        return months{detail::checked_calendar_count(std::int64_t{count_} * 12, "months")};
    }
    friend constexpr bool operator==(years a, years b) noexcept { return a.count_ == b.count_; }
    friend constexpr bool operator!=(years a, years b) noexcept { return a.count_ != b.count_; }

private:
    std::int32_t count_ = 0;
};

// ------------------------------------------------------------- MONTH NAMES

namespace detail {
inline constexpr std::array<std::string_view, 12> month_full_names{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

constexpr std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// Reads exactly the digits of `s` (no sign, no space) as a non-negative int;
/// empty when `s` is empty, has a non-digit, or has more than `max_digits`.
constexpr std::optional<int> parse_small_unsigned(std::string_view s, std::size_t max_digits = 9) noexcept {
    if (s.empty() || s.size() > max_digits) return std::nullopt;
    int value = 0;
    for (char c : s) {
        if (!is_digit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

constexpr std::int32_t floor_div(std::int32_t a, std::int32_t b) noexcept {
    const std::int32_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
}  // namespace detail

/// The month number (1..12) named by `text`: a full English month name or its
/// three-letter abbreviation, in any case ("May", "MAY", "september", "Sep").
/// Other abbreviations ("Sept") are not accepted: data files use three letters,
/// and a stricter reader finds a misaligned column sooner. Surrounding spaces
/// are ignored. On failure `*why` (when given) is `month_name_message`.
inline constexpr std::string_view month_name_message =
    "expected a month name or three-letter abbreviation such as 'May' or 'MAY'";
constexpr std::optional<int> try_parse_month_name(std::string_view text, std::string_view* why = nullptr) noexcept {
    text = detail::trim(text);
    for (std::size_t i = 0; i < 12; ++i) {
        const std::string_view full = detail::month_full_names[i];
        if (detail::iequals(text, full) || detail::iequals(text, full.substr(0, 3)))
            return static_cast<int>(i + 1);
    }
    detail::set_why(why, month_name_message);
    return std::nullopt;
}

/// Throwing form of `try_parse_month_name`.
inline int parse_month_name(std::string_view text) {
    std::string_view why;
    if (auto m = try_parse_month_name(text, &why)) return *m;
    detail::raise(parse_error({}, 0, 0, "month", text, std::string(why)));
}

/// "January".."December" for 1..12; empty view otherwise.
constexpr std::string_view month_name(int month) noexcept {
    return (month >= 1 && month <= 12) ? detail::month_full_names[static_cast<std::size_t>(month - 1)]
                                       : std::string_view{};
}

/// "Jan".."Dec" for 1..12; empty view otherwise.
constexpr std::string_view month_abbreviation(int month) noexcept { return month_name(month).substr(0, 3); }

// --------------------------------------------------------------- YEAR_MONTH

/// A civil month: a year and a month of that year.
class year_month {
public:
    static constexpr int min_year = -32767;
    static constexpr int max_year = 32767;

    /// January of year 0 (the epoch of `index()`); mostly useful as a
    /// placeholder.
    constexpr year_month() noexcept = default;

    /// Throws `bad_month` when `month` is outside 1..12 or `year` outside
    /// [min_year, max_year].
    constexpr year_month(int year, int month) : index_(checked_index(year, month)) {}

    /// The non-throwing constructor: empty when `month` is outside 1..12 or
    /// `year` outside [min_year, max_year].
    static constexpr std::optional<year_month> try_from_parts(int year, int month) noexcept {
        if (!valid(year, month)) return std::nullopt;
        return from_index_unchecked(year * 12 + (month - 1));
    }
    [[deprecated("use year_month::try_from_parts (borderstats 0.2)")]]
    static constexpr std::optional<year_month> from_parts(int year, int month) noexcept {
        return try_from_parts(year, month);
    }

    /// Months since January of year 0. Two months are `b.index() - a.index()`
    /// months apart.
    constexpr std::int32_t index() const noexcept { return index_; }
    static constexpr year_month from_index(std::int64_t index) {
        if (index < min().index_ || index > max().index_)
            detail::raise(bad_month("year_month index " + std::to_string(index) + " is out of range"));
        return from_index_unchecked(static_cast<std::int32_t>(index));
    }

    static constexpr year_month min() noexcept { return from_index_unchecked(min_year * 12); }
    static constexpr year_month max() noexcept { return from_index_unchecked(max_year * 12 + 11); }

    constexpr int year() const noexcept { return detail::floor_div(index_, 12); }
    /// 1 for January .. 12 for December.
    constexpr int month() const noexcept { return index_ - year() * 12 + 1; }

    // In 64 bits, so that a step far out of range throws instead of wrapping.
    constexpr year_month& operator+=(months m) { return *this = from_index(std::int64_t{index_} + m.count()); }
    constexpr year_month& operator-=(months m) { return *this = from_index(std::int64_t{index_} - m.count()); }
    constexpr year_month& operator++() { return *this += months{1}; }
    constexpr year_month& operator--() { return *this -= months{1}; }
    constexpr year_month operator++(int) {
        year_month old = *this;
        ++*this;
        return old;
    }
    constexpr year_month operator--(int) {
        year_month old = *this;
        --*this;
        return old;
    }

    friend constexpr year_month operator+(year_month ym, months m) { return ym += m; }
    friend constexpr year_month operator+(months m, year_month ym) { return ym += m; }
    friend constexpr year_month operator-(year_month ym, months m) { return ym -= m; }
    /// The signed number of months from `b` to `a`.
    friend constexpr months operator-(year_month a, year_month b) noexcept { return months{a.index_ - b.index_}; }

    friend constexpr bool operator==(year_month a, year_month b) noexcept { return a.index_ == b.index_; }
    friend constexpr bool operator!=(year_month a, year_month b) noexcept { return a.index_ != b.index_; }
    friend constexpr bool operator<(year_month a, year_month b) noexcept { return a.index_ < b.index_; }
    friend constexpr bool operator>(year_month a, year_month b) noexcept { return a.index_ > b.index_; }
    friend constexpr bool operator<=(year_month a, year_month b) noexcept { return a.index_ <= b.index_; }
    friend constexpr bool operator>=(year_month a, year_month b) noexcept { return a.index_ >= b.index_; }

private:
    static constexpr bool valid(int year, int month) noexcept {
        return month >= 1 && month <= 12 && year >= min_year && year <= max_year;
    }
    static constexpr std::int32_t checked_index(int year, int month) {
        if (month < 1 || month > 12) refuse("month ", month, " is outside 1..12");
        if (year < min_year || year > max_year) refuse("year ", year, " is outside the supported range");
        return year * 12 + (month - 1);
    }
    [[noreturn]] BORDERSTATS_COLD static void refuse(const char* what, int value, const char* why) {
        detail::raise(bad_month(what + std::to_string(value) + why));
    }
    static constexpr year_month from_index_unchecked(std::int32_t index) noexcept {
        year_month ym;
        ym.index_ = index;
        return ym;
    }

    std::int32_t index_ = 0;
};

// -------------------------------------------------------------- MONTH_RANGE

/// A half-open range of consecutive months [begin, end), iterable.
class month_range {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = year_month;
        using difference_type = std::ptrdiff_t;
        using pointer = const year_month*;
        using reference = year_month;

        constexpr iterator() noexcept = default;
        constexpr explicit iterator(std::int32_t index) noexcept : index_(index) {}
        constexpr year_month operator*() const { return year_month::from_index(index_); }
        constexpr iterator& operator++() noexcept {
            ++index_;
            return *this;
        }
        constexpr iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        friend constexpr bool operator==(iterator a, iterator b) noexcept { return a.index_ == b.index_; }
        friend constexpr bool operator!=(iterator a, iterator b) noexcept { return a.index_ != b.index_; }

    private:
        // A raw index, not a year_month: the end of a range that reaches
        // year_month::max() is one past it.
        std::int32_t index_ = 0;
    };

    constexpr month_range() noexcept = default;
    /// [begin, end); an `end` before `begin` gives an empty range.
    constexpr month_range(year_month begin, year_month end) noexcept
        : begin_(begin.index()), end_(end < begin ? begin.index() : end.index()) {}

    /// The range [first, last], both included; empty when last < first. Unlike
    /// the two-argument constructor it can reach year_month::max().
    static constexpr month_range inclusive(year_month first, year_month last) noexcept {
        month_range r;
        r.begin_ = first.index();
        r.end_ = last < first ? first.index() : last.index() + 1;
        return r;
    }

    constexpr year_month front() const { return year_month::from_index(begin_); }
    /// The last month inside the range (precondition: not empty).
    constexpr year_month back() const { return year_month::from_index(end_ - 1); }
    constexpr std::int32_t size() const noexcept { return end_ - begin_; }
    constexpr bool empty() const noexcept { return end_ == begin_; }
    constexpr bool contains(year_month ym) const noexcept { return ym.index() >= begin_ && ym.index() < end_; }

    constexpr iterator begin() const noexcept { return iterator{begin_}; }
    constexpr iterator end() const noexcept { return iterator{end_}; }

    friend constexpr bool operator==(month_range a, month_range b) noexcept {
        return (a.empty() && b.empty()) || (a.begin_ == b.begin_ && a.end_ == b.end_);
    }
    friend constexpr bool operator!=(month_range a, month_range b) noexcept { return !(a == b); }

private:
    std::int32_t begin_ = 0;
    std::int32_t end_ = 0;
};

// --------------------------------------------------------------------- TEXT

inline constexpr std::string_view year_month_message = "expected a month such as '2019-05' or 'May 2019'";
inline constexpr std::string_view year_month_in_context_message =
    "expected a month such as '2019-05', 'May 2019' or 'MAY'";

namespace detail {
constexpr std::optional<year_month> year_month_of(std::string_view text) noexcept {
    text = trim(text);
    if (text.size() == 7 && text[4] == '-') {
        const auto y = detail::parse_small_unsigned(text.substr(0, 4), 4);
        const auto m = detail::parse_small_unsigned(text.substr(5, 2), 2);
        if (!y || !m) return std::nullopt;
        return year_month::try_from_parts(*y, *m);
    }
    const std::size_t space = text.rfind(' ');
    if (space == std::string_view::npos) return std::nullopt;
    const auto m = try_parse_month_name(text.substr(0, space));
    const std::string_view year_text = text.substr(space + 1);
    const auto y = year_text.size() == 4 ? parse_small_unsigned(year_text, 4) : std::nullopt;
    if (!m || !y) return std::nullopt;
    return year_month::try_from_parts(*y, *m);
}
}  // namespace detail

/// Reads "2019-05" (four-digit year, two-digit month), or a month name or
/// three-letter abbreviation followed by a space and a four-digit year
/// ("May 2019", "MAY 2019", "september 2019"). Surrounding spaces are ignored;
/// anything else is rejected. On failure `*why` (when given) is
/// `year_month_message`.
constexpr std::optional<year_month> try_parse_year_month(std::string_view text, std::string_view* why = nullptr) noexcept {
    const auto ym = detail::year_month_of(text);
    if (!ym) detail::set_why(why, year_month_message);
    return ym;
}

/// As `try_parse_year_month(text)`, and a bare month name ("MAY") is taken to
/// be in `year_from_context`; `*why` is `year_month_in_context_message`.
constexpr std::optional<year_month> try_parse_year_month(std::string_view text, int year_from_context,
                                                         std::string_view* why = nullptr) noexcept {
    const auto m = try_parse_month_name(text);
    const auto ym = m ? year_month::try_from_parts(year_from_context, *m) : detail::year_month_of(text);
    if (!ym) detail::set_why(why, year_month_in_context_message);
    return ym;
}

/// Throwing form of `try_parse_year_month`: `parse_error` names the text.
inline year_month parse_year_month(std::string_view text) {
    std::string_view why;
    if (auto ym = try_parse_year_month(text, &why)) return *ym;
    detail::raise(parse_error({}, 0, 0, "year_month", text, std::string(why)));
}

/// Throwing form of `try_parse_year_month(text, year_from_context)`.
inline year_month parse_year_month(std::string_view text, int year_from_context) {
    std::string_view why;
    if (auto ym = try_parse_year_month(text, year_from_context, &why)) return *ym;
    detail::raise(parse_error({}, 0, 0, "year_month", text, std::string(why)));
}

namespace detail {
inline void append_padded(std::string& out, int value, int width) {
    if (value < 0) {
        out += '-';
        value = -value;
    }
    const std::string digits = std::to_string(value);
    for (int i = static_cast<int>(digits.size()); i < width; ++i) out += '0';
    out += digits;
}
}  // namespace detail

/// "2019-05": ISO 8601's year and month.
inline std::string to_string(year_month ym) {
    std::string out;
    out.reserve(8);
    detail::append_padded(out, ym.year(), 4);
    out += '-';
    detail::append_padded(out, ym.month(), 2);
    return out;
}

/// "May 2019".
inline std::string to_long_string(year_month ym) {
    std::string out(month_name(ym.month()));
    out += ' ';
    out += std::to_string(ym.year());
    return out;
}

/// Writes "2019-05" (`to_string`). A template on the stream, so that this
/// header needs only <iosfwd>: the stream a caller writes to brings <ostream>.
template <typename CharT, typename Traits>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, year_month ym) {
    return os << to_string(ym);
}

}  // namespace v1
}  // namespace borderstats

// std::hash is declared by <optional> (and <string_view>), which this header
// includes; <functional> is not needed for it and costs ~200 ms per
// translation unit (benchmarks/README.md, "Compile time").
template <>
struct std::hash<borderstats::year_month> {
    std::size_t operator()(borderstats::year_month ym) const noexcept {
        return std::hash<std::int32_t>{}(ym.index());
    }
};
