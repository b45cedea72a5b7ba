// borderstats/output/claims.hpp: claim results (claims.hpp) as a text table,
// Markdown, CSV and JSON.
//
//   std::cout << to_text(results);      // a table of verdicts, then each claim's formula, sources, reason
//   std::cout << to_json(results);      // for other tools
//
// JSON is an array with one object per claim:
//   {"line":6,"claim":"count 2019-05 = 144,278","statement":"...","made":"2019-06-05",
//    "figure_then":144278,"figure_now":144116,"formula_then":"May 2019: 144,278",...,
//    "verdict_then":"supported","verdict_now":"not supported",
//    "reason":"then: ...; now: ...","reason_then":"...","reason_now":"...",
//    "sources":[{"file":"...","published":"2019-06-05","release":"...","used":"then"}]}
// A figure that could not be computed is null; verdicts are exactly
// "supported", "not supported" or "cannot be checked". CSV has one row per
// claim with the same fields (sources as "file (date); ...").
#pragma once

#include <algorithm>
#include <cstddef>
#include <sstream>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "../claims.hpp"
#include "table.hpp"
#include "write.hpp"

namespace borderstats {
inline namespace v1 {

namespace detail {

inline std::string release_text(const release_ref& r) {
    std::string out = r.published.empty() ? "no date" : r.published;
    if (!r.label.empty()) out += " " + r.label;
    return out;
}

/// "FILE (2019-06-05 May-data release; 2019-03-05 ...); FILE2 (2025-09-22)":
/// releases grouped by file, in order of first use.
inline std::string sources_text(const std::vector<release_ref>& sources) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& r : sources) {
        auto it = std::find_if(files.begin(), files.end(), [&](const auto& f) { return f.first == r.file; });
        if (it == files.end()) files.emplace_back(r.file, release_text(r));
        else it->second += "; " + release_text(r);
    }
    std::string out;
    for (const auto& f : files) out += (out.empty() ? "" : "; ") + f.first + " (" + f.second + ")";
    return out;
}

inline std::string figure_cell(const claim_evaluation& e) { return e.figure_text.empty() ? "–" : e.figure_text; }

/// One reason for both sides when they agree, else "then: ...; now: ...".
inline std::string combined_reason(const claim_result& r) {
    if (r.then.reason == r.now.reason) return r.now.reason;
    return "then: " + r.then.reason + "; now: " + r.now.reason;
}

inline table claims_table(const std::vector<claim_result>& results) {
    table t;
    t.add_column("line").add_column("claim", align::left);
    t.add_column("then").add_column("verdict then", align::left);
    t.add_column("now").add_column("verdict now", align::left);
    for (const auto& r : results)
        t.add_row({std::to_string(r.line), r.claim, figure_cell(r.then), std::string(to_string(r.then.result)),
                   figure_cell(r.now), std::string(to_string(r.now.result))});
    return t;
}

/// "Statement (line 1): ...", "Made 2019-06-05: ..." for each new statement.
inline std::string statement_header(const claim_result& r, bool markdown) {
    std::string out;
    if (!r.statement.empty()) out += (markdown ? "> " : "Statement: ") + r.statement + "\n";
    out += r.made ? "Made " + r.made->to_string() +
                        ": \"then\" is what was published on or before that day, \"now\" the latest release.\n"
                  : "No `made` date: only the latest figures are checked.\n";
    return out + "\n";
}

inline std::string side_details(const char* name, const claim_evaluation& e, const std::string& indent) {
    std::string out = indent + name + ": " + std::string(to_string(e.result));
    if (!e.formula.empty()) out += "; " + e.formula;
    out += "\n";
    if (!e.sources.empty()) out += indent + "  from " + sources_text(e.sources) + "\n";
    if (!e.reason.empty()) out += indent + "  " + e.reason + "\n";
    return out;
}

/// Groups of results that share a statement and a made date.
template <typename Emit>
void for_each_statement(const std::vector<claim_result>& results, Emit emit) {
    std::size_t start = 0;
    for (std::size_t i = 1; i <= results.size(); ++i) {
        if (i < results.size() && results[i].statement == results[start].statement &&
            results[i].made.has_value() == results[start].made.has_value() &&
            (!results[i].made || *results[i].made == *results[start].made))
            continue;
        emit(std::vector<claim_result>(results.begin() + static_cast<std::ptrdiff_t>(start),
                                       results.begin() + static_cast<std::ptrdiff_t>(i)));
        start = i;
    }
}

/// The text and Markdown forms: per statement, a header, the table of
/// verdicts, then each claim's details.
inline std::string render_claims(const std::vector<claim_result>& results, bool markdown) {
    std::string out;
    for_each_statement(results, [&](const std::vector<claim_result>& group) {
        out += statement_header(group.front(), markdown);
        const table t = claims_table(group);
        out += (markdown ? to_markdown(t) : to_text(t)) + "\n";
        const std::string indent = markdown ? "  - " : "  ";
        for (const auto& r : group) {
            out += markdown ? "- **line " + std::to_string(r.line) + "** `" + r.claim + "`\n"
                            : "line " + std::to_string(r.line) + ": " + r.claim + "\n";
            out += side_details("then", r.then, indent) + side_details("now", r.now, indent);
        }
        out += "\n";
    });
    return out;
}

}  // namespace detail

