// Fuzz target: month parsing in borderstats/calendar.hpp
// (try_parse_year_month, with and without a year from context, and
// try_parse_month_name), and their throwing forms.
//
// Invariants:
// - a parsed month is valid, formats back with to_string ("2019-05") and
//   reparses to the same month; to_long_string ("May 2019") does too when the
//   year has four digits (the only years the parser reads);
// - a parsed month name is 1..12, and its full name and abbreviation reparse
//   to it;
// - the throwing forms throw parse_error exactly when the try_ forms are
//   empty, and return the same value otherwise; nothing else is thrown.
#include <borderstats/calendar.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "fuzz_common.hpp"

using namespace borderstats;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The first four bytes, when there are enough, are a year from context.
    int context_year = 2019;
    std::string_view text = fuzz::as_text(data, size);
    if (size >= 5) {
        std::int32_t raw = 0;
        std::memcpy(&raw, data, 4);
        context_year = raw;
        text = fuzz::as_text(data + 4, size - 4);
    }

    const std::optional<year_month> ym = try_parse_year_month(text);
    std::optional<year_month> thrown;
    const bool ok = fuzz::only_parse_errors([&] { thrown = parse_year_month(text); });
    FUZZ_CHECK(ok == ym.has_value());
    if (ym) {
        FUZZ_CHECK(*thrown == *ym);
        FUZZ_CHECK(ym->month() >= 1 && ym->month() <= 12);
        FUZZ_CHECK(ym->year() >= 0 && ym->year() <= 9999);  // four digits
        FUZZ_CHECK(year_month(ym->year(), ym->month()) == *ym);
        const std::string iso = to_string(*ym);
        FUZZ_CHECK(iso.size() == 7);
        FUZZ_CHECK(try_parse_year_month(iso) == ym);
        if (ym->year() >= 1000) FUZZ_CHECK(try_parse_year_month(to_long_string(*ym)) == ym);
    }

    const std::optional<int> month = try_parse_month_name(text);
    std::optional<int> thrown_month;
    const bool month_ok = fuzz::only_parse_errors([&] { thrown_month = parse_month_name(text); });
    FUZZ_CHECK(month_ok == month.has_value());
    if (month) {
        FUZZ_CHECK(*thrown_month == *month);
        FUZZ_CHECK(*month >= 1 && *month <= 12);
        FUZZ_CHECK(try_parse_month_name(month_name(*month)) == month);
        FUZZ_CHECK(try_parse_month_name(month_abbreviation(*month)) == month);
        // A month name alone is never a whole year_month.
        FUZZ_CHECK(!ym);
    }

    // With a year from context: a bare month name takes that year (when the
    // year is in range); anything else reads as without context.
    const std::optional<year_month> with_context = try_parse_year_month(text, context_year);
    std::optional<year_month> thrown_context;
    const bool context_ok = fuzz::only_parse_errors([&] { thrown_context = parse_year_month(text, context_year); });
    FUZZ_CHECK(context_ok == with_context.has_value());
    if (with_context) FUZZ_CHECK(*thrown_context == *with_context);
    if (month) {
        FUZZ_CHECK(with_context == year_month::try_from_parts(context_year, *month));
    } else {
        FUZZ_CHECK(with_context == ym);
    }
    return 0;
}
