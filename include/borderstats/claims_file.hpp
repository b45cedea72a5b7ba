// borderstats/claims_file.hpp: a plain-text claims file, read into values.
//
// A statement about border figures ("In May, 144,278 individuals were
// apprehended ... a 32% increase over the previous month") is checked from a
// file anyone can write, one line each, `#` starting a comment line:
//
//   statement In May, 144,278 individuals were apprehended or deemed inadmissible ...
//   made 2019-06-05
//   data cbp_southwest_border_fy2017_fy2019_release_vintages.csv
//   measure total
//   claim count 2019-05 = 144,278
//   claim change 2019-04 2019-05 = +32%
//
// The two lines a user writes:
//
//   const claims_file f = load_claims_file("june_2019_statement.claims");
//   for (const claim& c : f.claims) ...   // kind, months, comparison, figure as written
//
// (claims.hpp evaluates them against release histories; docs/CLAIMS.md has the
// whole grammar). Figures are kept as written, with their precision:
// `1.2 million` is 12 x 10^5, so `= 1.2 million` holds for anything that
// rounds, half away from zero, to 1,200,000 at the nearest 100,000; `+31.8%`
// is 318 x 10^-1 percent. `>`, `<`, `>=`, `<=` compare exactly.
//
// What it refuses, each as a `parse_error` naming the file, the 1-based line
// and column and what was expected: an unknown keyword, a month that is not
// YYYY-MM, a comparison that is not one of = > < >= <=, a figure that is not
// a number as people write it (`144,278`, `144278`, `+32%`, `-13.8%`,
// `1.2 million`), a count written as a percent or a change written as a count,
// a count with a fraction (`1.2345 thousand`), text after the figure, a claim
// before any `data` line, a control byte (NUL: not a text file), more than
// `claims_file_max_bytes` (16 MiB; never read until memory runs out), a
// directory. `try_parse_claims`, `try_load_claims_file` and `try_load_claims`
// (a `std::FILE*` such as stdin) return the `parse_failure` instead of
// throwing.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calendar.hpp"
#include "civil_date.hpp"
#include "error.hpp"
#include "io/fields.hpp"
#include "io/file.hpp"
#include "releases.hpp"

