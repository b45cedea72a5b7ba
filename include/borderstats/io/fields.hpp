// borderstats/io/fields.hpp: strict parsers for the fields of border data
// files, shared by the CBP, BTS and vintages readers.
//
// Every parser comes in two forms:
//   try_parse_X(text, why)  non-throwing: an empty optional on failure, and
//                           `*why` (when `why` is not null) set to a message
//                           saying what was expected. Messages are static
//                           strings: a failure allocates nothing.
//   parse_X(text)           throws `parse_error` (line 0: the text was given
//                           directly) naming the field and the text.
// The readers add the source, line, column and column name.
//
// Decisions (each one is tested):
//
// Counts (`try_parse_count`): a non-negative whole number that fits in
// std::int64_t.
//   - Digits only, or digits grouped by thousands with commas: "1,234" and
//     "1,234,567" are read; "1,23", "1234,567", ",123", "1,,234" and "1,234,"
//     are not. Agencies print separators inside quoted CSV fields ("1,234").
//   - No sign: "-1" is an error that says the count is negative, "+5" an error
//     that says no sign is allowed.
//   - No surrounding spaces: " 7" and "7 " are errors. The files we read never
//     pad numbers; a space there is more likely a misaligned or hand-edited
//     field than something to forgive silently.
//   - No decimal point, exponent or other text: "12.0", "1e3", "n/a" are errors.
//   - Leading zeros are accepted in the plain form ("007" is 7, "0" is 0):
//     they change no value and some exports zero-pad. With separators the
//     first group has no leading zero ("0,123" is an error): that form is
//     printed by people, who do not pad.
//   - Values above 9,223,372,036,854,775,807 are an overflow error, never a
//     wrap or a clamp.
//   - The empty field is an error ("expected a count, found an empty field"):
//     a reader that allows unknown cells checks for empty before calling.
//
// Months (`try_parse_month_abbreviation`): CBP's three-letter codes JAN..DEC
// in any case ("MAY", "May", "may"). Nothing else: "SEPT", "September", "5"
// and " MAY" are errors.
//
// Fiscal years (`try_parse_cbp_fiscal_year`): what
// `try_parse_fiscal_year<us_federal>` reads ("2019", "FY2019", "2025 (FYTD)",
// the last flagged incomplete; also a span such as "2019-20", which names
// FY2020 unambiguously, though CBP does not write one), as a
// `fiscal_year_label<us_federal>`.
//
// Dates:
//   - `civil_date` (borderstats/civil_date.hpp) is a plain {year, month, day}
//     of the Gregorian calendar, checked (February 29 only in leap years).
//     `try_parse_iso_date` reads exactly "YYYY-MM-DD".
//   - `try_parse_bts_month` reads the month of a BTS row: "Mar 2024" (a
//     three-letter month, one space, four digits), "03/01/2018 12:00:00 AM"
//     (the Socrata CSV export: MM/DD/YYYY with the time), or
//     "2018-03-01T00:00:00.000" / "2018-03-01T00:00:00" (the Socrata API).
//     Excel's re-save of an export is read too (decided for issue 12: public
//     solutions that read BTS files expect it): "6/1/2019 0:00" and
//     "3/1/2019", i.e. M/D/YYYY with one or two digits for month and day,
//     then nothing, "H:MM" or "HH:MM:SS" (24-hour) or "HH:MM:SS AM".
//     BTS data are monthly and the export stamps each month with its first
//     day at midnight, so the day must be 1 and the time midnight
//     ("12:00:00 AM", "0:00", "00:00:00", "00:00:00.000"); any other day or
//     time is an error rather than being truncated to its month, because it
//     means the file is not the monthly table. A two-digit year ("3/1/19",
//     "Mar 19") is an error whose message says a four-digit year is expected:
//     it could be in either century.
//   - Every parser here says when its field was empty: "empty; expected ..."
//     (counts: "expected a count, found an empty field"), and no message
//     suggests a form the same field then refuses (a port code, read without
//     separators, is told "expected digits only", never about "1,234").
//
// Dimension values (`detail::dimension_text_problem`, used by the CBP and BTS
// readers and by io/fast_scan.hpp's sums): a dimension value names a group,
// so it must be text on one line. Empty or blank (only spaces) text, a line
// break (a quoted field holding one, as in "Pedestrians<LF>") and any other
// control character (bytes 0x00-0x1F and 0x7F: tab, NUL, ...) are errors at
// the field's line and column, never a group of their own. Only a column the
// file has is checked; other spaces are kept as written (see
// io/record_table.hpp for what a filter does with "TX " next to "TX").
//
// Tables with a header (`detail::table_reader`, used by every reader here):
//   - Columns are found by name, never by position. A header name is
//     normalised before matching: ASCII lower case, every run of other
//     characters than letters and digits becomes one '_', and '_' at either
//     end is dropped. So CBP's "Month (abbv)" and a republished copy's
//     "month_abbv" are the same column, as are "AOR (Abbv)" and "aor_abbv".
//   - Two header names that normalise alike are an error at the second one
//     (line, column, and its name as the field), whether the reader knows
//     the column or not.
//   - A required column that is missing is an error at line 1 (the header
//     line), column 1, naming the column as the agency writes it.
//   - Columns the reader does not know are ignored.
//   - An empty input (no header at all) is an error at line 1, column 1.
//   - Every row must have as many fields as the header. Too few: the error is
//     at the end of the row's last field (where the next one would start),
//     and names the first missing column. Too many: the CSV reader refuses
//     the row at the first extra field as soon as it starts (so a 100 MB line
//     of commas costs no memory), with an empty field name.
//   - The matching (normalisation, duplicates, the missing-column message) is
//     `detail::header_columns` of io/csv.hpp, which the fast path uses too.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../calendar.hpp"
#include "../civil_date.hpp"
#include "../dictionary.hpp"
#include "../error.hpp"
#include "../fiscal.hpp"
#include "csv.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

