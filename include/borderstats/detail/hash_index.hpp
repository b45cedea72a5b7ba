// borderstats/detail/hash_index.hpp: the one hash table of the library.
//
// An index from 64-bit hashes to dense entries 0, 1, 2, ... that the caller
// stores itself (a dictionary's strings, a group's codes): the index keeps
// only each entry's hash and a table of 32-bit slots holding entry + 1
// (0 = empty), probed linearly, a power of two in size and at most half full.
// A probe compares hashes first and asks the caller's `equal(entry)` only on
// a hash match, so entries are never copied into the table and finding one
// that is there allocates nothing:
//
//     const std::uint64_t h = string_hash(text);
//     if (auto e = index.find(h, [&](std::uint32_t e) { return names[e] == text; })) return *e;
//     names.push_back(text);  // the caller's store, by entry
//     return index.insert(h);  // == names.size() - 1
//
// It refuses more than 2^32 - 2 entries (`insert` throws `borderstats::error`).
// Not public API: `dictionary` (dictionary.hpp), the group table of
// io/fast_scan.hpp and the header matchers of io/csv.hpp are built on it,
// with `string_hash` for text keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "size.hpp"

namespace borderstats {
inline namespace v1 {
namespace detail {

/// A 64-bit hash of a short string: 8 bytes at a time, multiply-xorshift
/// mixing. Not cryptographic; good enough to spread dimension values.
inline std::uint64_t string_hash(std::string_view s) noexcept {
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = 0xCBF29CE484222325ULL ^ (std::uint64_t{s.size()} * k);
    const char* p = s.data();
    std::size_t n = s.size();
    while (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    if (n > 0) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, n);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
    return h;
}

class hash_index {
public:
    /// The entry whose hash is `h` and for which `equal(entry)` holds, if any.
    template <typename Equal>
    std::optional<std::uint32_t> find(std::uint64_t h, Equal&& equal) const
        noexcept(noexcept(std::declval<Equal&>()(std::uint32_t{}))) {
        if (slots_.empty()) return std::nullopt;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = to_size(h) & mask;; i = (i + 1) & mask) {
            const std::uint32_t slot = slots_[i];
            if (slot == 0) return std::nullopt;
            if (hashes_[slot - 1] == h && equal(slot - 1)) return slot - 1;
        }
    }

    /// Adds the next entry, of hash `h` (the caller has checked that it is
    /// not there), and returns it: 0, 1, 2, ...
    std::uint32_t insert(std::uint64_t h) {
        if (hashes_.size() >= 0xFFFFFFFEu) raise(error("hash index: more than 2^32 - 2 entries"));
        if (slots_.empty() || (hashes_.size() + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);
        const auto entry = static_cast<std::uint32_t>(hashes_.size());
        hashes_.push_back(h);
        place(entry, h);
        return entry;
    }

    /// Makes room for `count` entries without rehashing.
    void reserve(std::size_t count) {
        hashes_.reserve(count);
        std::size_t wanted = 16;
        while (wanted < count * 2) wanted *= 2;
        if (wanted > slots_.size()) rehash(wanted);
    }

    std::size_t size() const noexcept { return hashes_.size(); }
    /// The hash of `entry`, as given to `insert`.
    std::uint64_t hash(std::uint32_t entry) const noexcept { return hashes_[entry]; }

private:
    void place(std::uint32_t entry, std::uint64_t h) noexcept {
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = to_size(h) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = entry + 1;
    }
    void rehash(std::size_t new_size) {
        slots_.assign(new_size, 0);
        for (std::size_t e = 0; e < hashes_.size(); ++e) place(static_cast<std::uint32_t>(e), hashes_[e]);
    }

    std::vector<std::uint64_t> hashes_;  // by entry
    std::vector<std::uint32_t> slots_;   // entry + 1, 0 = empty
};

}  // namespace detail
}  // namespace v1
}  // namespace borderstats