namespace borderstats {
inline namespace v1 {

/// The day type of claims files (`made`, `data FILE@DATE`).
using claim_date = civil_date;

/// How a claim compares the computed figure with the written one.
enum class comparison : std::uint8_t { equal, greater, less, greater_equal, less_equal };

/// "=", ">", "<", ">=", "<=".
constexpr std::string_view to_string(comparison c) noexcept {
    switch (c) {
        case comparison::equal: return "=";
        case comparison::greater: return ">";
        case comparison::less: return "<";
        case comparison::greater_equal: return ">=";
        default: return "<=";
    }
}

/// A figure as written: `digits` x 10^`exponent` (a count) or percent. The
/// exponent is the precision written: 0 for `144,278`, 5 for `1.2 million`,
/// -1 for `+31.8%`.
struct written_figure {
    std::int64_t digits = 0;  ///< signed
    int exponent = 0;
    bool percent = false;
    std::string text;  ///< as written
    std::size_t column = 0;

    /// The count it names (exponent >= 0), exactly.
    std::int64_t count() const noexcept {
        std::int64_t v = digits;
        for (int i = 0; i < exponent; ++i) v *= 10;
        return v;
    }
    /// 10^exponent for a count: the unit it is rounded to.
    std::int64_t unit() const noexcept {
        std::int64_t u = 1;
        for (int i = 0; i < exponent; ++i) u *= 10;
        return u;
    }
    /// Places after the point of a percent (0 for `+32%`, 1 for `+31.8%`).
    int decimals() const noexcept { return exponent < 0 ? -exponent : 0; }
};

/// What a claim computes.
enum class claim_kind : std::uint8_t {
    count,        ///< `count M`: the figure for month M
    change,       ///< `change A B`: percent change from A to B (months, or fiscal years FY2024 FY2025)
    streak,       ///< `streak M >= T`: months in a row ending at M at or above T
    fytd,         ///< `fytd M`: October of M's fiscal year through M
    fiscal_year,  ///< `fy Y`: the twelve months of U.S. federal fiscal year Y
    sum           ///< `sum A B`: months A through B
};

/// "count", "change", "streak", "fytd", "fy", "sum".
constexpr std::string_view to_string(claim_kind k) noexcept {
    switch (k) {
        case claim_kind::count: return "count";
        case claim_kind::change: return "change";
        case claim_kind::streak: return "streak";
        case claim_kind::fytd: return "fytd";
        case claim_kind::fiscal_year: return "fy";
        default: return "sum";
    }
}

/// The measure of a release-vintages file.
enum class claim_measure : std::uint8_t { total, apprehensions, inadmissibles };

/// `data FILE[@DATE]`.
struct claim_data_file {
    std::string path;  ///< as written (relative to the claims file)
    std::optional<publication_date> published;
    std::size_t line = 0;
    std::size_t column = 0;  ///< of the path
};

/// `where COLUMN = VALUE`.
struct claim_filter {
    std::string column;
    std::string value;
    std::size_t line = 0;
    std::size_t column_at = 0;  ///< column of COLUMN in the line
};

/// One `claim` line.
struct claim {
    claim_kind kind = claim_kind::count;
    year_month first{};  ///< the month (count, streak, fytd), or A (change, sum)
    year_month last{};   ///< B (change, sum); the month for count, streak, fytd
    int fiscal_year = 0;  ///< fy Y; for `change FY2024 FY2025`, 0 for months
    int second_fiscal_year = 0;
    /// streak: the threshold T, and whether `>=` (else `>`).
    std::int64_t threshold = 0;
    bool threshold_inclusive = true;
    comparison op = comparison::equal;
    written_figure figure;

    std::size_t line = 0;
    std::size_t column = 0;  ///< of `text` in the line
    std::string text;  ///< the line after `claim`, trimmed
    /// The context the line sits in (indices into claims_file's vectors).
    std::size_t statement = npos;
    std::size_t data_set = npos;
    std::size_t filter_set = npos;  ///< npos: no filter
    claim_measure measure = claim_measure::total;
    std::size_t measure_line = 0;  ///< 0: the default (total)
    std::size_t measure_column = 0;
    std::optional<claim_date> made;

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    /// `change FY2024 FY2025`.
    bool compares_fiscal_years() const noexcept { return fiscal_year != 0 && kind == claim_kind::change; }
};

/// A claims file, read.
struct claims_file {
    std::string source;                 ///< the name errors use
    std::filesystem::path base;         ///< data paths are relative to it
    std::vector<std::pair<std::size_t, std::string>> statements;  ///< line, text
    std::vector<std::vector<claim_data_file>> data_sets;
    std::vector<std::vector<claim_filter>> filter_sets;
    std::vector<claim> claims;
};

// ------------------------------------------------------------------ PARSING

namespace detail {

struct claim_token {
    std::string_view text;
    std::size_t column = 0;  // 1-based
};

inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

inline std::vector<claim_token> split_tokens(std::string_view line) {
    std::vector<claim_token> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && is_blank(line[i])) ++i;
        const std::size_t start = i;
        while (i < line.size() && !is_blank(line[i])) ++i;
        if (i > start) out.push_back({line.substr(start, i - start), start + 1});
    }
    return out;
}

inline std::optional<comparison> try_parse_comparison(std::string_view t) noexcept {
    if (t == "=") return comparison::equal;
    if (t == ">") return comparison::greater;
    if (t == "<") return comparison::less;
    if (t == ">=") return comparison::greater_equal;
    if (t == "<=") return comparison::less_equal;
    return std::nullopt;
}

inline bool looks_like_comparison(std::string_view t) noexcept {
    return !t.empty() && (t[0] == '=' || t[0] == '<' || t[0] == '>' || t[0] == '!');
}

inline constexpr std::string_view figure_message =
    "expected a figure such as 144,278, 144278, 1.2 million, +32% or -13.8%";

/// Digits, grouped by commas in threes or not at all, then an optional
/// fraction: into `digits` and the number of decimals. Empty on failure.
inline bool read_decimal(std::string_view s, std::int64_t& digits, int& decimals) noexcept {
    const std::size_t dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    if (whole.empty() || (dot != std::string_view::npos && fraction.empty())) return false;
    std::string plain;
    if (whole.find(',') != std::string_view::npos) {
        const std::size_t first = whole.find(',');
        if (first == 0 || first > 3 || whole[0] == '0') return false;
        for (std::size_t i = first; i < whole.size(); i += 4)
            if (whole[i] != ',' || i + 4 > whole.size() || whole.substr(i + 1, 3).find(',') != std::string_view::npos)
                return false;
    }
    for (char c : whole)
        if (c != ',') plain += c;
    plain += fraction;
    if (plain.size() > 18) return false;
    digits = 0;
    for (char c : plain) {
        if (c < '0' || c > '9') return false;
        digits = digits * 10 + (c - '0');
    }
    decimals = static_cast<int>(fraction.size());
    return true;
}

/// A figure as people write it, from the tokens `first..` of a line.
/// On failure `*why` says what was expected and `*at` indexes the token at fault.
inline std::optional<written_figure> try_parse_figure(const std::vector<claim_token>& tokens, std::size_t first,
                                                      std::size_t last, std::string_view* why, std::size_t* at) {
    *at = first;
    written_figure f;
    if (first >= last) {
        *why = figure_message;
        return std::nullopt;
    }
    f.column = tokens[first].column;
    for (std::size_t i = first; i < last; ++i) f.text += (i > first ? " " : "") + std::string(tokens[i].text);
    std::string_view number = tokens[first].text;
    int scale = 0;
    bool negative = false;
    if (!number.empty() && (number[0] == '+' || number[0] == '-')) {
        negative = number[0] == '-';
        number.remove_prefix(1);
    } else if (number.substr(0, 3) == "\xE2\x88\x92") {  // U+2212 MINUS SIGN, as pasted from articles
        negative = true;
        number.remove_prefix(3);
    }
    if (!number.empty() && number.back() == '%') {
        f.percent = true;
        number.remove_suffix(1);
    }
    if (last - first == 2 && !f.percent) {
        const std::string_view word = tokens[first + 1].text;
        if (word == "%" || borderstats::detail::iequals(word, "percent")) f.percent = true;
        else if (borderstats::detail::iequals(word, "thousand")) scale = 3;
        else if (borderstats::detail::iequals(word, "million")) scale = 6;
        else if (borderstats::detail::iequals(word, "billion")) scale = 9;
        else {
            *why = "expected thousand, million, billion or % after the number";
            *at = first + 1;
            return std::nullopt;
        }
    } else if (last - first > 2 || (last - first == 2 && f.percent)) {
        *why = "unexpected text after the figure (a comment line starts with #)";
        const std::string_view second = tokens[first + 1].text;
        const bool unit = !f.percent && (second == "%" || borderstats::detail::iequals(second, "percent") ||
                                         borderstats::detail::iequals(second, "thousand") ||
                                         borderstats::detail::iequals(second, "million") ||
                                         borderstats::detail::iequals(second, "billion"));
        *at = unit ? first + 2 : first + 1;
        return std::nullopt;
    }
    int decimals = 0;
    if (!read_decimal(number, f.digits, decimals)) {
        *why = figure_message;
        return std::nullopt;
    }
    if (f.percent && decimals > 9) {
        *why = "a percent has at most 9 places after the point";
        return std::nullopt;
    }
    if (negative) f.digits = -f.digits;
    f.exponent = scale - decimals;
    if (!f.percent && f.exponent > 0) {
        // 1.2 million = 12 x 10^5 must fit a 64-bit count.
        std::int64_t v = f.digits < 0 ? -f.digits : f.digits;
        for (int i = 0; i < f.exponent; ++i) {
            if (v > std::numeric_limits<std::int64_t>::max() / 10) {
                *why = "figure is too large";
                return std::nullopt;
            }
            v *= 10;
        }
    }
    return f;
}

/// "2019-05" only: one token, unambiguous.
inline std::optional<year_month> try_parse_claim_month(std::string_view t) noexcept {
    if (t.size() != 7 || t[4] != '-') return std::nullopt;
    return try_parse_year_month(t);
}

/// "2022" or "FY2022".
inline std::optional<int> try_parse_claim_fiscal_year(std::string_view t) noexcept {
    if (t.size() == 6 && borderstats::detail::iequals(t.substr(0, 2), "FY")) t.remove_prefix(2);
    if (t.size() != 4) return std::nullopt;
    int y = 0;
    for (char c : t) {
        if (c < '0' || c > '9') return std::nullopt;
        y = y * 10 + (c - '0');
    }
    return y >= 1900 ? std::optional<int>(y) : std::nullopt;
}

/// Reads claims files line by line; each `parse_*` returns false with
/// `failure` set.
class claims_parser {
public:
    claims_parser(std::string source, std::filesystem::path base) {
        file_.source = std::move(source);
        file_.base = std::move(base);
    }

