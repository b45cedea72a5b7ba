// Fuzz target: fiscal-year labels, try_parse_fiscal_year and
// parse_fiscal_year for the U.S. federal calendar (named by the end year,
// "FY2019") and the United Kingdom's (named by the start year, "2019-20"),
// plus the calendar-year and Australian presets.
//
// Invariants:
// - the throwing form throws parse_error exactly when the try_ form is empty,
//   and otherwise returns the same label; nothing else is thrown;
// - a parsed year prints back (label()) and reparses to the same year, as
//   complete; with " (FYTD)" appended it reparses as incomplete;
// - its twelve months are inside it, start in the calendar's start month, and
//   month_of maps each calendar month into it.
#include <borderstats/fiscal.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz_common.hpp"

using namespace borderstats;

namespace {

template <typename Calendar>
void check(std::string_view text) {
    const auto label = try_parse_fiscal_year<Calendar>(text);
    std::optional<fiscal_year_label<Calendar>> thrown;
    const bool ok = fuzz::only_parse_errors([&] { thrown = parse_fiscal_year<Calendar>(text); });
    FUZZ_CHECK(ok == label.has_value());
    if (!label) return;
    FUZZ_CHECK(*thrown == *label);

    const fiscal_year<Calendar> fy = label->year;
    FUZZ_CHECK(fy.number() >= 0 && fy.number() <= 10000);  // four-digit years, or one past for a span

    // FY10000 (from "9999-00" for a calendar named by its end year) has no
    // four-digit label: the only parsed year that does not print back.
    if (fy.number() <= 9999) {
        const auto back = try_parse_fiscal_year<Calendar>(fy.label());
        FUZZ_CHECK(back && back->year == fy && !back->incomplete);
        const auto fytd = try_parse_fiscal_year<Calendar>(fy.label() + " (FYTD)");
        FUZZ_CHECK(fytd && fytd->year == fy && fytd->incomplete);
    }

    const year_month first = fy.first_month();
    FUZZ_CHECK(first.month() == Calendar::start_month);
    FUZZ_CHECK(fy.last_month() - first == months{11});
    FUZZ_CHECK(fy.months_range().size() == 12);
    for (int m = 1; m <= 12; ++m) {
        const year_month in = fy.month_of(m);
        FUZZ_CHECK(in.month() == m);
        FUZZ_CHECK(fy.contains(in));
        FUZZ_CHECK(fiscal_year<Calendar>::containing(in) == fy);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    check<us_federal>(text);
    check<uk>(text);
    check<calendar_year>(text);
    check<australia>(text);
    return 0;
}