// ------------------------------------------------------------------ COUNTS

namespace detail {
using borderstats::detail::set_why;

constexpr bool all_digits(std::string_view s) noexcept {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

/// Appends the digits of `s` to `value`; false on overflow of int64.
inline bool accumulate_digits(std::string_view s, std::int64_t& value) noexcept {
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    for (char c : s) {
        const int d = c - '0';
        if (value > (max - d) / 10) return false;
        value = value * 10 + d;
    }
    return true;
}
}  // namespace detail

/// Messages the count parser gives (compare `why` against them if needed).
namespace count_messages {
inline constexpr std::string_view empty = "expected a count, found an empty field";
inline constexpr std::string_view negative = "expected a count of zero or more, found a negative number";
inline constexpr std::string_view sign = "expected a count without a sign";
inline constexpr std::string_view space = "expected a count without surrounding spaces";
inline constexpr std::string_view separator =
    "expected a count with commas only between groups of three digits, as in 1,234,567";
inline constexpr std::string_view not_whole =
    "expected a whole number of digits, without a decimal point or exponent";
inline constexpr std::string_view not_number = "expected a count (digits, optionally grouped as 1,234)";
inline constexpr std::string_view overflow = "count is too large: it does not fit a 64-bit integer (max 9223372036854775807)";
inline constexpr std::string_view no_separator = "expected digits only, without thousands separators";
/// For codes read with `allow_separators` false: `not_number` would suggest
/// the 1,234 form that codes refuse.
inline constexpr std::string_view not_digits = "expected digits only";
}  // namespace count_messages

/// Reads a count; see the file comment for the rules. With
/// `allow_separators` false, only plain digits are read (codes such as BTS
/// port codes).
inline std::optional<std::int64_t> try_parse_count(std::string_view text, std::string_view* why = nullptr,
                                                   bool allow_separators = true) noexcept {
    using namespace count_messages;
    if (text.empty()) return detail::set_why(why, empty), std::nullopt;
    if (text.front() == ' ' || text.front() == '\t' || text.back() == ' ' || text.back() == '\t')
        return detail::set_why(why, space), std::nullopt;
    if (text.front() == '-') return detail::set_why(why, negative), std::nullopt;
    if (text.front() == '+') return detail::set_why(why, sign), std::nullopt;

    std::int64_t value = 0;
    if (detail::all_digits(text)) {
        if (!detail::accumulate_digits(text, value)) return detail::set_why(why, overflow), std::nullopt;
        return value;
    }
    // Not plain digits: tell a misplaced separator from a non-number.
    for (char c : text) {
        if (c == ',') {
            continue;
        } else if (c == '.' || c == 'e' || c == 'E') {
            return detail::set_why(why, not_whole), std::nullopt;
        } else if (c < '0' || c > '9') {
            return detail::set_why(why, allow_separators ? not_number : not_digits), std::nullopt;
        }
    }
    if (!allow_separators) return detail::set_why(why, no_separator), std::nullopt;
    // Grouped: 1-3 digits (no leading zero), then groups of exactly ",ddd".
    const std::size_t first_comma = text.find(',');
    const std::string_view head = text.substr(0, first_comma);
    if (head.empty() || head.size() > 3 || head.front() == '0') return detail::set_why(why, separator), std::nullopt;
    if ((text.size() - head.size()) % 4 != 0) return detail::set_why(why, separator), std::nullopt;
    for (std::size_t i = head.size(); i < text.size(); i += 4)
        if (text[i] != ',' || !detail::all_digits(text.substr(i + 1, 3)))
            return detail::set_why(why, separator), std::nullopt;
    if (!detail::accumulate_digits(head, value)) return detail::set_why(why, overflow), std::nullopt;
    for (std::size_t i = head.size(); i < text.size(); i += 4)
        if (!detail::accumulate_digits(text.substr(i + 1, 3), value))
            return detail::set_why(why, overflow), std::nullopt;
    return value;
}

/// Throwing form of `try_parse_count`.
inline std::int64_t parse_count(std::string_view text) {
    std::string_view why;
    if (auto v = try_parse_count(text, &why)) return *v;
    borderstats::detail::raise(parse_error({}, 0, 0, "count", text, std::string(why)));
}

// ------------------------------------------------------------------ MONTHS

inline constexpr std::string_view month_abbreviation_message =
    "expected a three-letter month abbreviation JAN..DEC";
inline constexpr std::string_view month_abbreviation_empty_message =
    "empty; expected a three-letter month abbreviation JAN..DEC";

/// 1..12 for "JAN".."DEC" in any case; see the file comment.
inline std::optional<int> try_parse_month_abbreviation(std::string_view text, std::string_view* why = nullptr) noexcept {
    if (text.size() == 3) {
        for (int m = 1; m <= 12; ++m)
            if (borderstats::detail::iequals(text, month_abbreviation(m))) return m;
    }
    detail::set_why(why, text.empty() ? month_abbreviation_empty_message : month_abbreviation_message);
    return std::nullopt;
}

/// Throwing form of `try_parse_month_abbreviation`.
inline int parse_month_abbreviation(std::string_view text) {
    if (auto m = try_parse_month_abbreviation(text)) return *m;
    borderstats::detail::raise(parse_error({}, 0, 0, "month", text, std::string(month_abbreviation_message)));
}

// ------------------------------------------------------------ FISCAL YEARS

inline constexpr std::string_view fiscal_year_message =
    "expected a fiscal year such as 2019, FY2019 or 2025 (FYTD)";
inline constexpr std::string_view fiscal_year_empty_message =
    "empty; expected a fiscal year such as 2019, FY2019 or 2025 (FYTD)";

/// A U.S. federal fiscal-year label as CBP writes it; "2025 (FYTD)" is 2025,
/// flagged incomplete.
inline std::optional<fiscal_year_label<us_federal>> try_parse_cbp_fiscal_year(std::string_view text,
                                                                             std::string_view* why = nullptr) noexcept {
    if (auto label = try_parse_fiscal_year<us_federal>(text)) return label;
    detail::set_why(why, text.empty() ? fiscal_year_empty_message : fiscal_year_message);
    return std::nullopt;
}

/// Throwing form of `try_parse_cbp_fiscal_year`.
inline fiscal_year_label<us_federal> parse_cbp_fiscal_year(std::string_view text) {
    if (auto label = try_parse_cbp_fiscal_year(text)) return *label;
    borderstats::detail::raise(parse_error({}, 0, 0, "fiscal year", text, std::string(fiscal_year_message)));
}

// ------------------------------------------------------------------- DATES

/// `civil_date` now lives in borderstats/civil_date.hpp (it is not about
/// files); this name stays so that code written against io compiles.
using civil_date = ::borderstats::civil_date;

inline constexpr std::string_view iso_date_message = "expected a date YYYY-MM-DD that exists";
inline constexpr std::string_view iso_date_empty_message = "empty; expected a date YYYY-MM-DD that exists";

/// Exactly "YYYY-MM-DD", a day that exists.
inline std::optional<civil_date> try_parse_iso_date(std::string_view text, std::string_view* why = nullptr) noexcept {
    using borderstats::detail::parse_small_unsigned;
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        const auto y = parse_small_unsigned(text.substr(0, 4), 4);
        const auto m = parse_small_unsigned(text.substr(5, 2), 2);
        const auto d = parse_small_unsigned(text.substr(8, 2), 2);
        if (y && m && d)
            if (auto date = civil_date::try_from_parts(*y, *m, *d)) return date;
    }
    detail::set_why(why, text.empty() ? iso_date_empty_message : iso_date_message);
    return std::nullopt;
}

