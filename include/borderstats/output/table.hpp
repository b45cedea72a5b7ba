// borderstats/output/table.hpp: tables people read, as aligned plain text or Markdown.
//
// One small value type, `table`: a list of columns (a header and an
// alignment) and rows of already formatted cells. Two renderers:
//
//   to_text(t)       aligned columns separated by two spaces, a rule of dashes
//                    under the header; widths count UTF-8 code points, so
//                    "–" or "México" align as they look
//   to_markdown(t)   a GitHub-flavoured Markdown table; right-aligned columns
//                    get "---:", and a '|' inside a cell is escaped
//
// Builders for the shapes border statistics come in:
//
//   series_table<Calendar>(s [, rows]) month, value, MoM %, YoY %, FYTD
//   side_by_side_table<Calendar>(s)    one row per fiscal month (Oct..Sep),
//                                      one column per fiscal year
//   group_table(groups, key_name)      one column per group (as produced by
//                                      group_by), one row per month, a total
//   fiscal_year_table(totals)          period_total roll-ups: total, months
//                                      covered, change on the prior year
//   group_fiscal_year_table<Calendar>(groups, key_name)
//                                      one row per group, one column per
//                                      fiscal year
//
// Counts print with thousands separators (`format_count`), percents signed and
// rounded half away from zero (`format_percent`). A gap prints as
// `options.missing` (default "–"), an undefined percent (from zero, or from or
// to a gap) as `options.undefined` (default "n/a"). A total that covers only
// part of its period is marked, never passed off as the whole: "567,172 (8/12)".
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../calendar.hpp"
#include "../change.hpp"
#include "../error.hpp"
#include "../fiscal.hpp"
#include "format.hpp"
#include "../series.hpp"

