// borderstats/output/write.hpp: CSV and JSON output of series, fiscal-year
// roll-ups and group-bys, and CSV output of tables (table.hpp).
//
// CSV (RFC 4180): a field is quoted when it holds a comma, a double quote, a
// CR or a LF, and a quote inside it is doubled. Records end with CRLF as the
// RFC says (`csv_write_options::line_end` changes it). A month with no figure
// is an empty field, never a zero. Numbers carry no thousands separators.
//
//   month,value                      a series
//   2019-04,109474
//   2019-05,144278
//
// JSON (RFC 8259): UTF-8 text; strings escape '"', '\' and every control
// character below 0x20 as \u00XX; a byte sequence that is not valid UTF-8 is
// replaced by U+FFFD so the output is always valid. Months are "2019-05";
// integer counts are printed exactly (no detour through double); a gap and an
// undefined percent (a change from zero, or from or to a gap) are `null`.
// Floating-point values print in the shortest form that reads back to the
// same double; infinities and NaN, which JSON cannot hold, become `null`.
//
//   [{"month":"2019-05","value":144278,"mom_percent":31.8,"yoy_percent":null,"fytd":null}]
//
// Every writer has two forms: `write_csv(os, ...)` / `write_json(os, ...)` to a
// std::ostream and `to_csv(...)` / `to_json(...)` returning a std::string.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include "../calendar.hpp"
#include "../change.hpp"
#include "../detail/utf8.hpp"
#include "../fiscal.hpp"
#include "../series.hpp"
#include "table.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

// ---------------------------------------------------------------- NUMBERS

namespace detail {
/// An integer, exact.
template <typename I>
std::string integer_text(I value) {
    static_assert(std::is_integral_v<I>);
    char buf[48];  // room for 128-bit integers where the compiler has them
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return r.ec == std::errc() ? std::string(buf, r.ptr) : std::string();
}

/// A double in the shortest form that reads back to the same value; empty for
/// infinities and NaN.
inline std::string double_text(double value) {
    if (!std::isfinite(value)) return {};
    if (value == 0) return "0";
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
#else
    // Fallback: 17 significant digits always round-trip. snprintf may follow
    // the C locale's decimal point, so normalise it.
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    std::string out(buf);
    for (char& c : out)
        if (c == ',') c = '.';
    return out;
#endif
}

/// A count as a number: exact for integers, shortest round-trip for floating point.
template <typename T>
std::string number_text(T value) {
    if constexpr (std::is_integral_v<T>)
        return integer_text(value);
    else
        return double_text(static_cast<double>(value));
}
}  // namespace detail

// -------------------------------------------------------------------- CSV

struct csv_write_options {
    char delimiter = ',';
    std::string line_end = "\r\n";
    /// Header of the value column of a series.
    std::string value_header = "value";
    /// Header of the key column of a group-by.
    std::string key_header = "group";
};

