// Fuzz target: the field parsers of borderstats/io/fields.hpp that the CBP,
// BTS and vintages readers share: counts, CBP month codes, CBP fiscal years,
// ISO dates and BTS months.
//
// Invariants:
// - try_ forms and throwing forms agree; only parse_error is thrown, and a
//   failure always says why (a non-empty message);
// - a count reads back from its plain digits and from its form grouped by
//   thousands; it is never negative;
// - a month code is 1..12 and is its abbreviation in some case; an ISO date
//   prints back to the same text; a BTS month is valid and reads back from
//   "Mon YYYY".
#include <borderstats/io/fields.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"

using namespace borderstats;
using namespace borderstats::io;

namespace {

std::string grouped(std::int64_t v) {
    std::string digits = std::to_string(v);
    std::string out;
    const std::size_t head = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    out += digits.substr(0, head);
    for (std::size_t i = head; i < digits.size(); i += 3) {
        out += ',';
        out += digits.substr(i, 3);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    std::string_view why;

    const auto count = try_parse_count(text, &why);
    if (count) {
        FUZZ_CHECK(*count >= 0);
        FUZZ_CHECK(try_parse_count(std::to_string(*count)) == count);
        FUZZ_CHECK(try_parse_count(grouped(*count)) == count);
        FUZZ_CHECK(try_parse_count(std::to_string(*count), nullptr, false) == count);
    } else {
        FUZZ_CHECK(!why.empty());
    }
    FUZZ_CHECK(fuzz::only_parse_errors([&] { (void)parse_count(text); }) == count.has_value());
    const auto plain = try_parse_count(text, nullptr, false);
    if (plain) FUZZ_CHECK(plain == count);  // the plain form reads a subset

    why = {};
    const auto month = try_parse_month_abbreviation(text, &why);
    if (month) {
        FUZZ_CHECK(*month >= 1 && *month <= 12);
        FUZZ_CHECK(borderstats::detail::iequals(text, month_abbreviation(*month)));
    } else {
        FUZZ_CHECK(!why.empty());
    }
    FUZZ_CHECK(fuzz::only_parse_errors([&] { (void)parse_month_abbreviation(text); }) == month.has_value());

    const auto fy = try_parse_cbp_fiscal_year(text);
    FUZZ_CHECK(fy.has_value() == try_parse_fiscal_year<us_federal>(text).has_value());
    FUZZ_CHECK(fuzz::only_parse_errors([&] { (void)parse_cbp_fiscal_year(text); }) == fy.has_value());

    const auto date = try_parse_iso_date(text);
    if (date) {
        FUZZ_CHECK(date->to_string() == text);
        FUZZ_CHECK(civil_date::try_from_parts(date->year, date->month, date->day) == date);
    }
    FUZZ_CHECK(fuzz::only_parse_errors([&] { (void)parse_iso_date(text); }) == date.has_value());

    why = {};
    const auto bts = try_parse_bts_month(text, &why);
    if (bts) {
        FUZZ_CHECK(bts->month() >= 1 && bts->month() <= 12);
        std::string again(month_abbreviation(bts->month()));
        again += ' ';
        std::string year = std::to_string(bts->year());
        again += std::string(4 - year.size(), '0') + year;
        FUZZ_CHECK(try_parse_bts_month(again) == bts);
    } else {
        FUZZ_CHECK(!why.empty());
    }
    FUZZ_CHECK(fuzz::only_parse_errors([&] { (void)parse_bts_month(text); }) == bts.has_value());
    return 0;
}