    bool line(std::string_view text, std::size_t number, parse_failure& failure) {
        line_ = number;
        text_ = text;
        failure_ = &failure;
        tokens_ = split_tokens(text);
        if (tokens_.empty() || tokens_[0].text[0] == '#') return true;
        const std::string_view keyword = tokens_[0].text;
        using borderstats::detail::iequals;
        if (iequals(keyword, "statement")) return statement();
        if (iequals(keyword, "made")) return made();
        if (iequals(keyword, "data")) return data();
        if (iequals(keyword, "where")) return where();
        if (iequals(keyword, "measure")) return measure();
        if (iequals(keyword, "claim")) return parse_claim();
        return fail(tokens_[0].column, keyword, "keyword",
                    "expected statement, made, data, where, measure or claim (a comment line starts with #)");
    }

    claims_file finish() { return std::move(file_); }

private:
    bool fail(std::size_t column, std::string_view found, std::string field, std::string_view message) {
        *failure_ = parse_failure{text_location{file_.source, line_, column}, std::move(field),
                                  borderstats::detail::quote_for_message(found), std::string(message)};
        return false;
    }
    /// Past the end of the line: where a missing part would go.
    std::size_t end_column() const noexcept {
        std::size_t n = text_.size();
        while (n > 0 && is_blank(text_[n - 1])) --n;
        return n + 2;
    }
    /// The rest of the line after the keyword, trimmed, and its column.
    std::pair<std::string_view, std::size_t> rest() const noexcept {
        if (tokens_.size() < 2) return {std::string_view{}, end_column()};
        const std::size_t start = tokens_[1].column - 1;
        std::size_t end = text_.size();
        while (end > start && is_blank(text_[end - 1])) --end;
        return {text_.substr(start, end - start), tokens_[1].column};
    }
    bool no_more(std::size_t i) {
        if (tokens_.size() > i) return fail(tokens_[i].column, tokens_[i].text, "", "unexpected text");
        return true;
    }