/// Throwing form of `try_parse_iso_date`.
inline civil_date parse_iso_date(std::string_view text) {
    if (auto d = try_parse_iso_date(text)) return *d;
    borderstats::detail::raise(parse_error({}, 0, 0, "date", text, std::string(iso_date_message)));
}

namespace bts_date_messages {
inline constexpr std::string_view format =
    "expected a month as 'Mar 2024', '03/01/2024 12:00:00 AM', '3/1/2024 0:00', '3/1/2024' or "
    "'2024-03-01T00:00:00.000'";
inline constexpr std::string_view empty =
    "empty; expected a month as 'Mar 2024', '03/01/2024 12:00:00 AM', '3/1/2024 0:00', '3/1/2024' or "
    "'2024-03-01T00:00:00.000'";
inline constexpr std::string_view two_digit_year =
    "expected a four-digit year, as in 3/1/2024 or Mar 2024: a two-digit year could be in either century";
inline constexpr std::string_view not_first =
    "expected the first day of the month: BTS data are monthly and stamped with day 01";
inline constexpr std::string_view not_midnight =
    "expected the time midnight (12:00:00 AM, 0:00 or 00:00:00): BTS data are monthly and stamped at midnight";
inline constexpr std::string_view bad_date = "expected a month 01..12 and a day that exists";
}  // namespace bts_date_messages