/// A table of verdicts per statement, then each claim's formula, releases
/// and reason.
inline std::string to_text(const std::vector<claim_result>& results) { return detail::render_claims(results, false); }

/// As `to_text`, in GitHub-flavoured Markdown.
inline std::string to_markdown(const std::vector<claim_result>& results) { return detail::render_claims(results, true); }

/// One CSV record per claim.
inline std::string to_csv(const std::vector<claim_result>& results, const io::csv_write_options& o = {}) {
    std::ostringstream os;
    io::csv_writer w(os, o);
    w.row({"line", "claim", "made", "figure_then", "figure_now", "formula_then", "formula_now", "verdict_then",
           "verdict_now", "reason_then", "reason_now", "sources_then", "sources_now"});
    const auto figure = [&](const claim_evaluation& e) {
        if (e.count) w.number(*e.count);
        else w.number(e.percent);
    };
    for (const auto& r : results) {
        w.field(std::to_string(r.line)).field(r.claim).field(r.made ? r.made->to_string() : "");
        figure(r.then);
        figure(r.now);
        w.field(r.then.formula).field(r.now.formula);
        w.field(to_string(r.then.result)).field(to_string(r.now.result));
        w.field(r.then.reason).field(r.now.reason);
        w.field(detail::sources_text(r.then.sources)).field(detail::sources_text(r.now.sources)).end_row();
    }
    return os.str();
}

namespace detail {
inline std::string json_figure(const claim_evaluation& e) {
    if (e.count) return io::detail::number_text(*e.count);
    return io::detail::json_number_or_null(e.percent);
}

inline void append_json_field(std::string& out, const char* name, const std::string& value_json, bool first = false) {
    if (!first) out += ',';
    io::append_json_string(out, name);
    out += ':';
    out += value_json;
}

inline std::string json_sources(const claim_result& r) {
    std::vector<std::pair<release_ref, std::string>> all;
    for (const auto& s : r.then.sources) all.emplace_back(s, "then");
    for (const auto& s : r.now.sources) {
        auto it = std::find_if(all.begin(), all.end(), [&](const auto& p) { return p.first == s; });
        if (it != all.end()) it->second = "both";
        else all.emplace_back(s, "now");
    }
    std::string out = "[";
    for (std::size_t i = 0; i < all.size(); ++i) {
        out += i ? ",{" : "{";
        append_json_field(out, "file", io::json_string(all[i].first.file), true);
        append_json_field(out, "published",
                          all[i].first.published.empty() ? "null" : io::json_string(all[i].first.published));
        append_json_field(out, "release", io::json_string(all[i].first.label));
        append_json_field(out, "used", io::json_string(all[i].second));
        out += '}';
    }
    return out + "]";
}
}  // namespace detail

/// A JSON array, one object per claim (see the file comment).
inline std::string to_json(const std::vector<claim_result>& results) {
    using io::json_string;
    std::string out = "[";
    for (std::size_t i = 0; i < results.size(); ++i) {
        const claim_result& r = results[i];
        out += i ? ",\n {" : "\n {";
        detail::append_json_field(out, "line", std::to_string(r.line), true);
        detail::append_json_field(out, "claim", json_string(r.claim));
        detail::append_json_field(out, "statement", json_string(r.statement));
        detail::append_json_field(out, "made", r.made ? json_string(r.made->to_string()) : "null");
        detail::append_json_field(out, "figure_then", detail::json_figure(r.then));
        detail::append_json_field(out, "figure_now", detail::json_figure(r.now));
        detail::append_json_field(out, "formula_then", json_string(r.then.formula));
        detail::append_json_field(out, "formula_now", json_string(r.now.formula));
        detail::append_json_field(out, "verdict_then", json_string(to_string(r.then.result)));
        detail::append_json_field(out, "verdict_now", json_string(to_string(r.now.result)));
        detail::append_json_field(out, "reason", json_string(detail::combined_reason(r)));
        detail::append_json_field(out, "reason_then", json_string(r.then.reason));
        detail::append_json_field(out, "reason_now", json_string(r.now.reason));
        detail::append_json_field(out, "sources", detail::json_sources(r));
        out += '}';
    }
    return out + (results.empty() ? "]\n" : "\n]\n");
}

}  // namespace v1
}  // namespace borderstats