    bool statement() {
        const auto [text, column] = rest();
        if (text.empty()) return fail(column, {}, "statement", "expected the statement's text");
        // Consecutive statement lines make one statement.
        if (last_was_statement_ && !file_.statements.empty())
            file_.statements.back().second += " " + std::string(text);
        else
            file_.statements.emplace_back(line_, std::string(text));
        last_was_statement_ = true;
        return true;
    }
    bool made() {
        last_was_statement_ = false;
        if (tokens_.size() < 2) return fail(end_column(), {}, "made", "expected the day the statement was made, YYYY-MM-DD");
        const auto d = io::try_parse_iso_date(tokens_[1].text);
        if (!d) return fail(tokens_[1].column, tokens_[1].text, "made", "expected a date YYYY-MM-DD that exists");
        made_ = *d;
        return no_more(2);
    }
    bool data() {
        last_was_statement_ = false;
        const auto [text, column] = rest();
        if (text.empty()) return fail(column, {}, "data", "expected a file name, FILE or FILE@YYYY-MM-DD");
        claim_data_file f{std::string(text), std::nullopt, line_, column};
        const std::size_t at = text.rfind('@');
        if (at != std::string_view::npos && at + 1 < text.size() && text[at + 1] >= '0' && text[at + 1] <= '9') {
            const auto p = publication_date::try_parse(text.substr(at + 1));
            if (!p)
                return fail(column + at + 1, text.substr(at + 1), "data",
                            "expected a publication date YYYY-MM-DD (or YYYY-MM) after @");
            f.path = std::string(text.substr(0, at));
            f.published = p;
        }
        if (f.path.empty()) return fail(column, text, "data", "expected a file name before @");
        if (data_closed_ || file_.data_sets.empty()) file_.data_sets.emplace_back();
        data_closed_ = false;
        file_.data_sets.back().push_back(std::move(f));
        return true;
    }
    bool where() {
        last_was_statement_ = false;
        const auto [text, column] = rest();
        if (borderstats::detail::iequals(text, "all")) {
            filters_closed_ = true;
            filter_set_ = claim::npos;
            return true;
        }
        const std::size_t eq = text.find('=');
        if (text.empty() || eq == std::string_view::npos)
            return fail(text.empty() ? column : column + text.size() + 1, text, "where",
                        "expected COLUMN = VALUE (or `where all` for no filter)");
        if (eq > 0 && (text[eq - 1] == '!' || text[eq - 1] == '<' || text[eq - 1] == '>'))
            return fail(column + eq - 1, text.substr(eq - 1, 2), "where", "only = is supported in where");
        const std::string_view name = borderstats::detail::trim(text.substr(0, eq));
        const std::string_view value = borderstats::detail::trim(text.substr(eq + 1));
        if (name.empty()) return fail(column, text, "where", "expected a column name before =");
        if (value.empty()) return fail(column + text.size() + 1, {}, "where", "expected a value after =");
        if (filters_closed_ || filter_set_ == claim::npos) {
            file_.filter_sets.emplace_back();
            filter_set_ = file_.filter_sets.size() - 1;
        }
        filters_closed_ = false;
        file_.filter_sets.back().push_back({std::string(name), std::string(value), line_, column});
        return true;
    }
    bool measure() {
        last_was_statement_ = false;
        if (tokens_.size() < 2) return fail(end_column(), {}, "measure", "expected apprehensions, inadmissibles or total");
        const std::string_view m = tokens_[1].text;
        using borderstats::detail::iequals;
        if (iequals(m, "total")) measure_ = claim_measure::total;
        else if (iequals(m, "apprehensions")) measure_ = claim_measure::apprehensions;
        else if (iequals(m, "inadmissibles")) measure_ = claim_measure::inadmissibles;
        else return fail(tokens_[1].column, m, "measure", "expected apprehensions, inadmissibles or total");
        measure_line_ = line_;
        measure_column_ = tokens_[1].column;
        return no_more(2);
    }