namespace detail {
/// Splits the leading run of digits (at most `max_digits`) off `text`.
inline std::optional<int> take_number(std::string_view& text, std::size_t max_digits) noexcept {
    std::size_t n = 0;
    while (n < text.size() && n <= max_digits && text[n] >= '0' && text[n] <= '9') ++n;
    if (n == 0 || n > max_digits) return std::nullopt;
    const auto v = borderstats::detail::parse_small_unsigned(text.substr(0, n), n);
    text.remove_prefix(n);
    return v;
}

/// The time after a US date: nothing, "12:00:00 AM" (the Socrata export), or
/// "H:MM" / "HH:MM:SS" on a 24-hour clock (Excel's re-save writes "0:00").
/// Empty when it is midnight, else the message.
inline std::string_view us_date_time_problem(std::string_view time) noexcept {
    using namespace bts_date_messages;
    if (time.empty() || time == " 12:00:00 AM") return {};
    if (time.front() != ' ') return format;
    time.remove_prefix(1);
    const bool twelve_hour = time.size() == 11 && time[2] == ':' && time[5] == ':' && time[8] == ' ' &&
                             (time.substr(9) == "AM" || time.substr(9) == "PM");
    if (twelve_hour) return not_midnight;
    const auto h = take_number(time, 2);
    // ":MM" then optionally ":SS", two digits each.
    const auto two_digits_after_colon = [&time]() -> std::optional<int> {
        if (time.size() < 3 || time[0] != ':' || !all_digits(time.substr(1, 2))) return std::nullopt;
        const int v = (time[1] - '0') * 10 + (time[2] - '0');
        time.remove_prefix(3);
        return v;
    };
    const auto mm = h ? two_digits_after_colon() : std::nullopt;
    const auto ss = mm && !time.empty() ? two_digits_after_colon() : std::optional<int>{0};
    if (!h || !mm || !ss || !time.empty() || *h > 23 || *mm > 59 || *ss > 59) return format;
    return *h == 0 && *mm == 0 && *ss == 0 ? std::string_view{} : not_midnight;
}

/// "M/D/YYYY" with one or two digits for M and D, then a time (see above);
/// a two-digit year is an error that says so.
inline std::optional<civil_date> try_parse_us_date(std::string_view text, std::string_view* why) noexcept {
    using namespace bts_date_messages;
    const auto m = take_number(text, 2);
    if (!m || text.empty() || text[0] != '/') return set_why(why, format), std::nullopt;
    text.remove_prefix(1);
    const auto d = take_number(text, 2);
    if (!d || text.empty() || text[0] != '/') return set_why(why, format), std::nullopt;
    text.remove_prefix(1);
    const std::size_t year_digits = text.find_first_not_of("0123456789") == std::string_view::npos
                                        ? text.size()
                                        : text.find_first_not_of("0123456789");
    if (year_digits == 2) return set_why(why, two_digit_year), std::nullopt;
    const auto y = take_number(text, 4);
    if (!y || year_digits != 4) return set_why(why, format), std::nullopt;
    if (const std::string_view problem = us_date_time_problem(text); !problem.empty())
        return set_why(why, problem), std::nullopt;
    const auto date = civil_date::try_from_parts(*y, *m, *d);
    if (!date) return set_why(why, bad_date), std::nullopt;
    return date;
}
}  // namespace detail

