// borderstats/detail/nearest.hpp: "did you mean ...?" for lookups by name.
//
// When a caller asks for a value or a column a file does not have, the error
// names the closest names that are there:
//
//     nearest_names("Pedestrian", {"Trucks", "Pedestrians", "Buses"})  // {"Pedestrians"}
//     suggestion_text("Pedestrian", names)  // "did you mean 'Pedestrians'?"
//
// Closeness is the edit distance (insertions, deletions, substitutions of
// bytes) with ASCII case ignored; a name is a candidate when that distance is
// at most a third of the longer name (at least 2), or when one name contains
// the other ignoring case. Names longer than 128 bytes are compared on their
// first 128 bytes, so a hostile file cannot make a message cost more than
// about 16,000 steps per name. Not public API.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../calendar.hpp"  // detail::ascii_lower
#include "../error.hpp"

namespace borderstats {
inline namespace v1 {
namespace detail {

/// Edit distance of `a` and `b`, ignoring ASCII case; both cut to 128 bytes.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    constexpr std::size_t cap = 128;
    a = a.substr(0, cap);
    b = b.substr(0, cap);
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitute = diagonal + (ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1);
            std::size_t best = above + 1 < row[j - 1] + 1 ? above + 1 : row[j - 1] + 1;
            if (substitute < best) best = substitute;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// Whether `needle` occurs in `hay`, ignoring ASCII case.
inline bool contains_ignoring_case(std::string_view hay, std::string_view needle) noexcept {
    if (needle.empty() || needle.size() > hay.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && ascii_lower(hay[i + k]) == ascii_lower(needle[k])) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

/// The names closest to `wanted`, best first (ties in the order given), at
/// most `limit` of them; empty when none is close. A name is close when its
/// edit distance is at most a third of the longer name (2 at least) or when
/// one contains the other; of those by distance, only the ones not much
/// further than the best are kept ("Northen Land Border" suggests "Northern
/// Land Border", not also "Southwest Land Border" seven edits away).
template <typename Names>
std::vector<std::string_view> nearest_names(std::string_view wanted, const Names& names, std::size_t limit = 3) {
    struct candidate {
        std::size_t distance;
        bool contains;
        std::string_view name;
    };
    std::vector<candidate> close;
    std::size_t best = static_cast<std::size_t>(-1);
    for (const auto& n : names) {
        const std::string_view name(n);
        const std::size_t longer = name.size() > wanted.size() ? name.size() : wanted.size();
        const std::size_t allowed = longer / 3 > 2 ? longer / 3 : 2;
        const std::size_t d = edit_distance(wanted, name);
        const bool contains = contains_ignoring_case(name, wanted) || contains_ignoring_case(wanted, name);
        if (d <= allowed) best = d < best ? d : best;
        if (d <= allowed || contains) close.push_back(candidate{d, contains, name});
    }
    // A stable insertion sort by distance: the lists are short.
    for (std::size_t i = 1; i < close.size(); ++i)
        for (std::size_t j = i; j > 0 && close[j].distance < close[j - 1].distance; --j)
            std::swap(close[j], close[j - 1]);
    const std::size_t margin = best > 2 ? best : 2;
    std::vector<std::string_view> out;
    for (const candidate& c : close)
        if (out.size() < limit && (c.contains || c.distance <= best + margin)) out.push_back(c.name);
    return out;
}

/// "'A'", "'A' or 'B'", "'A', 'B' or 'C'".
inline std::string quoted_list(const std::vector<std::string_view>& names, std::string_view last_joiner = " or ") {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += (i + 1 == names.size()) ? std::string(last_joiner) : std::string(", ");
        out += '\'';
        out += quote_for_message(names[i]);
        out += '\'';
    }
    return out;
}

/// "did you mean 'Pedestrians'?" when some names are close; otherwise the
/// names there are ("its values are 'A', 'B', 'C' and 9 more"), or "it has
/// none" when there are none.
template <typename Names>
std::string suggestion_text(std::string_view wanted, const Names& names, std::string_view what = "values") {
    const std::vector<std::string_view> close = nearest_names(wanted, names);
    if (!close.empty()) return "did you mean " + quoted_list(close) + "?";
    std::vector<std::string_view> first;
    std::size_t total = 0;
    for (const auto& n : names) {
        if (first.size() < 5) first.emplace_back(n);
        ++total;
    }
    if (total == 0) return "it has no " + std::string(what);
    std::string out = "its " + std::string(what) + " are " + quoted_list(first, total > first.size() ? ", " : " and ");
    if (total > first.size()) out += " and " + std::to_string(total - first.size()) + " more";
    return out;
}

}  // namespace detail
}  // namespace v1
}  // namespace borderstats
