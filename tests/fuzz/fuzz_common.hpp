// Shared by the fuzz targets: invariant checks that abort (so libFuzzer keeps
// the input), and the rule that the only exception a parser may throw on
// outside text is borderstats::parse_error.
#pragma once

#include <borderstats/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <typeinfo>

#define FUZZ_CHECK(condition)                                                                        \
    do {                                                                                             \
        if (!(condition)) {                                                                          \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                            \
        }                                                                                            \
    } while (0)

namespace fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return std::string_view(reinterpret_cast<const char*>(data), size);
}

[[noreturn]] inline void unexpected_exception(const char* what, const char* type) {
    std::fprintf(stderr, "unexpected exception %s: %s\n", type, what);
    std::abort();
}

/// Runs `f()`. Returns true when it returned, false when it threw a
/// parse_error (stored in `*failure` when given). Any other exception is a
/// bug: the process aborts, and libFuzzer keeps the input.
template <typename F>
bool only_parse_errors(F&& f, borderstats::parse_failure* failure = nullptr) {
    try {
        f();
        return true;
    } catch (const borderstats::parse_error& e) {
        if (failure) *failure = e.failure();
        return false;
    } catch (const std::exception& e) {
        unexpected_exception(e.what(), typeid(e).name());
    } catch (...) {
        unexpected_exception("(not a std::exception)", "unknown");
    }
}

}  // namespace fuzz
