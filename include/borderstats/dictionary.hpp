// borderstats/dictionary.hpp: string interning for dimension values.
//
// A `dictionary` turns the strings of one dimension ("Southwest Land Border",
// "TX", "Title 42") into small dense codes 0, 1, 2, ... in the order they are
// first seen, so records carry a 4-byte `dimension_code` instead of a string
// and the aggregation core can index flat arrays by code.
//
//     dictionary regions;
//     dimension_code sw = regions.intern("Southwest Land Border");  // 0
//     regions.intern("Northern Land Border");                        // 1
//     regions.intern("Southwest Land Border") == sw;                 // same code
//     regions.name(sw) == "Southwest Land Border";
//     regions.find("Other");                                         // empty optional
//
// Design:
// - The strings live in one arena made of large blocks; a block is never
//   moved or freed while the dictionary lives, so the views returned by
//   `name` stay valid across later `intern` calls (and across moves of the
//   dictionary). Copying a dictionary copies the strings into a fresh arena.
// - Lookup is the library's one hash table, detail::hash_index (linear
//   probing, power-of-two size, at most half full, 32-bit slots holding
//   code + 1, each code's 64-bit hash kept beside it), so a probe compares
//   hashes first and bytes only on a hash match. No std::unordered_map, no
//   node allocation: interning a string already present allocates nothing.
// - Comparison is byte-exact: "TX" and "tx" are different values, and
//   surrounding spaces are kept. Readers decide what to trim before interning.
// - A dictionary holds at most 2^32 - 2 strings (`intern` throws
//   `borderstats::error` beyond that); `dimension_code::none()` is the
//   reserved "no value" code that no dictionary hands out.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detail/hash_index.hpp"
#include "detail/size.hpp"
#include "error.hpp"

