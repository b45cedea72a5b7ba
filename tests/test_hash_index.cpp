// detail::hash_index, the one hash table under dictionary and the fast
// path's group table: entries found by hash and the caller's equality, with
// colliding hashes and across growth.
#include <borderstats/detail/hash_index.hpp>
#include <borderstats/dictionary.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bs = borderstats;

TEST_CASE("a hash index tells entries with the same hash apart by the caller's equality") {
    bs::detail::hash_index index;
    std::vector<std::string> names;
    auto intern = [&](const std::string& s, std::uint64_t h) {
        if (const auto e = index.find(h, [&](std::uint32_t i) { return names[i] == s; })) return *e;
        names.push_back(s);
        return index.insert(h);
    };
    // Every name gets the same hash: only the equality separates them.
    CHECK(intern("Laredo", 7) == 0);
    CHECK(intern("El Paso", 7) == 1);
    CHECK(intern("Laredo", 7) == 0);
    CHECK(index.size() == 2);
    CHECK_FALSE(index.find(7, [&](std::uint32_t i) { return names[i] == "Nogales"; }).has_value());
    CHECK_FALSE(index.find(8, [&](std::uint32_t i) { return names[i] == "Laredo"; }).has_value());
}

TEST_CASE("a hash index finds every entry after it has grown many times") {
    bs::detail::hash_index index;
    for (std::uint32_t i = 0; i < 1000; ++i) CHECK(index.insert(std::uint64_t{i} * 0x9E3779B97F4A7C15ULL) == i);
    int found = 0;
    for (std::uint32_t i = 0; i < 1000; ++i) {
        const auto e = index.find(std::uint64_t{i} * 0x9E3779B97F4A7C15ULL, [&](std::uint32_t x) { return x == i; });
        if (e && *e == i) ++found;
    }
    CHECK(found == 1000);
    CHECK(index.hash(3) == 3 * 0x9E3779B97F4A7C15ULL);
}

TEST_CASE("a dictionary reserved ahead keeps codes in order of first sight") {
    bs::dictionary d;
    d.reserve(100);
    for (int i = 0; i < 300; ++i) CHECK(d.intern("value " + std::to_string(i)).value == static_cast<std::uint32_t>(i));
    CHECK(d.find("value 299")->value == 299);
    CHECK_FALSE(d.find("value 300").has_value());
    CHECK(d.intern("value 17").value == 17);
    CHECK(d.size() == 300);
}
