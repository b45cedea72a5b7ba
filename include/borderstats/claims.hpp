// borderstats/claims.hpp: check the claims of a statement against release
// histories, as known the day it was made and as known now.
//
// A claim (claims_file.hpp) names a figure (a month, a change, a streak, a
// fiscal year to date, a fiscal year, a sum of months) and what the statement
// said of it (`= 144,278`, `= +32%`, `> 680,000`). Evaluating it computes the
// figure twice: from what was published on or before the `made` day ("then")
// and from the latest releases ("now"), and gives each a verdict:
//
//   supported          the figure, rounded half away from zero to the
//                      precision written, equals the claim (`=`), or the exact
//                      comparison holds (`>`, `<`, `>=`, `<=`)
//   not supported      it does not
//   cannot be checked  the figure cannot be computed: a month not yet
//                      published that day, a gap, a filter that matched
//                      nothing, a change from zero, a release without a date.
//                      Never a guess, never a zero.
//
// The two lines a user writes (io/claims_data.hpp reads the files):
//
//   const auto results = io::check_claims_file("june_2019_statement.claims");
//   std::cout << to_text(results);          // output/claims.hpp: text, Markdown, CSV, JSON
//
// Each result carries the claim's line, the figure then and now, the formula
// in words ("144,278 / 109,474 - 1 = +31.8%"), the releases used (file,
// publication date) and the reason for each verdict, with a note where a
// later release dropped a month whose earlier figure is used. Figures that
// add up to more than 64 bits are bad data, not a verdict: `evaluate_claim`
// throws `overflow_error`, `try_evaluate_claim` reports it. The data behind a claim
// is a `figure_history`: anything that gives a month's figure as known on a
// day, the release it came from, and (for publishers' own year-to-date
// totals) totals printed as such.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calendar.hpp"
#include "change.hpp"
#include "checked.hpp"
#include "claims_file.hpp"
#include "fiscal.hpp"
#include "output/format.hpp"