/// The month of a BTS "Date" field; see the file comment.
inline std::optional<year_month> try_parse_bts_month(std::string_view text, std::string_view* why = nullptr) noexcept {
    using namespace bts_date_messages;
    using borderstats::detail::parse_small_unsigned;
    if (text.empty()) return detail::set_why(why, empty), std::nullopt;
    // "Mar 2024"
    if (text.size() == 8 && text[3] == ' ') {
        const auto m = try_parse_month_abbreviation(text.substr(0, 3));
        const auto y = parse_small_unsigned(text.substr(4, 4), 4);
        if (m && y) return year_month{*y, *m};
        return detail::set_why(why, format), std::nullopt;
    }
    if (text.size() == 6 && text[3] == ' ' && try_parse_month_abbreviation(text.substr(0, 3)) &&
        detail::all_digits(text.substr(4)))
        return detail::set_why(why, two_digit_year), std::nullopt;  // "Mar 24"
    int y = 0;
    int m = 0;
    int d = 0;
    if (text.size() >= 19 && text[4] == '-' && text[7] == '-' && text[10] == 'T') {  // ISO with time
        const auto yy = parse_small_unsigned(text.substr(0, 4), 4);
        const auto mm = parse_small_unsigned(text.substr(5, 2), 2);
        const auto dd = parse_small_unsigned(text.substr(8, 2), 2);
        if (!mm || !dd || !yy) return detail::set_why(why, format), std::nullopt;
        m = *mm;
        d = *dd;
        y = *yy;
        const std::string_view time = text.substr(11);
        if (time != "00:00:00" && time != "00:00:00.000") {
            if (time.size() >= 8 && time[2] == ':' && time[5] == ':')
                return detail::set_why(why, not_midnight), std::nullopt;
            return detail::set_why(why, format), std::nullopt;
        }
        if (!civil_date::try_from_parts(y, m, d)) return detail::set_why(why, bad_date), std::nullopt;
    } else if (text.find('/') != std::string_view::npos) {  // M/D/YYYY[ time]
        const auto date = detail::try_parse_us_date(text, why);
        if (!date) return std::nullopt;
        y = date->year;
        m = date->month;
        d = date->day;
    } else {
        return detail::set_why(why, format), std::nullopt;
    }
    if (d != 1) return detail::set_why(why, not_first), std::nullopt;
    return year_month{y, m};
}

namespace dimension_messages {
inline constexpr std::string_view empty = "empty; expected a value: every row names its group in this column";
inline constexpr std::string_view blank = "expected a value, found only spaces";
inline constexpr std::string_view line_break =
    "expected a value on one line, found a line break inside it (a quoted field split across lines?)";
inline constexpr std::string_view control = "expected text without control characters (bytes 0x00-0x1F, 0x7F)";
}  // namespace dimension_messages