    bool month_at(std::size_t i, year_month& out) {
        if (i >= tokens_.size()) return fail(end_column(), {}, "month", "expected a month YYYY-MM");
        const auto m = try_parse_claim_month(tokens_[i].text);
        if (!m) return fail(tokens_[i].column, tokens_[i].text, "month", "expected a month YYYY-MM");
        out = *m;
        return true;
    }
    bool comparison_at(std::size_t i, comparison& out) {
        if (i >= tokens_.size()) return fail(end_column(), {}, "comparison", "expected =, >, <, >= or <=");
        const auto c = try_parse_comparison(tokens_[i].text);
        if (!c) return fail(tokens_[i].column, tokens_[i].text, "comparison", "expected =, >, <, >= or <=");
        out = *c;
        return true;
    }
    bool figure_from(std::size_t first, std::size_t last, written_figure& out, bool percent) {
        if (first >= last) return fail(end_column(), {}, "figure", figure_message);
        std::string_view why;
        std::size_t at = first;
        const auto f = try_parse_figure(tokens_, first, last, &why, &at);
        if (!f) return fail(tokens_[at].column, tokens_[at].text, "figure", why);
        if (percent && !f->percent)
            return fail(f->column, f->text, "figure", "a change is a percent: write it as +32% or -13.8%");
        if (!percent && f->percent)
            return fail(f->column, f->text, "figure", "this claim is a count, not a percent: write it as 144,278");
        if (!percent && f->digits < 0) return fail(f->column, f->text, "figure", "a count cannot be negative");
        if (!percent && f->exponent < 0)
            return fail(f->column, f->text, "figure", "a count is a whole number (1.2345 thousand is not)");
        out = *f;
        return true;
    }
    /// Index of the next comparison token at or after `i`.
    std::size_t next_comparison(std::size_t i) const noexcept {
        while (i < tokens_.size() && !looks_like_comparison(tokens_[i].text)) ++i;
        return i;
    }