namespace borderstats {
inline namespace v1 {

// -------------------------------------------------------------------- MODEL

/// "supported", "not supported", "cannot be checked".
enum class verdict : std::uint8_t { supported, not_supported, cannot_be_checked };

constexpr std::string_view to_string(verdict v) noexcept {
    switch (v) {
        case verdict::supported: return "supported";
        case verdict::not_supported: return "not supported";
        default: return "cannot be checked";
    }
}

/// A release a figure came from.
struct release_ref {
    std::string file;       ///< as the claims file names it
    std::string published;  ///< "2019-06-05", "2019-06" (month only) or "" (no date)
    std::string label;      ///< the release's name where the data give one

    friend bool operator==(const release_ref& a, const release_ref& b) {
        return a.file == b.file && a.published == b.published && a.label == b.label;
    }
    friend bool operator!=(const release_ref& a, const release_ref& b) { return !(a == b); }
};

/// A figure and the release that gave it.
struct sourced_figure {
    std::int64_t value = 0;
    release_ref release;
    /// What a reader should know of it, e.g. that a later release dropped the
    /// month and this earlier figure is kept (releases.hpp); may be empty.
    std::string note;
};

/// A claim evaluated on one day ("then") or on the latest figures ("now").
struct claim_evaluation {
    /// The computed figure: a count, or a percent for a change; empty when it
    /// cannot be computed.
    std::optional<std::int64_t> count;
    std::optional<double> percent;
    std::string figure_text;  ///< "144,278", "+31.8%", "" when not computable
    std::string formula;      ///< in words
    std::vector<release_ref> sources;
    verdict result = verdict::cannot_be_checked;
    std::string reason;

    bool computed() const noexcept { return count.has_value() || percent.has_value(); }
};

/// One claim, evaluated then and now.
struct claim_result {
    std::size_t line = 0;
    std::string claim;      ///< the claim as written
    std::string statement;  ///< the statement it belongs to (may be empty)
    std::optional<claim_date> made;
    claim_evaluation then;
    claim_evaluation now;
};

// ------------------------------------------------------------------ HISTORY

/// The data behind a claim: one measure of one (filtered) set of releases.
class figure_history {
public:
    virtual ~figure_history() = default;
    /// The figure of month `m` as known on `day` (the latest when empty).
    virtual std::optional<sourced_figure> month(year_month m, const std::optional<claim_date>& day) const = 0;
    /// The first release that gave month `m`.
    virtual std::optional<sourced_figure> first_published(year_month m) const = 0;
    /// A total a release printed for exactly the months first..last (a
    /// publisher's fiscal year to date) as known on `day`, when it is the
    /// figure for that span: the months do not all have a figure, or it was
    /// printed after them. Empty otherwise: the months are summed.
    virtual std::optional<sourced_figure> printed_total(year_month, year_month, const std::optional<claim_date>&) const {
        return std::nullopt;
    }
    /// Non-empty when "as known then" cannot be evaluated (a release without
    /// a publication date): why.
    virtual std::string undated_reason() const { return {}; }
    /// Non-empty when there are no figures at all (a filter that matched no
    /// record): why.
    virtual std::string empty_reason() const { return {}; }
};

// --------------------------------------------------------------- EVALUATION

namespace detail {

inline std::string day_text(const std::optional<claim_date>& day) { return day ? day->to_string() : "now"; }

inline void add_source(std::vector<release_ref>& out, const release_ref& r) {
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
}

/// Why month `m` has no figure on `day`.
inline std::string why_missing(const figure_history& h, year_month m, const std::optional<claim_date>& day) {
    std::string empty = h.empty_reason();
    if (!empty.empty()) return empty;
    if (day) {
        if (const auto first = h.first_published(m)) {
            std::string out = to_long_string(m) + " was not yet published on " + day->to_string() +
                              " (first published " + (first->release.published.empty() ? "on an unknown date"
                                                                                      : first->release.published);
            return out + " in " + first->release.file + ")";
        }
    }
    return "no release gives a figure for " + to_long_string(m) + ": outside the data, or a gap";
}

/// What a claim computes, before it is compared.
struct computation {
    std::optional<std::int64_t> count;
    /// A change: from and to, exact.
    std::optional<std::pair<std::int64_t, std::int64_t>> change;
    /// A streak that reached a gap or the start of the data: at least `count`.
    bool at_least = false;
    std::string formula;
    std::vector<release_ref> sources;
    std::string missing;   ///< why not computable
    std::string overflow;  ///< a sum that does not fit 64 bits: bad data, an error rather than a verdict
    std::vector<std::string> notes;  ///< of the figures used (sourced_figure::note), each once
};

inline void add_note(std::vector<std::string>& out, const std::string& note) {
    if (!note.empty() && std::find(out.begin(), out.end(), note) == out.end()) out.push_back(note);
}

/// Why the figures of first..last known on `day` do not fit a 64-bit sum;
/// empty when they do (months without a figure are passed over).
inline std::string sum_overflow(const figure_history& h, year_month first, year_month last,
                                const std::optional<claim_date>& day) {
    std::int64_t total = 0;
    for (year_month m : month_range::inclusive(first, last)) {
        const auto f = h.month(m, day);
        if (!f) continue;
        std::int64_t next = 0;
        if (borderstats::detail::add_overflow(total, f->value, &next))
            return "the figures of " + to_long_string(first) + " through " + to_long_string(last) +
                   " add up to more than a 64-bit integer holds: " + format_count(total) + " + " +
                   format_count(f->value) + " at " + to_long_string(m);
        total = next;
    }
    return {};
}

/// `first`..`last` summed from the months as known on `day`.
inline computation sum_months(const figure_history& h, year_month first, year_month last,
                              const std::optional<claim_date>& day) {
    computation out;
    std::int64_t total = 0;
    std::string terms;
    for (year_month m : month_range::inclusive(first, last)) {
        const auto f = h.month(m, day);
        if (!f) {
            out.missing = why_missing(h, m, day);
            return out;
        }
        std::int64_t next = 0;
        if (borderstats::detail::add_overflow(total, f->value, &next)) {
            out.overflow = sum_overflow(h, first, last, day);
            return out;
        }
        total = next;
        if (!terms.empty()) terms += " + ";
        terms += format_count(f->value);
        add_source(out.sources, f->release);
        add_note(out.notes, f->note);
    }
    const int n = (last - first).count() + 1;
    if (n <= 4)
        out.formula = terms + " = " + format_count(total);
    else
        out.formula = to_long_string(first) + " through " + to_long_string(last) + " (" + std::to_string(n) +
                      " months) = " + format_count(total);
    out.count = total;
    return out;
}

/// A span of months (a fiscal year to date, a fiscal year, `sum A B`): the
/// total a release printed for exactly that span where the history says it
/// stands (the months do not all have a figure, or the total was printed
/// after them: releases.hpp), else the sum of the months.
inline computation span_total(const figure_history& h, year_month first, year_month last,
                              const std::optional<claim_date>& day) {
    // Checked first: a history's printed_total adds the months up too.
    if (std::string why = sum_overflow(h, first, last, day); !why.empty()) {
        computation out;
        out.overflow = std::move(why);
        return out;
    }
    if (const auto t = h.printed_total(first, last, day)) {
        computation printed;
        printed.count = t->value;
        printed.formula = format_count(t->value) + ", the total for " + to_long_string(first) + " through " +
                          to_long_string(last) + " as the release printed it";
        printed.sources.push_back(t->release);
        add_note(printed.notes, t->note);
        return printed;
    }
    return sum_months(h, first, last, day);
}

inline computation fiscal_total(const figure_history& h, year_month through, const std::optional<claim_date>& day) {
    return span_total(h, fiscal_year<us_federal>::containing(through).first_month(), through, day);
}

/// The percent change shown with the fewest places beyond `decimals` (at
/// least one) that round to the same figure at `decimals`: 31.49 against
/// `+31%` shows as "+31.49%", never "+31.5%" (which reads as rounding up).
inline std::string shown_percent(std::int64_t from, std::int64_t to, int decimals) {
    const auto exact = make_change(from, to);
    const auto target = exact.rounded_percent_change(decimals);
    for (int k = decimals + 1; k < decimals + 6; ++k) {
        const auto p = exact.rounded_percent_change(k);
        if (round_half_away_from_zero(*p, decimals) == *target) return format_percent(*p, k);
    }
    return format_percent(*exact.rounded_percent_change(decimals + 6), decimals + 6);
}

inline computation change_of(const figure_history& h, const claim& c, const std::optional<claim_date>& day) {
    computation a, b;
    std::string name_a, name_b;
    if (c.compares_fiscal_years()) {
        a = fiscal_total(h, fiscal_year<us_federal>{c.fiscal_year}.last_month(), day);
        b = fiscal_total(h, fiscal_year<us_federal>{c.second_fiscal_year}.last_month(), day);
        name_a = "FY" + std::to_string(c.fiscal_year) + " ";
        name_b = "FY" + std::to_string(c.second_fiscal_year) + " ";
    } else {
        a = sum_months(h, c.first, c.first, day);
        b = sum_months(h, c.last, c.last, day);
    }
    computation out;
    out.overflow = !a.overflow.empty() ? a.overflow : b.overflow;
    if (!a.count || !b.count) {
        out.missing = !a.count ? a.missing : b.missing;
        return out;
    }
    out.sources = a.sources;
    for (const auto& r : b.sources) add_source(out.sources, r);
    out.notes = a.notes;
    for (const auto& n : b.notes) add_note(out.notes, n);
    if (*a.count == 0) {
        out.missing = "the change from zero is undefined";
        return out;
    }
    out.change = std::make_pair(*a.count, *b.count);
    out.formula = name_b + format_count(*b.count) + " / " + name_a + format_count(*a.count) + " - 1 = " +
                  shown_percent(*a.count, *b.count, c.figure.decimals());
    return out;
}

/// `streak M >= T`: walks back from M while the figure meets the threshold.
inline computation streak_of(const figure_history& h, const claim& c, const std::optional<claim_date>& day) {
    computation out;
    const auto meets = [&](std::int64_t v) { return c.threshold_inclusive ? v >= c.threshold : v > c.threshold; };
    const std::string rule = (c.threshold_inclusive ? " >= " : " > ") + format_count(c.threshold);
    if (!h.month(c.last, day)) {
        out.missing = why_missing(h, c.last, day);
        return out;
    }
    std::int64_t run = 0;
    std::string months;
    year_month m = c.last;
    for (;; --m) {
        const auto f = h.month(m, day);
        if (!f) {
            out.at_least = true;
            out.formula = months + "; " + to_long_string(m) + " has no figure, so the run is at least " +
                          std::to_string(run);
            break;
        }
        add_source(out.sources, f->release);
        add_note(out.notes, f->note);
        if (!meets(f->value)) {
            out.formula = (run == 0 ? std::string() : months + rule + "; ") + to_long_string(m) + " " +
                          format_count(f->value) + (run == 0 ? " is not" + rule : " is not");
            break;
        }
        std::string month_text = to_long_string(m);
        month_text += ' ';
        month_text += format_count(f->value);
        if (!months.empty()) month_text += ", " + months;
        months = std::move(month_text);
        ++run;
        if (m == year_month::min()) break;
    }
    out.count = run;
    return out;
}

inline computation compute(const figure_history& h, const claim& c, const std::optional<claim_date>& day) {
    switch (c.kind) {
        case claim_kind::count: {
            computation out = sum_months(h, c.last, c.last, day);
            if (out.count) out.formula = to_long_string(c.last) + ": " + format_count(*out.count);
            return out;
        }
        case claim_kind::change: return change_of(h, c, day);
        case claim_kind::streak: return streak_of(h, c, day);
        case claim_kind::fytd: return fiscal_total(h, c.last, day);
        case claim_kind::fiscal_year: return fiscal_total(h, fiscal_year<us_federal>{c.fiscal_year}.last_month(), day);
        default: return span_total(h, c.first, c.last, day);
    }
}

/// -1, 0, 1: how `value` compares with `target`.
template <typename T>
constexpr int three_way(T value, T target) noexcept {
    return value < target ? -1 : (target < value ? 1 : 0);
}

inline bool holds(comparison op, int order) noexcept {
    switch (op) {
        case comparison::equal: return order == 0;
        case comparison::greater: return order > 0;
        case comparison::less: return order < 0;
        case comparison::greater_equal: return order >= 0;
        default: return order <= 0;
    }
}

/// The exact percent change from..to against digits x 10^-decimals percent:
/// the sign of (to - from) * 100 * 10^decimals - digits * from (from > 0).
inline int compare_percent(std::int64_t from, std::int64_t to, std::int64_t digits, int decimals) {
#if defined(__SIZEOF_INT128__)
    __extension__ using wide = __int128;
#else
    using wide = long double;
#endif
    wide scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const wide lhs = (static_cast<wide>(to) - static_cast<wide>(from)) * 100 * scale;
    const wide rhs = static_cast<wide>(digits) * static_cast<wide>(from);
    return from > 0 ? three_way(lhs, rhs) : three_way(rhs, lhs);
}

inline std::string comparison_words(comparison op) {
    switch (op) {
        case comparison::greater: return "more than";
        case comparison::less: return "less than";
        case comparison::greater_equal: return "at least";
        case comparison::less_equal: return "at most";
        default: return "equal to";
    }
}

/// Verdict and reason for a percent change.
inline void judge_change(const claim& c, const computation& k, claim_evaluation& e) {
    const auto [from, to] = *k.change;
    const written_figure& f = c.figure;
    const int d = f.decimals();
    const auto rounded = make_change(from, to).rounded_percent_change(d);
    std::int64_t scaled = 0;
    if (rounded) {
        double s = *rounded;
        for (int i = 0; i < d; ++i) s *= 10;
        // A percent too large for 64 bits compares as the extreme it exceeds.
        constexpr double limit = 9.0e18;
        scaled = s >= limit    ? std::numeric_limits<std::int64_t>::max()
                 : s <= -limit ? std::numeric_limits<std::int64_t>::min()
                               : static_cast<std::int64_t>(s < 0 ? s - 0.5 : s + 0.5);
    }
    const int order = c.op == comparison::equal ? three_way(scaled, f.digits) : compare_percent(from, to, f.digits, d);
    e.result = holds(c.op, order) ? verdict::supported : verdict::not_supported;
    const std::string shown = shown_percent(from, to, d);
    if (c.op == comparison::equal)
        e.reason = shown + " rounds to " + format_percent(*rounded, d) + (order == 0 ? "" : ", not " + f.text);
    else
        e.reason = shown + (e.result == verdict::supported ? " is " : " is not ") + comparison_words(c.op) + " " + f.text;
}

/// Verdict and reason for a count (count, streak, fytd, fy, sum).
inline void judge_count(const claim& c, const computation& k, claim_evaluation& e) {
    const written_figure& f = c.figure;
    const std::int64_t v = *k.count;
    const std::int64_t unit = f.unit();
    const std::int64_t target = f.count();
    if (k.at_least) {
        // Only a lower bound is known: decide where it suffices.
        const bool decided_yes = (c.op == comparison::greater && v > target) ||
                                 (c.op == comparison::greater_equal && v >= target);
        const bool decided_no = (c.op == comparison::equal && v > target) ||
                                (c.op == comparison::less && v >= target) ||
                                (c.op == comparison::less_equal && v > target);
        e.result = decided_yes ? verdict::supported : decided_no ? verdict::not_supported : verdict::cannot_be_checked;
        e.reason = "the run is at least " + std::to_string(v) + " months (it reaches a month with no figure)";
        return;
    }
    // Rounded half away from zero to `unit` (v >= 0), compared in units so
    // that nothing can overflow: v / unit, plus one when the rest is half or more.
    const std::int64_t units = v / unit + ((v % unit) >= unit - (v % unit) ? 1 : 0);
    const std::int64_t rounded = units <= std::numeric_limits<std::int64_t>::max() / unit ? units * unit : v;
    const int order = c.op == comparison::equal ? three_way(units, f.digits) : three_way(v, target);
    e.result = holds(c.op, order) ? verdict::supported : verdict::not_supported;
    if (c.op == comparison::equal && unit > 1)
        e.reason = format_count(v) + " rounds to " + format_count(rounded) + " at the precision written" +
                   (order == 0 ? "" : ", not " + f.text);
    else if (c.op == comparison::equal)
        e.reason = order == 0 ? "the figure is " + format_count(v) : "the figure is " + format_count(v) + ", not " + f.text;
    else {
        e.reason = format_count(v) + (e.result == verdict::supported ? " is " : " is not ") + comparison_words(c.op) +
                   " " + f.text;
        if (e.result == verdict::not_supported && (c.op == comparison::greater || c.op == comparison::greater_equal))
            e.reason += " (" + format_count(target - v) + " short)";
    }
}

}  // namespace detail

namespace detail {

/// `c` evaluated on `day`; `overflow` set (and the evaluation empty) when a
/// sum does not fit 64 bits.
inline claim_evaluation evaluate_on(const claim& c, const figure_history& h, const std::optional<claim_date>& day,
                                    std::string& overflow) {
    claim_evaluation e;
    const computation k = compute(h, c, day);
    if (!k.overflow.empty()) {
        overflow = k.overflow;
        return e;
    }
    e.formula = k.formula;
    e.sources = k.sources;
    if (!k.count && !k.change) {
        e.reason = k.missing;
        return e;
    }
    if (k.change) {
        e.percent = make_change(k.change->first, k.change->second).percent_change();
        e.figure_text = shown_percent(k.change->first, k.change->second, c.figure.decimals());
        judge_change(c, k, e);
    } else {
        if (!k.at_least) e.count = k.count;
        e.figure_text = (k.at_least ? "at least " : "") + format_count(*k.count);
        judge_count(c, k, e);
    }
    // What the releases say of the figures used (a month a later release dropped).
    for (const std::string& note : k.notes) e.reason += "; note: " + note;
    return e;
}

}  // namespace detail

/// `c` evaluated on `day` (the latest figures when `day` is empty). Throws
/// `overflow_error` when the figures of a sum do not fit 64 bits.
inline claim_evaluation evaluate_claim_on(const claim& c, const figure_history& h, const std::optional<claim_date>& day) {
    std::string overflow;
    claim_evaluation e = detail::evaluate_on(c, h, day, overflow);
    if (!overflow.empty()) detail::raise(overflow_error(overflow));
    return e;
}

/// `c` evaluated as known on its `made` day and on the latest figures; the
/// non-throwing form: empty, with `why` set, when the figures of a sum do not
/// fit 64 bits (bad data rather than a verdict).
inline std::optional<claim_result> try_evaluate_claim(const claim& c, const figure_history& h, std::string statement,
                                                      std::string& why) {
    claim_result r;
    r.line = c.line;
    r.claim = c.text;
    r.statement = std::move(statement);
    r.made = c.made;
    r.now = detail::evaluate_on(c, h, std::nullopt, why);
    if (!c.made) {
        r.then.reason = "the claims file gives no `made` date: only the latest figures are checked";
    } else if (const std::string undated = h.undated_reason(); !undated.empty()) {
        r.then.reason = undated;
    } else if (why.empty()) {
        r.then = detail::evaluate_on(c, h, c.made, why);
    }
    if (!why.empty()) return std::nullopt;
    return r;
}

/// `c` evaluated as known on its `made` day and on the latest figures. Throws
/// `overflow_error` when the figures of a sum do not fit 64 bits.
inline claim_result evaluate_claim(const claim& c, const figure_history& h, std::string statement = {}) {
    std::string why;
    auto r = try_evaluate_claim(c, h, std::move(statement), why);
    if (!r) detail::raise(overflow_error(why));
    return std::move(*r);
}

}  // namespace v1
}  // namespace borderstats