namespace detail {
/// Why `text` cannot be a dimension value (see the file comment), or an empty
/// view when it can.
constexpr std::string_view dimension_text_problem(std::string_view text) noexcept {
    if (text.empty()) return dimension_messages::empty;
    bool blank = true;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u == '\n' || u == '\r') return dimension_messages::line_break;
        if (u < 0x20 || u == 0x7F) return dimension_messages::control;
        blank = blank && u == ' ';
    }
    return blank ? dimension_messages::blank : std::string_view{};
}
}  // namespace detail

/// Throwing form of `try_parse_bts_month`.
inline year_month parse_bts_month(std::string_view text) {
    std::string_view why;
    if (auto m = try_parse_bts_month(text, &why)) return *m;
    borderstats::detail::raise(parse_error({}, 0, 0, "Date", text, std::string(why)));
}

// ------------------------------------------------------- TABLES WITH HEADERS

namespace detail {

/// A failure at field `i` of `record`.
BORDERSTATS_COLD inline parse_failure field_failure(const std::string& source, const csv_record& record, std::size_t i,
                                   std::string_view field, std::string_view text, std::string_view message) {
    return parse_failure{text_location{source, record.line_of(i), record.column_of(i)}, std::string(field),
                         borderstats::detail::quote_for_message(text), std::string(message)};
}

/// The line and column just past field `i` (where a following field would
/// start), counting the quotes of a quoted field and the line ends inside it.
inline std::pair<std::size_t, std::size_t> field_end(const csv_record& record, std::size_t i) {
    const std::string_view value = record[i];
    const bool quoted = record.was_quoted(i);
    std::size_t line = record.line_of(i);
    std::size_t column = record.column_of(i) + (quoted ? 1 : 0);
    for (std::size_t k = 0; k < value.size(); ++k) {
        const char c = value[k];
        if (c == '\n' || c == '\r') {
            if (c == '\r' && k + 1 < value.size() && value[k + 1] == '\n') ++k;
            ++line;
            column = 1;
        } else {
            column += (quoted && c == '"') ? 2 : 1;
        }
    }
    return {line, column + (quoted ? 1 : 0)};
}

/// A column a reader looks for: the name the agency writes (matched after
/// normalisation), and whether the file must have it.
struct column_spec {
    std::string_view name;
    bool required;
};

/// The header-and-rows part shared by the CBP, BTS and vintages readers:
/// reads the header, finds the columns of `Specs` by name, and hands out rows
/// whose width has been checked. `Csv` is `csv_reader` or `csv_stream_reader`.
template <typename Csv, std::size_t Columns>
class table_reader {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    table_reader(Csv csv, const std::array<column_spec, Columns>& specs) : csv_(std::move(csv)), specs_(specs) {
        index_.fill(npos);
    }

    const std::string& source_name() const noexcept { return csv_.source_name(); }

    /// Reads and maps the header once; later calls return the first result.
    BORDERSTATS_ONCE bool try_header(parse_failure& failure) {
        if (header_done_) {
            if (failure_) failure = *failure_;
            return !failure_;
        }
        header_done_ = true;
        const csv_status s = csv_.try_next(record_, failure);
        if (s == csv_status::error) return remember(failure);
        if (s == csv_status::end_of_input)
            return remember(failure = parse_failure{text_location{source_name(), 1, 1}, std::string(), std::string(),
                                                    std::string(csv_messages::empty_input)});
        if (!header_.try_read(record_, source_name(), failure)) return remember(failure);
        for (std::size_t k = 0; k < Columns; ++k) {
            const std::optional<std::size_t> i = header_.find(specs_[k].name);
            if (i) index_[k] = *i;
            if (!i && specs_[k].required) return remember(failure = header_.missing(specs_[k].name, source_name()));
        }
        for (std::size_t i = 0; i < header_.size(); ++i)
            if (std::find(index_.begin(), index_.end(), i) == index_.end()) unmapped_.push_back(i);
        // From here on a row is refused at its first field too many, before
        // it is kept (memory stays bounded by the header's width).
        csv_.limit_fields_to_header(header_.size());
        return true;
    }

