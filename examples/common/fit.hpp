// examples/common/fit.hpp: a text table (borderstats/output/table.hpp) printed
// within a terminal's width.
//
//   std::cout << example::to_text_within(t, 1);       // 100 columns, column 0 repeated
//
// The columns after the first `keys` ones are cut into blocks, each as wide
// as fits `width` with the key columns repeated at its left, printed one
// under the other with a blank line between. A table that fits is printed
// as to_text prints it. A single column wider than `width` gets a block of
// its own (it is never cut inside).
#pragma once

#include <borderstats/output/table.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace example {

/// The default width of the example programs' output.
inline constexpr std::size_t text_width = 100;

namespace detail {
inline std::size_t code_points(std::string_view s) noexcept {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

/// The columns `picked` of `t`, in that order, as a table of their own.
inline borderstats::table columns_of(const borderstats::table& t, const std::vector<std::size_t>& picked) {
    borderstats::table out;
    for (std::size_t c : picked) out.add_column(t.columns()[c].header, t.columns()[c].alignment);
    for (const auto& row : t.rows()) {
        std::vector<std::string> cells;
        for (std::size_t c : picked) cells.push_back(row[c]);
        out.add_row(std::move(cells));
    }
    return out;
}
}  // namespace detail

/// `t` as aligned text no wider than `width` where its columns allow; see the
/// file comment.
inline std::string to_text_within(const borderstats::table& t, std::size_t keys, std::size_t width = text_width) {
    const std::size_t n = t.column_count();
    keys = std::min(keys, n);
    std::vector<std::size_t> w(n);
    for (std::size_t c = 0; c < n; ++c) {
        w[c] = detail::code_points(t.columns()[c].header);
        for (const auto& row : t.rows()) w[c] = std::max(w[c], detail::code_points(row[c]));
    }
    std::vector<std::size_t> key_columns;
    std::size_t key_width = 0;
    for (std::size_t c = 0; c < keys; ++c) {
        key_columns.push_back(c);
        key_width += (c > 0 ? 2 : 0) + w[c];
    }
    std::string out;
    std::vector<std::size_t> block = key_columns;
    std::size_t block_width = key_width;
    auto flush = [&] {
        if (!out.empty()) out += '\n';
        out += borderstats::to_text(detail::columns_of(t, block));
        block = key_columns;
        block_width = key_width;
    };
    for (std::size_t c = keys; c < n; ++c) {
        const std::size_t add = (block.empty() ? 0 : 2) + w[c];
        if (block.size() > keys && block_width + add > width) flush();
        block_width += (block.empty() ? 0 : 2) + w[c];
        block.push_back(c);
    }
    if (block.size() > keys || out.empty()) flush();
    return out;
}

}  // namespace example