    bool parse_claim() {
        last_was_statement_ = false;
        if (tokens_.size() < 2) return fail(end_column(), {}, "claim", "expected count, change, streak, fytd, fy or sum");
        claim c;
        c.line = line_;
        c.text = std::string(rest().first);
        c.column = rest().second;
        const std::string_view kind = tokens_[1].text;
        using borderstats::detail::iequals;
        std::size_t op_at = 0;
        if (iequals(kind, "count") || iequals(kind, "fytd") || iequals(kind, "streak")) {
            c.kind = iequals(kind, "count") ? claim_kind::count : iequals(kind, "fytd") ? claim_kind::fytd : claim_kind::streak;
            if (!month_at(2, c.last)) return false;
            c.first = c.last;
            op_at = 3;
        } else if (iequals(kind, "change") || iequals(kind, "sum")) {
            c.kind = iequals(kind, "change") ? claim_kind::change : claim_kind::sum;
            if (!periods(c)) return false;
            op_at = 4;
        } else if (iequals(kind, "fy")) {
            c.kind = claim_kind::fiscal_year;
            if (tokens_.size() < 3) return fail(end_column(), {}, "fiscal year", "expected a fiscal year, 2022 or FY2022");
            const auto y = try_parse_claim_fiscal_year(tokens_[2].text);
            if (!y) return fail(tokens_[2].column, tokens_[2].text, "fiscal year", "expected a fiscal year, 2022 or FY2022");
            c.fiscal_year = *y;
            op_at = 3;
        } else {
            return fail(tokens_[1].column, kind, "claim", "expected count, change, streak, fytd, fy or sum");
        }
        if (c.kind == claim_kind::streak && !streak_threshold(c, op_at)) return false;
        if (!comparison_at(op_at, c.op)) return false;
        if (!figure_from(op_at + 1, tokens_.size(), c.figure, c.kind == claim_kind::change)) return false;
        return add(std::move(c));
    }
    /// `change A B` / `sum A B`: two months, or for change two fiscal years.
    bool periods(claim& c) {
        if (c.kind == claim_kind::change && tokens_.size() > 3) {
            const auto a = try_parse_claim_fiscal_year(tokens_[2].text);
            const auto b = try_parse_claim_fiscal_year(tokens_[3].text);
            if (a && b && tokens_[2].text.size() == 6) {
                c.fiscal_year = *a;
                c.second_fiscal_year = *b;
                return true;
            }
        }
        if (!month_at(2, c.first) || !month_at(3, c.last)) return false;
        if (c.kind == claim_kind::sum && c.last < c.first)
            return fail(tokens_[3].column, tokens_[3].text, "month", "expected a month not before the first one");
        return true;
    }
    /// `streak M >= T`: the threshold, up to the next comparison; `op_at` is
    /// moved to that comparison.
    bool streak_threshold(claim& c, std::size_t& op_at) {
        comparison t{};
        if (!comparison_at(3, t)) return false;
        if (t != comparison::greater_equal && t != comparison::greater)
            return fail(tokens_[3].column, tokens_[3].text, "comparison",
                        "a streak counts months at or above a threshold: write >= 100,000 (or > 100,000)");
        c.threshold_inclusive = t == comparison::greater_equal;
        const std::size_t end = next_comparison(4);
        written_figure threshold;
        if (!figure_from(4, end, threshold, false)) return false;
        c.threshold = threshold.count();
        op_at = end;
        return true;
    }
    bool add(claim c) {
        if (file_.data_sets.empty())
            return fail(1, "claim", "claim", "no data line before this claim: write `data FILE` above it");
        c.statement = file_.statements.empty() ? claim::npos : file_.statements.size() - 1;
        c.data_set = file_.data_sets.size() - 1;
        c.filter_set = filter_set_;
        c.measure = measure_;
        c.measure_line = measure_line_;
        c.measure_column = measure_column_;
        c.made = made_;
        data_closed_ = true;
        filters_closed_ = true;
        file_.claims.push_back(std::move(c));
        return true;
    }