    /// A 64-bit fingerprint of the current row's fields in the columns no
    /// spec maps (0 when every column is mapped): two rows that differ only
    /// there (a nationwide file's region column renamed "Region") are not
    /// repeats of one another (io/record_table.hpp).
    std::uint64_t unmapped_fingerprint() const noexcept {
        std::uint64_t h = 0;
        for (const std::size_t i : unmapped_)
            h = (h ^ borderstats::detail::string_hash(record_[i])) * 0x9E3779B97F4A7C15ULL + i;
        return h;
    }

    /// The next data row into `row()`, its width checked.
    csv_status try_row(parse_failure& failure) {
        if (!try_header(failure)) return csv_status::error;
        if (failure_) {
            failure = *failure_;
            return csv_status::error;
        }
        const csv_status s = csv_.try_next(record_, failure);
        if (s == csv_status::error) {
            // An error of the CSV layer names the column it is in.
            const std::size_t i = csv_.failed_field();
            if (failure.field.empty() && i < header_.size()) failure.field = header_.names()[i];
            remember(failure);
            return s;
        }
        if (s == csv_status::end_of_input) return s;
        const std::size_t want = header_.size();
        const std::size_t have = record_.size();
        if (have == want) return s;
        // (More fields than the header were refused by the CSV reader.)
        const auto [line, column] = field_end(record_, have - 1);
        remember(failure = parse_failure{text_location{source_name(), line, column}, header_.names()[have],
                                         std::string(), csv_messages::too_few_fields(want, have)});
        return csv_status::error;
    }

    /// The row last read.
    const csv_record& row() const noexcept { return record_; }
    /// Index in the row of spec `k`'s column, or `npos` when the file has none.
    std::size_t index(std::size_t k) const noexcept { return index_[k]; }
    bool has(std::size_t k) const noexcept { return index_[k] != npos; }
    /// The name of spec `k`'s column as the file writes it (precondition: has(k)).
    const std::string& column_name(std::size_t k) const noexcept { return header_.names()[index_[k]]; }
    /// Every column name as the file writes it (trimmed).
    const std::vector<std::string>& header() const noexcept { return header_.names(); }
    /// Whether spec `k`'s field is the last of the current row, unquoted, and
    /// the input ends right after it without a line end: a number there may
    /// have been cut (see io/dialect.hpp).
    bool cut_short_at(std::size_t k) const noexcept {
        const std::size_t i = index_[k];
        return record_.ends_input() && i + 1 == record_.size() && !record_.was_quoted(i);
    }

    /// A failure at spec `k`'s field of the current row.
    BORDERSTATS_COLD parse_failure failure_at(std::size_t k, std::string_view message) {
        const std::size_t i = index_[k];
        return field_failure(source_name(), record_, i, header_.names()[i], record_[i], message);
    }
    /// Records a failure found by the caller: later calls fail with it too.
    bool remember(const parse_failure& failure) {
        failure_ = failure;
        return false;
    }

private:
    Csv csv_;
    std::array<column_spec, Columns> specs_;
    std::array<std::size_t, Columns> index_{};
    csv_record record_;
    header_columns header_;
    std::vector<std::size_t> unmapped_;  // the columns no spec maps
    bool header_done_ = false;
    std::optional<parse_failure> failure_;
};

/// Interns `text` in `dict`, skipping the hash when it equals the previous
/// value of the column (`last`), as it does in long runs of sorted files. A
/// value not yet in `dict` is checked first (`dimension_text_problem`): on a
/// problem, `none()` is returned and `*why` set.
inline dimension_code intern_cached(dictionary& dict, dimension_code& last, std::string_view text,
                                    std::string_view* why) {
    if (last.valid() && dict.name(last) == text) return last;
    if (const auto known = dict.find(text)) return last = *known;
    if (const std::string_view problem = dimension_text_problem(text); !problem.empty()) {
        set_why(why, problem);
        return dimension_code::none();
    }
    return last = dict.intern(text);
}

}  // namespace detail

}  // namespace io
}  // namespace v1
}  // namespace borderstats