/// `field` as one RFC 4180 field: quoted when it holds the delimiter, a double
/// quote, CR or LF, with quotes doubled.
inline std::string csv_field(std::string_view field, char delimiter = ',') {
    bool quote = false;
    for (char c : field)
        if (c == delimiter || c == '"' || c == '\r' || c == '\n') {
            quote = true;
            break;
        }
    if (!quote) return std::string(field);
    std::string out;
    out.reserve(field.size() + 2);
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

/// Writes records one field at a time.
class csv_writer {
public:
    explicit csv_writer(std::ostream& os, csv_write_options options = {}) : os_(os), options_(std::move(options)) {}

    csv_writer& field(std::string_view text) {
        if (!at_row_start_) os_ << options_.delimiter;
        os_ << csv_field(text, options_.delimiter);
        at_row_start_ = false;
        return *this;
    }
    /// An empty field (a gap).
    csv_writer& empty_field() { return field({}); }
    template <typename T>
    csv_writer& number(T value) {
        if constexpr (std::is_floating_point_v<T>) {
            if (!std::isfinite(value)) return empty_field();
        }
        return field(detail::number_text(value));
    }
    template <typename T>
    csv_writer& number(const std::optional<T>& value) {
        return value ? number(*value) : empty_field();
    }
    csv_writer& row(const std::vector<std::string>& fields) {
        for (const auto& f : fields) field(f);
        return end_row();
    }
    csv_writer& end_row() {
        os_ << options_.line_end;
        at_row_start_ = true;
        return *this;
    }
    const csv_write_options& options() const noexcept { return options_; }

private:
    std::ostream& os_;
    csv_write_options options_;
    bool at_row_start_ = true;
};

/// A series: `month,value`, one record per month of its range; a gap is an empty field.
template <typename T>
void write_csv(std::ostream& os, const monthly_series<T>& s, const csv_write_options& o = {}) {
    csv_writer w(os, o);
    w.field("month").field(o.value_header).end_row();
    for (const auto& e : s) w.field(to_string(e.month)).number(e.value).end_row();
}

/// Roll-ups: `period,total,months_reported,months_in_period`; the total is
/// that of the months with a figure, and the two counts say how many.
template <typename Period, typename Sum>
void write_csv(std::ostream& os, const std::vector<period_total<Period, Sum>>& totals, const csv_write_options& o = {}) {
    csv_writer w(os, o);
    w.field("period").field("total").field("months_reported").field("months_in_period").end_row();
    for (const auto& p : totals)
        w.field(p.period.label()).number(p.total).number(p.months_reported).number(p.months_in_period).end_row();
}

/// A group-by in long form: `group,month,value`, groups in key order, each
/// over its own range; `key_name(key)` gives the text of a key.
template <typename Key, typename T, typename KeyFormatter>
void write_csv(std::ostream& os, const std::map<Key, monthly_series<T>>& groups, KeyFormatter key_name,
               const csv_write_options& o = {}) {
    csv_writer w(os, o);
    w.field(o.key_header).field("month").field(o.value_header).end_row();
    for (const auto& kv : groups) {
        const std::string key(key_name(kv.first));
        for (const auto& e : kv.second) w.field(key).field(to_string(e.month)).number(e.value).end_row();
    }
}

/// Any table, headers first, cells as formatted.
inline void write_csv(std::ostream& os, const table& t, const csv_write_options& o = {}) {
    csv_writer w(os, o);
    for (const auto& c : t.columns()) w.field(c.header);
    w.end_row();
    for (const auto& r : t.rows()) w.row(r);
}

template <typename... Args>
std::string to_csv(const Args&... args) {
    std::ostringstream os;
    write_csv(os, args...);
    return os.str();
}

// ------------------------------------------------------------------- JSON

/// Appends `text` as a JSON string, quotes included.
inline void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
            ++i;
        } else if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
        } else {
            const auto seq = borderstats::detail::decode_utf8(p + i, n - i);
            if (seq.length != 0) {
                out.append(text.data() + i, seq.length);
                i += seq.length;
            } else {
                out += "\\ufffd";
                ++i;
            }
        }
    }
    out += '"';
}

inline std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

struct json_write_options {
    /// Decimal places percents are rounded to (half away from zero); -1 keeps
    /// full precision.
    int percent_decimals = 1;
    /// Whether series objects carry mom_percent, yoy_percent and fytd.
    bool changes = true;
    /// Spaces of indentation per level; 0 writes one line.
    int indent = 0;
};

namespace detail {
inline std::string json_number_or_null(const std::optional<double>& v) {
    if (!v) return "null";
    const std::string s = double_text(*v);
    return s.empty() ? "null" : s;
}
template <typename T>
std::string json_value(const std::optional<T>& v) {
    if (!v) return "null";
    const std::string s = number_text(*v);
    return s.empty() ? "null" : s;
}
template <typename T>
std::optional<double> json_percent(const std::optional<change<T>>& c, int decimals) {
    if (!c) return std::nullopt;
    if (decimals < 0) return c->percent_change();
    return c->rounded_percent_change(decimals);
}
inline void newline(std::string& out, int indent, int level) {
    if (indent <= 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent) * static_cast<std::size_t>(level < 0 ? 0 : level), ' ');
}
inline const char* colon(int indent) { return indent > 0 ? ": " : ":"; }