    claims_file file_;
    std::size_t line_ = 0;
    std::string_view text_;
    parse_failure* failure_ = nullptr;
    std::vector<claim_token> tokens_;
    bool last_was_statement_ = false;
    bool data_closed_ = false;     // a claim since the last data line: the next data line starts a new set
    bool filters_closed_ = false;  // likewise for where lines
    std::size_t filter_set_ = claim::npos;
    claim_measure measure_ = claim_measure::total;
    std::size_t measure_line_ = 0;
    std::size_t measure_column_ = 0;
    std::optional<claim_date> made_;
};

}  // namespace detail

/// The most a claims file may hold: 16 MiB, as a CSV record
/// (io/dialect.hpp). A claims file is a page of text; what is larger (a
/// device such as /dev/zero, a data file named by mistake) is refused at the
/// byte that passed the limit, never read until memory runs out.
inline constexpr std::size_t claims_file_max_bytes = std::size_t{1} << 24;

namespace detail {

/// Index of the first control byte of `text` other than a tab (and, with
/// `line_ends`, a line feed or carriage return), or npos. A claims file is
/// text: a NUL or other control byte means it is not one.
inline std::size_t control_byte(std::string_view text, bool line_ends = false) noexcept {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\t' || (line_ends && (c == '\n' || c == '\r'))) continue;
        if (c < 0x20 || c == 0x7F) return i;
    }
    return std::string_view::npos;
}

inline parse_failure control_byte_failure(const std::string& source, std::size_t line, std::string_view text,
                                          std::size_t at) {
    static constexpr char hex[] = "0123456789ABCDEF";
    const auto c = static_cast<unsigned char>(text[at]);
    std::string code = "U+00";
    code += hex[c >> 4];
    code += hex[c & 15];
    return parse_failure{text_location{source, line, at + 1}, {}, {},
                         "expected text: a claims file holds no control character (found " + code +
                             (c == 0 ? ", a NUL byte" : "") + "; is this a claims file?)"};
}

/// The failure of a claims text longer than `limit` bytes, at the byte past it.
inline parse_failure too_long_failure(const std::string& source, std::string_view text, std::size_t limit) {
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.begin() + limit, '\n'));
    const std::size_t last_end = text.substr(0, limit).rfind('\n');
    const std::size_t column = last_end == std::string_view::npos ? limit + 1 : limit - last_end;
    const std::string most = limit == claims_file_max_bytes ? "16 MiB (16,777,216 bytes)" : std::to_string(limit) + " bytes";
    return parse_failure{text_location{source, lines + 1, column}, {}, {},
                         "a claims file holds at most " + most + ": byte " +
                             (limit == claims_file_max_bytes ? std::string("16,777,217") : std::to_string(limit + 1)) +
                             " is past the limit; is this a claims file?"};
}