namespace borderstats {
inline namespace v1 {

enum class align : unsigned char { left, right, center };

struct table_column {
    std::string header;
    align alignment = align::right;
};

/// Columns and rows of formatted text.
class table {
public:
    table() = default;

    /// Adds a column; only allowed before the first row.
    table& add_column(std::string header, align alignment = align::right) {
        if (!rows_.empty()) detail::raise(error("table: add columns before adding rows"));
        columns_.push_back({std::move(header), alignment});
        return *this;
    }
    /// Adds a row; it must have one cell per column.
    table& add_row(std::vector<std::string> cells) {
        if (cells.size() != columns_.size())
            detail::raise(error("table: a row has " + std::to_string(cells.size()) + " cells for " +
                                std::to_string(columns_.size()) + " columns"));
        rows_.push_back(std::move(cells));
        return *this;
    }

    const std::vector<table_column>& columns() const noexcept { return columns_; }
    const std::vector<std::vector<std::string>>& rows() const noexcept { return rows_; }
    std::size_t column_count() const noexcept { return columns_.size(); }
    std::size_t row_count() const noexcept { return rows_.size(); }
    const std::string& cell(std::size_t row, std::size_t column) const { return rows_.at(row).at(column); }

private:
    std::vector<table_column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

namespace detail {
/// Display width: the number of UTF-8 code points (continuation bytes do not count).
inline std::size_t display_width(std::string_view s) noexcept {
    std::size_t n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

inline void pad_cell(std::string& out, std::string_view text, std::size_t width, align a) {
    const std::size_t w = display_width(text);
    const std::size_t pad = width > w ? width - w : 0;
    std::size_t before = 0;
    if (a == align::right) before = pad;
    if (a == align::center) before = pad / 2;
    out.append(before, ' ');
    out += text;
    out.append(pad - before, ' ');
}

/// Cells are one line each: a line break inside a cell becomes a space.
inline std::string one_line(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return out;
}

inline void rstrip_spaces(std::string& line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
}
}  // namespace detail

/// Aligned plain text: columns separated by two spaces, a rule of dashes under
/// the header, no trailing spaces, every line ended by '\n'.
inline std::string to_text(const table& t) {
    const std::size_t n = t.column_count();
    std::vector<std::size_t> width(n, 0);
    for (std::size_t c = 0; c < n; ++c) width[c] = detail::display_width(detail::one_line(t.columns()[c].header));
    for (const auto& row : t.rows())
        for (std::size_t c = 0; c < n; ++c) width[c] = std::max(width[c], detail::display_width(detail::one_line(row[c])));
    std::string out;
    auto emit = [&](const auto& cell_of) {
        std::string line;
        for (std::size_t c = 0; c < n; ++c) {
            if (c > 0) line += "  ";
            detail::pad_cell(line, detail::one_line(cell_of(c)), width[c], t.columns()[c].alignment);
        }
        detail::rstrip_spaces(line);
        out += line;
        out += '\n';
    };
    if (n == 0) return out;
    emit([&](std::size_t c) -> const std::string& { return t.columns()[c].header; });
    std::string rule;
    for (std::size_t c = 0; c < n; ++c) {
        if (c > 0) rule += "  ";
        rule.append(width[c], '-');
    }
    out += rule;
    out += '\n';
    for (const auto& row : t.rows()) emit([&](std::size_t c) -> const std::string& { return row[c]; });
    return out;
}

namespace detail {
inline std::string markdown_cell(std::string_view s) {
    std::string out;
    for (char c : one_line(s)) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}
}  // namespace detail

/// A GitHub-flavoured Markdown table, padded so the source reads as a table too.
inline std::string to_markdown(const table& t) {
    const std::size_t n = t.column_count();
    if (n == 0) return {};
    std::vector<std::size_t> width(n, 3);
    for (std::size_t c = 0; c < n; ++c)
        width[c] = std::max(width[c], detail::display_width(detail::markdown_cell(t.columns()[c].header)));
    for (const auto& row : t.rows())
        for (std::size_t c = 0; c < n; ++c)
            width[c] = std::max(width[c], detail::display_width(detail::markdown_cell(row[c])));
    std::string out;
    auto emit = [&](const auto& cell_of) {
        out += '|';
        for (std::size_t c = 0; c < n; ++c) {
            out += ' ';
            detail::pad_cell(out, detail::markdown_cell(cell_of(c)), width[c], t.columns()[c].alignment);
            out += " |";
        }
        out += '\n';
    };
    emit([&](std::size_t c) -> const std::string& { return t.columns()[c].header; });
    out += '|';
    for (std::size_t c = 0; c < n; ++c) {
        const align a = t.columns()[c].alignment;
        std::string spec(width[c], '-');
        if (a == align::left || a == align::center) spec.front() = ':';
        if (a == align::right || a == align::center) spec.back() = ':';
        out += ' ';
        out += spec;
        out += " |";
    }
    out += '\n';
    for (const auto& row : t.rows()) emit([&](std::size_t c) -> const std::string& { return row[c]; });
    return out;
}

// ----------------------------------------------------------------- BUILDERS

/// How the builders format cells.
struct table_options {
    /// Decimal places of percents ("+31.8%" with 1).
    int percent_decimals = 1;
    /// Decimal places of floating-point values (integers are always exact).
    int value_decimals = 0;
    /// A month with no figure.
    std::string missing = "\xE2\x80\x93";  // "–", an en dash
    /// A percent that cannot be computed (from zero, or from or to a gap).
    std::string undefined = "n/a";
    /// Months as "May 2019" (true) or "2019-05" (false).
    bool long_months = false;
    /// Headers of the series table.
    std::string month_header = "Month";
    std::string value_header = "Value";
    /// Which of the derived columns the series table shows.
    bool month_over_month = true;
    bool year_over_year = true;
    bool fiscal_year_to_date = true;
    /// Whether group tables get a total column (by month) or row (by fiscal year).
    bool total = true;
    std::string total_header = "Total";
};

/// A value as the tables print it: thousands separators, exact for integers.
template <typename T>
std::string format_value(T value, int decimals = 0) {
    if constexpr (std::is_integral_v<T>)
        return format_count(value);
    else
        return format_number(static_cast<double>(value), decimals);
}

namespace detail {
template <typename T>
std::string format_optional_value(const std::optional<T>& v, const table_options& o) {
    return v ? format_value(*v, o.value_decimals) : o.missing;
}
template <typename T>
std::string format_change(const std::optional<change<T>>& c, const table_options& o) {
    if (!c) return o.undefined;
    return format_percent(c->rounded_percent_change(o.percent_decimals), o.percent_decimals, o.undefined);
}
inline std::string month_label(year_month m, const table_options& o) {
    return o.long_months ? to_long_string(m) : to_string(m);
}
template <typename Sum>
std::string format_period_total(const Sum& total, int reported, int in_period, const table_options& o) {
    if (reported == 0) return o.missing;
    std::string out = format_value(total, o.value_decimals);
    if (reported != in_period) out += " (" + std::to_string(reported) + "/" + std::to_string(in_period) + ")";
    return out;
}
}  // namespace detail

/// One row per month of `rows`: month, value, change on the month before,
/// change on the same month a year before, and the fiscal-year-to-date total
/// of `Calendar` (a gap in the fiscal year so far prints as missing). The
/// changes and the FYTD are computed on the whole of `s`, so the first row of
/// a sub-range keeps its MoM and YoY: `series_table(s, fy.months_range())`.
template <typename Calendar = us_federal, typename T>
table series_table(const monthly_series<T>& s, month_range rows, const table_options& o = {}) {
    table t;
    t.add_column(o.month_header, align::left).add_column(o.value_header);
    if (o.month_over_month) t.add_column("MoM %");
    if (o.year_over_year) t.add_column("YoY %");
    if (o.fiscal_year_to_date) t.add_column(Calendar::start_month == 1 ? "YTD" : "FYTD");
    for (const year_month m : rows) {
        std::vector<std::string> row{detail::month_label(m, o), detail::format_optional_value(s.at(m), o)};
        if (o.month_over_month) row.push_back(detail::format_change(month_over_month(s, m), o));
        if (o.year_over_year) row.push_back(detail::format_change(year_over_year(s, m), o));
        if (o.fiscal_year_to_date)
            row.push_back(detail::format_optional_value(s.template fiscal_year_to_date<Calendar>(m), o));
        t.add_row(std::move(row));
    }
    return t;
}
/// One row per month of `s`.
template <typename Calendar = us_federal, typename T>
table series_table(const monthly_series<T>& s, const table_options& o = {}) {
    return series_table<Calendar>(s, s.months_range(), o);
}

/// Fiscal years side by side: one row per month of the fiscal year (October
/// to September for `us_federal`), one column per fiscal year `s` touches,
/// and a total row ("(n/12)" when only n months had a figure). The way
/// agencies compare this year with the last ones month by month.
template <typename Calendar = us_federal, typename T>
table side_by_side_table(const monthly_series<T>& s, const table_options& o = {}) {
    table t;
    t.add_column(o.month_header, align::left);
    std::vector<fiscal_year<Calendar>> years;
    if (!s.empty())
        for (auto fy = fiscal_year<Calendar>::containing(s.first_month());
             fy <= fiscal_year<Calendar>::containing(s.last_month()); ++fy) {
            years.push_back(fy);
            t.add_column(fy.label());
        }
    for (int n = 1; n <= 12; ++n) {
        std::vector<std::string> row{std::string(month_name((Calendar::start_month - 1 + n - 1) % 12 + 1))};
        for (const auto& fy : years) row.push_back(detail::format_optional_value(s.at(fy.month_at(n)), o));
        t.add_row(std::move(row));
    }
    if (o.total) {
        std::vector<std::string> row{o.total_header};
        for (const auto& fy : years) {
            const auto r = s.sum_reported(fy.first_month(), fy.last_month());
            row.push_back(detail::format_period_total(r.total, r.months_reported, 12, o));
        }
        t.add_row(std::move(row));
    }
    return t;
}

/// Fiscal-year (or quarter) roll-ups: period, total (marked "(n/12)" when only
/// n months had a figure), and the percent change on the period before when
/// both are complete.
template <typename Period, typename Sum>
table fiscal_year_table(const std::vector<period_total<Period, Sum>>& totals, const table_options& o = {}) {
    table t;
    t.add_column("Period", align::left).add_column(o.total_header).add_column("Change");
    for (std::size_t i = 0; i < totals.size(); ++i) {
        const auto& p = totals[i];
        std::string chg = o.undefined;
        if (i > 0 && p.complete() && totals[i - 1].complete() && totals[i - 1].period.next() == p.period)
            chg = format_percent(change<Sum>{totals[i - 1].total, p.total}.rounded_percent_change(o.percent_decimals),
                                 o.percent_decimals, o.undefined);
        t.add_row({p.period.label(), detail::format_period_total(p.total, p.months_reported, p.months_in_period, o),
                   std::move(chg)});
    }
    return t;
}

namespace detail {
template <typename Map>
std::optional<month_range> union_range(const Map& groups) {
    std::optional<year_month> first, last;
    for (const auto& kv : groups) {
        const auto& s = kv.second;
        if (s.empty()) continue;
        if (!first || s.first_month() < *first) first = s.first_month();
        if (!last || s.last_month() > *last) last = s.last_month();
    }
    if (!first) return std::nullopt;
    return month_range::inclusive(*first, *last);
}
}  // namespace detail

/// A group-by result as a table: one row per month of the span of all groups,
/// one column per group (headed by `key_name(key)`), and a total column that
/// is missing for a month where any group has no figure.
template <typename Key, typename T, typename KeyFormatter>
table group_table(const std::map<Key, monthly_series<T>>& groups, KeyFormatter key_name, const table_options& o = {}) {
    table t;
    t.add_column(o.month_header, align::left);
    for (const auto& kv : groups) t.add_column(std::string(std::invoke(key_name, kv.first)));
    if (o.total) t.add_column(o.total_header);
    const auto span = detail::union_range(groups);
    if (!span) return t;
    for (year_month m : *span) {
        std::vector<std::string> row{detail::month_label(m, o)};
        bool complete = true;
        sum_t<T> total{};
        for (const auto& kv : groups) {
            const auto v = kv.second.at(m);
            row.push_back(detail::format_optional_value(v, o));
            if (v)
                total = checked_add<sum_t<T>>(total, static_cast<sum_t<T>>(*v));
            else
                complete = false;
        }
        if (o.total) row.push_back(complete ? format_value(total, o.value_decimals) : o.missing);
        t.add_row(std::move(row));
    }
    return t;
}

/// A group-by result rolled up to fiscal years of `Calendar`: one row per
/// group, one column per fiscal year of the span, and a total row. A year a
/// group covers only in part is marked "(n/12)", and a total that includes
/// such a year "(partial)".
template <typename Calendar = us_federal, typename Key, typename T, typename KeyFormatter>
table group_fiscal_year_table(const std::map<Key, monthly_series<T>>& groups, KeyFormatter key_name,
                              std::string key_header = "Group", const table_options& o = {}) {
    table t;
    t.add_column(std::move(key_header), align::left);
    const auto span = detail::union_range(groups);
    if (!span) return t;
    std::vector<fiscal_year<Calendar>> years;
    for (auto fy = fiscal_year<Calendar>::containing(span->front());
         fy <= fiscal_year<Calendar>::containing(span->back()); ++fy) {
        years.push_back(fy);
        t.add_column(fy.label());
    }
    std::vector<sum_t<T>> totals(years.size(), sum_t<T>{});
    std::vector<int> reported(years.size(), 0);  // months with a figure, over all groups
    std::vector<unsigned char> partial(years.size(), 0);
    for (const auto& kv : groups) {
        std::vector<std::string> row{std::string(std::invoke(key_name, kv.first))};
        for (std::size_t i = 0; i < years.size(); ++i) {
            const auto r = kv.second.sum_reported(years[i].first_month(), years[i].last_month());
            row.push_back(detail::format_period_total(r.total, r.months_reported, 12, o));
            totals[i] = checked_add<sum_t<T>>(totals[i], r.total);
            reported[i] += r.months_reported;
            if (!r.complete()) partial[i] = 1;
        }
        t.add_row(std::move(row));
    }
    if (o.total) {
        std::vector<std::string> row{o.total_header};
        for (std::size_t i = 0; i < years.size(); ++i) {
            if (reported[i] == 0)
                row.push_back(o.missing);
            else
                row.push_back(format_value(totals[i], o.value_decimals) + (partial[i] ? " (partial)" : ""));
        }
        t.add_row(std::move(row));
    }
    return t;
}

}  // namespace v1
}  // namespace borderstats