template <typename Calendar, typename T>
void append_series_array(std::string& out, const monthly_series<T>& s, const json_write_options& o, int level) {
    out += '[';
    bool first = true;
    for (const auto& e : s) {
        if (!first) out += ',';
        first = false;
        newline(out, o.indent, level + 1);
        out += "{\"month\"";
        out += colon(o.indent);
        append_json_string(out, to_string(e.month));
        out += ",\"value\"";
        out += colon(o.indent);
        out += json_value(e.value);
        if (o.changes) {
            out += ",\"mom_percent\"";
            out += colon(o.indent);
            out += json_number_or_null(json_percent(month_over_month(s, e.month), o.percent_decimals));
            out += ",\"yoy_percent\"";
            out += colon(o.indent);
            out += json_number_or_null(json_percent(year_over_year(s, e.month), o.percent_decimals));
            out += ",\"fytd\"";
            out += colon(o.indent);
            out += json_value(s.template fiscal_year_to_date<Calendar>(e.month));
        }
        out += '}';
    }
    if (!first) newline(out, o.indent, level);
    out += ']';
}
}  // namespace detail

/// A series as an array of {"month", "value", "mom_percent", "yoy_percent",
/// "fytd"} objects, one per month of its range (`changes = false` keeps only
/// month and value). "fytd" is the fiscal-year-to-date total of `Calendar`.
template <typename Calendar = us_federal, typename T>
std::string to_json(const monthly_series<T>& s, const json_write_options& o = {}) {
    std::string out;
    detail::append_series_array<Calendar>(out, s, o, 0);
    if (o.indent > 0) out += '\n';
    return out;
}

/// Roll-ups as an array of {"period", "total", "months_reported",
/// "months_in_period", "complete"}.
template <typename Period, typename Sum>
std::string to_json(const std::vector<period_total<Period, Sum>>& totals, const json_write_options& o = {}) {
    std::string out = "[";
    bool first = true;
    const char* c = detail::colon(o.indent);
    for (const auto& p : totals) {
        if (!first) out += ',';
        first = false;
        detail::newline(out, o.indent, 1);
        out += "{\"period\"";
        out += c;
        append_json_string(out, p.period.label());
        out += ",\"total\"";
        out += c;
        out += detail::number_text(p.total);
        out += ",\"months_reported\"";
        out += c;
        out += std::to_string(p.months_reported);
        out += ",\"months_in_period\"";
        out += c;
        out += std::to_string(p.months_in_period);
        out += ",\"complete\"";
        out += c;
        out += p.complete() ? "true" : "false";
        out += '}';
    }
    if (!first) detail::newline(out, o.indent, 0);
    out += ']';
    if (o.indent > 0) out += '\n';
    return out;
}

/// A group-by as an array of {"group": key_name(key), "series": [...]}, in key
/// order (an array, not an object, so that two keys printing alike stay two).
template <typename Calendar = us_federal, typename Key, typename T, typename KeyFormatter>
std::string to_json(const std::map<Key, monthly_series<T>>& groups, KeyFormatter key_name,
                    const json_write_options& o = {}) {
    std::string out = "[";
    bool first = true;
    const char* c = detail::colon(o.indent);
    for (const auto& kv : groups) {
        if (!first) out += ',';
        first = false;
        detail::newline(out, o.indent, 1);
        out += "{\"group\"";
        out += c;
        append_json_string(out, std::string(key_name(kv.first)));
        out += ",\"series\"";
        out += c;
        detail::append_series_array<Calendar>(out, kv.second, o, 1);
        out += '}';
    }
    if (!first) detail::newline(out, o.indent, 0);
    out += ']';
    if (o.indent > 0) out += '\n';
    return out;
}

template <typename Calendar = us_federal, typename T>
void write_json(std::ostream& os, const monthly_series<T>& s, const json_write_options& o = {}) {
    os << to_json<Calendar>(s, o);
}
template <typename Period, typename Sum>
void write_json(std::ostream& os, const std::vector<period_total<Period, Sum>>& totals,
                const json_write_options& o = {}) {
    os << to_json(totals, o);
}
template <typename Calendar = us_federal, typename Key, typename T, typename KeyFormatter>
void write_json(std::ostream& os, const std::map<Key, monthly_series<T>>& groups, KeyFormatter key_name,
                const json_write_options& o = {}) {
    os << to_json<Calendar>(groups, key_name, o);
}

}  // namespace io
}  // namespace v1
}  // namespace borderstats