/// All of `in`, at most `limit` bytes; reading stops early at a control
/// byte, which the parser then reports at its line and column.
inline std::optional<std::string> try_read_claims_text(std::FILE* in, const std::string& source, std::size_t limit,
                                                       parse_failure& failure) {
    std::string text;
    char buffer[1 << 16];
    for (;;) {
        const std::size_t n = std::fread(buffer, 1, sizeof buffer, in);
        // One byte past the limit is kept, to say where it is passed; written
        // so that limit == SIZE_MAX (no limit) cannot wrap to keeping nothing.
        const std::size_t room = limit - text.size();
        const std::size_t keep = n <= room ? n : room + 1;
        text.append(buffer, keep);
        if (text.size() > limit) {
            failure = too_long_failure(source, text, limit);
            return std::nullopt;
        }
        if (control_byte(std::string_view(buffer, keep), true) != std::string_view::npos) break;
        if (n < sizeof buffer) break;
    }
    if (std::ferror(in) != 0) {
        failure = parse_failure{text_location{source, 0, 0}, {}, {}, "cannot read the claims file"};
        return std::nullopt;
    }
    return text;
}

}  // namespace detail

/// Reads the text of a claims file; `source` names it in errors and `base` is
/// the folder its data paths are relative to. Empty with `failure` set at the
/// first bad line (a control byte such as NUL is an error at its line and
/// column).
inline std::optional<claims_file> try_parse_claims(std::string_view text, const std::string& source,
                                                   std::filesystem::path base, parse_failure& failure) {
    detail::claims_parser parser(source, std::move(base));
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::size_t number = 0;
    while (!text.empty() || number == 0) {
        ++number;
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (const std::size_t at = detail::control_byte(line); at != std::string_view::npos) {
            failure = detail::control_byte_failure(source, number, line, at);
            return std::nullopt;
        }
        if (!parser.line(line, number, failure)) return std::nullopt;
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return parser.finish();
}

/// Throwing form of `try_parse_claims`.
inline claims_file parse_claims(std::string_view text, const std::string& source = "<string>",
                                std::filesystem::path base = {}) {
    parse_failure failure;
    auto f = try_parse_claims(text, source, std::move(base), failure);
    if (!f) detail::raise(parse_error(std::move(failure)));
    return std::move(*f);
}

/// Reads a claims file from an open stream such as `stdin` (at most
/// `max_bytes`); `source` names it in errors, data paths are relative to
/// `base` (the working folder when empty).
inline std::optional<claims_file> try_load_claims(std::FILE* in, const std::string& source, std::filesystem::path base,
                                                  parse_failure& failure,
                                                  std::size_t max_bytes = claims_file_max_bytes) {
    const auto text = detail::try_read_claims_text(in, source, max_bytes, failure);
    if (!text) return std::nullopt;
    return try_parse_claims(*text, source, std::move(base), failure);
}

/// Reads the claims file at `path` (at most `claims_file_max_bytes`); data
/// paths are relative to its folder. A directory, or a path that cannot be
/// opened, is a failure naming it.
inline std::optional<claims_file> try_load_claims_file(const std::filesystem::path& path, parse_failure& failure) {
    const std::string name = path.string();
    // The readers' one way to open a file (io/file.hpp): a directory is
    // refused before opening, and the file is closed however this returns.
    io::detail::input_file file;
    switch (file.open(io::file_path(path))) {
        case io::detail::file_open::ok: break;
        case io::detail::file_open::directory:
            failure = parse_failure{text_location{name, 0, 0}, {}, {}, "expected a claims file, found a directory"};
            return std::nullopt;
        case io::detail::file_open::cannot_open:
            failure = parse_failure{text_location{name, 0, 0}, {}, {},
                                    "cannot open the claims file: it does not exist or cannot be read"};
            return std::nullopt;
    }
    return try_load_claims(file.get(), name, path.parent_path(), failure);
}

/// Throwing form of `try_load_claims_file`.
inline claims_file load_claims_file(const std::filesystem::path& path) {
    parse_failure failure;
    auto f = try_load_claims_file(path, failure);
    if (!f) detail::raise(parse_error(std::move(failure)));
    return std::move(*f);
}

}  // namespace v1
}  // namespace borderstats