namespace borderstats {
inline namespace v1 {

/// The code of an interned string in one `dictionary`. Codes of different
/// dictionaries are unrelated. A default-constructed code is `none()`: a
/// record whose file had no such column carries it.
struct dimension_code {
    static constexpr std::uint32_t none_value = 0xFFFFFFFFu;

    std::uint32_t value = none_value;

    constexpr dimension_code() noexcept = default;
    constexpr explicit dimension_code(std::uint32_t v) noexcept : value(v) {}

    static constexpr dimension_code none() noexcept { return dimension_code{}; }
    /// False for `none()`.
    constexpr bool valid() const noexcept { return value != none_value; }
    /// The code as an array index. Precondition: `valid()`.
    constexpr std::size_t index() const noexcept { return value; }

    friend constexpr bool operator==(dimension_code a, dimension_code b) noexcept { return a.value == b.value; }
    friend constexpr bool operator!=(dimension_code a, dimension_code b) noexcept { return a.value != b.value; }
    friend constexpr bool operator<(dimension_code a, dimension_code b) noexcept { return a.value < b.value; }
    friend constexpr bool operator>(dimension_code a, dimension_code b) noexcept { return a.value > b.value; }
    friend constexpr bool operator<=(dimension_code a, dimension_code b) noexcept { return a.value <= b.value; }
    friend constexpr bool operator>=(dimension_code a, dimension_code b) noexcept { return a.value >= b.value; }
};

/// Interns strings into dense `dimension_code`s; see the file comment.
class dictionary {
public:
    dictionary() = default;
    dictionary(dictionary&&) noexcept = default;
    dictionary& operator=(dictionary&&) noexcept = default;
    ~dictionary() = default;

    dictionary(const dictionary& other) { copy_from(other); }
    dictionary& operator=(const dictionary& other) {
        if (this != &other) {
            dictionary fresh(other);
            *this = std::move(fresh);
        }
        return *this;
    }

    /// The code of `text`, adding it when new (codes are given in order of
    /// first sight: 0, 1, 2, ...).
    dimension_code intern(std::string_view text) {
        const std::uint64_t h = detail::string_hash(text);
        if (const auto code = lookup(text, h)) return *code;
        return insert_new(text, h);
    }

    /// The code of `text` if it was interned; never adds.
    std::optional<dimension_code> find(std::string_view text) const noexcept {
        if (views_.empty()) return std::nullopt;
        return lookup(text, detail::string_hash(text));
    }

    bool contains(std::string_view text) const noexcept { return find(text).has_value(); }

    /// The string of `code`: a view into the arena, valid for the
    /// dictionary's life. Throws `borderstats::error` for a code this
    /// dictionary did not hand out (including `none()`).
    std::string_view name(dimension_code code) const {
        if (!code.valid() || code.index() >= views_.size()) not_a_code(code);
        return views_[code.index()];
    }

    /// Number of distinct strings interned; codes are 0..size()-1.
    std::size_t size() const noexcept { return views_.size(); }
    bool empty() const noexcept { return views_.empty(); }

    /// Every string, indexed by code.
    const std::vector<std::string_view>& names() const noexcept { return views_; }

    /// Makes room for `count` strings without rehashing.
    void reserve(std::size_t count) {
        views_.reserve(count);
        index_.reserve(count);
    }

private:
    static constexpr std::size_t block_size = std::size_t{64} * 1024;

    [[noreturn]] BORDERSTATS_COLD void not_a_code(dimension_code code) const {
        detail::raise(error("dictionary: code " + std::to_string(code.value) + " is not one of its " +
                            std::to_string(views_.size()) + " codes"));
    }

    std::optional<dimension_code> lookup(std::string_view text, std::uint64_t h) const noexcept {
        const auto code = index_.find(h, [&](std::uint32_t c) noexcept { return views_[c] == text; });
        if (!code) return std::nullopt;
        return dimension_code{*code};
    }

    dimension_code insert_new(std::string_view text, std::uint64_t h) {
        if (views_.size() >= dimension_code::none_value - 1)
            detail::raise(error("dictionary: more than 2^32 - 2 distinct strings"));
        views_.reserve(views_.size() + 1);  // so that the index and the views stay in step if either throws
        const std::string_view stored = store(text);
        const std::uint32_t code = index_.insert(h);
        views_.push_back(stored);
        return dimension_code{code};
    }

    /// Copies `text` into the arena and returns the stored view.
    std::string_view store(std::string_view text) {
        if (text.empty()) return std::string_view{};
        if (text.size() > block_size / 4) {  // a long string gets a block of its own
            large_.emplace_back(text);
            return std::string_view(large_.back().data(), text.size());
        }
        if (blocks_.empty() || used_ + text.size() > block_size) {
            blocks_.emplace_back(block_size, '\0');
            used_ = 0;
        }
        char* at = blocks_.back().data() + used_;
        std::memcpy(at, text.data(), text.size());
        used_ += text.size();
        return std::string_view(at, text.size());
    }

    void copy_from(const dictionary& other) {
        reserve(other.size());
        for (std::string_view s : other.views_) intern(s);
    }

    // Blocks are std::strings of 16 KiB or more: never in a string's inline
    // buffer, so their bytes stay put when the vectors grow (a std::string
    // rather than a unique_ptr<char[]>: <memory> is not needed, issue 14).
    std::vector<std::string> blocks_;  // the arena; the last block is the one being filled
    std::vector<std::string> large_;   // strings longer than a quarter block, one each
    std::size_t used_ = 0;                         // bytes used in the block being filled
    std::vector<std::string_view> views_;          // by code
    detail::hash_index index_;                     // code by hash
};

/// One `dictionary` per dimension of a record type, indexed by an enum
/// `Dimension` with values 0..Count-1, and which dimensions the source had.
/// Readers fill it; tables and callbacks hand it out to decode codes.
template <typename Dimension, std::size_t Count>
class dimension_dictionaries {
public:
    static constexpr std::size_t size() noexcept { return Count; }

    /// Whether the source had a column for `d`. Records carry
    /// `dimension_code::none()` for a dimension it did not have.
    bool has(Dimension d) const noexcept { return present_[index(d)]; }

    /// The dictionary of `d` (empty when the source did not have it).
    const dictionary& operator[](Dimension d) const noexcept { return dictionaries_[index(d)]; }
    dictionary& operator[](Dimension d) noexcept { return dictionaries_[index(d)]; }

    /// The string of `code` in dimension `d`; throws `borderstats::error` for
    /// a code that dimension did not hand out.
    std::string_view name(Dimension d, dimension_code code) const { return dictionaries_[index(d)].name(code); }
    /// The code of `text` in dimension `d`, if any record had it.
    std::optional<dimension_code> find(Dimension d, std::string_view text) const noexcept {
        return dictionaries_[index(d)].find(text);
    }

    /// Marks `d` as present in the source (readers call it once they have
    /// mapped the header).
    void set_present(Dimension d, bool present = true) noexcept { present_[index(d)] = present; }

private:
    static constexpr std::size_t index(Dimension d) noexcept { return static_cast<std::size_t>(d); }

    std::array<dictionary, Count> dictionaries_{};
    std::array<bool, Count> present_{};
};

}  // namespace v1
}  // namespace borderstats
