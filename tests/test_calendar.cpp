// Civil months: year_month, months and years, month_range, month names, and
// the text forms. Every expected value is a hand computation written next to
// it: the index of a month is year * 12 + (month - 1).
#include <doctest/doctest.h>

#include <borderstats/calendar.hpp>
#include <borderstats/error.hpp>

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

namespace bs = borderstats;
using bs::months;
using bs::year_month;
using bs::years;

TEST_CASE("a year_month holds the year and the month it was built from") {
    const year_month may19{2019, 5};
    CHECK(may19.year() == 2019);
    CHECK(may19.month() == 5);
    // 2019 * 12 + (5 - 1) = 24228 + 4 = 24232
    CHECK(may19.index() == 24232);
    CHECK(year_month{} == year_month{0, 1});
    CHECK(year_month{}.index() == 0);
}

TEST_CASE("adding one month to December gives January of the next year") {
    CHECK(year_month{2019, 12} + months{1} == year_month{2020, 1});
    CHECK(months{1} + year_month{2019, 12} == year_month{2020, 1});
    CHECK(year_month{2020, 1} - months{1} == year_month{2019, 12});
    CHECK(year_month{2020, 1} - year_month{2019, 12} == months{1});
    CHECK(year_month{2019, 12} - year_month{2020, 1} == months{-1});

    year_month m{2019, 12};
    ++m;
    CHECK(m == year_month{2020, 1});
    --m;
    CHECK(m == year_month{2019, 12});
    CHECK(m++ == year_month{2019, 12});
    CHECK(m == year_month{2020, 1});
    CHECK(m-- == year_month{2020, 1});
    CHECK(m == year_month{2019, 12});
    m += months{13};  // Dec 2019 + 12 = Dec 2020, + 1 = Jan 2021
    CHECK(m == year_month{2021, 1});
    m -= months{25};  // Jan 2021 - 24 = Jan 2019, - 1 = Dec 2018
    CHECK(m == year_month{2018, 12});
}

TEST_CASE("the distance between two months is the signed number of months between them") {
    // May 2019 - October 2018: Oct->May is 7 months
    CHECK(year_month{2019, 5} - year_month{2018, 10} == months{7});
    CHECK(year_month{2018, 10} - year_month{2019, 5} == months{-7});
    CHECK(year_month{2019, 5} - year_month{2019, 5} == months{0});
    // FY2000 to FY2020 of the USBP file: Oct 1999 .. Sep 2020 is 21 * 12 - 1 = 251 months apart
    CHECK(year_month{2020, 9} - year_month{1999, 10} == months{251});
}

TEST_CASE("a year is twelve months in month arithmetic") {
    CHECK(months(years{2}) == months{24});
    CHECK(years{3}.count() == 3);
    CHECK(years{1} == years{1});
    CHECK(years{1} != years{2});
    CHECK(year_month{2019, 5} - years{1} == year_month{2018, 5});
    CHECK(year_month{2019, 5} + years{2} == year_month{2021, 5});
    CHECK(months{1} + years{1} == months{13});
    CHECK(years{1} - months{1} == months{11});
}

TEST_CASE("months have the arithmetic and the order of their counts") {
    CHECK(months{3} + months{4} == months{7});
    CHECK(months{3} - months{4} == months{-1});
    CHECK(-months{5} == months{-5});
    CHECK(months{3} * 4 == months{12});
    CHECK(4 * months{3} == months{12});
    months m{10};
    m += months{5};
    CHECK(m.count() == 15);
    m -= months{20};
    CHECK(m.count() == -5);
    CHECK(months{} == months{0});
    CHECK(months{1} != months{2});
    CHECK(months{1} < months{2});
    CHECK(months{2} > months{1});
    CHECK(months{2} <= months{2});
    CHECK(months{2} >= months{2});
    CHECK_FALSE(months{3} <= months{2});
}

TEST_CASE("months compare in time order") {
    const year_month dec18{2018, 12};
    const year_month jan19{2019, 1};
    CHECK(dec18 < jan19);
    CHECK(jan19 > dec18);
    CHECK(dec18 <= dec18);
    CHECK(jan19 >= jan19);
    CHECK(dec18 != jan19);
    CHECK_FALSE(jan19 < dec18);
    CHECK_FALSE(jan19 <= dec18);
    CHECK_FALSE(dec18 >= jan19);
}

TEST_CASE("a month outside one to twelve throws bad_month and from_parts returns empty") {
    CHECK_THROWS_AS(year_month(2019, 13), bs::bad_month);
    CHECK_THROWS_AS(year_month(2019, 0), bs::bad_month);
    CHECK_THROWS_AS(year_month(2019, -1), bs::bad_month);
    CHECK_FALSE(year_month::try_from_parts(2019, 13));
    CHECK_FALSE(year_month::try_from_parts(2019, 0));
    REQUIRE(year_month::try_from_parts(2019, 12));
    CHECK(*year_month::try_from_parts(2019, 12) == year_month{2019, 12});
}

TEST_CASE("a year outside the supported range throws bad_month") {
    CHECK_THROWS_AS(year_month(32768, 1), bs::bad_month);
    CHECK_THROWS_AS(year_month(-32768, 12), bs::bad_month);
    CHECK_NOTHROW(year_month(32767, 12));
    CHECK_NOTHROW(year_month(-32767, 1));
    CHECK_FALSE(year_month::try_from_parts(32768, 1));
    CHECK_FALSE(year_month::try_from_parts(-32768, 1));
    CHECK(year_month::try_from_parts(-32767, 1));
}

TEST_CASE("the smallest and largest representable months are January of -32767 and December of 32767") {
    constexpr year_month lo = year_month::min();
    constexpr year_month hi = year_month::max();
    static_assert(lo.year() == -32767 && lo.month() == 1);
    static_assert(hi.year() == 32767 && hi.month() == 12);
    // -32767 * 12 = -393204 ; 32767 * 12 + 11 = 393204 + 11 = 393215
    CHECK(lo.index() == -393204);
    CHECK(hi.index() == 393215);
    CHECK(hi - lo == months{393215 + 393204});
    CHECK(year_month::from_index(-393204) == lo);
    CHECK(year_month::from_index(393215) == hi);

    CHECK_THROWS_AS(year_month::from_index(393216), bs::bad_month);
    CHECK_THROWS_AS(year_month::from_index(-393205), bs::bad_month);
    CHECK_THROWS_AS(hi + months{1}, bs::bad_month);
    CHECK_THROWS_AS(lo - months{1}, bs::bad_month);
    year_month h = hi;
    CHECK_THROWS_AS(++h, bs::bad_month);
    CHECK(h == hi);  // a failed step leaves the month unchanged
    year_month l = lo;
    CHECK_THROWS_AS(l--, bs::bad_month);
    CHECK(l == lo);
    CHECK(hi - months{11} == year_month{32767, 1});
    CHECK(lo + months{12} == year_month{-32766, 1});
    // a step far beyond the range does not wrap round to a valid month
    CHECK_THROWS_AS(year_month(2019, 5) + months{INT32_MAX}, bs::bad_month);
    CHECK_THROWS_AS(year_month(2019, 5) - months{INT32_MAX}, bs::bad_month);
}

TEST_CASE("negative years count down with months still one to twelve") {
    // index -1 is one month before January of year 0: December of year -1
    CHECK(year_month::from_index(-1) == year_month{-1, 12});
    CHECK(year_month{-1, 12}.index() == -1);
    // index -13: -13 = -2 * 12 + 11, so December of year -2
    CHECK(year_month::from_index(-13).year() == -2);
    CHECK(year_month::from_index(-13).month() == 12);
    // index -12 = -1 * 12 + 0: January of year -1
    CHECK(year_month::from_index(-12) == year_month{-1, 1});
    CHECK(year_month{0, 1} - months{1} == year_month{-1, 12});
    CHECK(year_month{-1, 12} + months{1} == year_month{0, 1});
    CHECK(year_month{-5, 3} - year_month{-6, 3} == months{12});
    CHECK(year_month{-1, 6} < year_month{0, 1});
}

TEST_CASE("a month_range is half open and an end before its begin gives an empty range") {
    const bs::month_range r{year_month{2019, 3}, year_month{2019, 6}};
    CHECK(r.size() == 3);  // March, April, May
    CHECK_FALSE(r.empty());
    CHECK(r.front() == year_month{2019, 3});
    CHECK(r.back() == year_month{2019, 5});
    CHECK(r.contains(year_month{2019, 3}));
    CHECK(r.contains(year_month{2019, 5}));
    CHECK_FALSE(r.contains(year_month{2019, 6}));
    CHECK_FALSE(r.contains(year_month{2019, 2}));

    std::vector<year_month> seen;
    for (year_month m : r) seen.push_back(m);
    CHECK(seen == std::vector<year_month>{{2019, 3}, {2019, 4}, {2019, 5}});

    const bs::month_range backwards{year_month{2019, 6}, year_month{2019, 3}};
    CHECK(backwards.empty());
    CHECK(backwards.size() == 0);
    CHECK(backwards.begin() == backwards.end());
    CHECK(bs::month_range{}.empty());
    CHECK(backwards == bs::month_range{});  // all empty ranges are equal
    CHECK(bs::month_range{year_month{2019, 1}, year_month{2019, 1}}.empty());
    CHECK(r == bs::month_range::inclusive(year_month{2019, 3}, year_month{2019, 5}));
    CHECK(r != bs::month_range::inclusive(year_month{2019, 3}, year_month{2019, 6}));
}

TEST_CASE("a month_range crosses December into January") {
    const auto r = bs::month_range::inclusive(year_month{2018, 11}, year_month{2019, 2});
    CHECK(r.size() == 4);  // Nov, Dec, Jan, Feb
    std::vector<year_month> seen(r.begin(), r.end());
    CHECK(seen == std::vector<year_month>{{2018, 11}, {2018, 12}, {2019, 1}, {2019, 2}});
    auto it = r.begin();
    CHECK(*it++ == year_month{2018, 11});
    CHECK(*it == year_month{2018, 12});
}

TEST_CASE("an inclusive month_range can reach the largest representable month") {
    const year_month hi = year_month::max();
    const auto r = bs::month_range::inclusive(hi - months{2}, hi);
    CHECK(r.size() == 3);
    CHECK(r.back() == hi);
    CHECK(r.front() == year_month{32767, 10});
    CHECK(r.contains(hi));
    std::vector<year_month> seen;
    for (year_month m : r) seen.push_back(m);
    CHECK(seen == std::vector<year_month>{{32767, 10}, {32767, 11}, {32767, 12}});

    const auto single = bs::month_range::inclusive(hi, hi);
    CHECK(single.size() == 1);
    CHECK(single.front() == hi);
    CHECK(single.back() == hi);

    const auto from_min = bs::month_range::inclusive(year_month::min(), year_month::min() + months{1});
    CHECK(from_min.size() == 2);
    CHECK(from_min.front() == year_month::min());

    CHECK(bs::month_range::inclusive(year_month{2019, 5}, year_month{2019, 4}).empty());
}

TEST_CASE("month names are read in any case as full names or three letters") {
    CHECK(bs::parse_month_name("May") == 5);
    CHECK(bs::parse_month_name("MAY") == 5);
    CHECK(bs::parse_month_name("may") == 5);
    CHECK(bs::parse_month_name("September") == 9);
    CHECK(bs::parse_month_name("SEP") == 9);
    CHECK(bs::parse_month_name("oct") == 10);
    CHECK(bs::parse_month_name("January") == 1);
    CHECK(bs::parse_month_name("dec") == 12);
    CHECK(bs::parse_month_name("  Jun ") == 6);
    static_assert(*bs::try_parse_month_name("AUG") == 8);
    static_assert(!bs::try_parse_month_name("Sept"));
}

TEST_CASE("a malformed month name throws parse_error naming the text and try_parse_month_name returns empty") {
    for (const char* text : {"Sept", "Mayy", "", "M", "Ma", "13", "Juni", "Octobre", "May 2019"}) {
        const std::string shown = text;
        CAPTURE(shown);
        CHECK_FALSE(bs::try_parse_month_name(text));
        try {
            (void)bs::parse_month_name(text);
            FAIL("parse_month_name accepted '" << text << "'");
        } catch (const bs::parse_error& e) {
            CHECK(std::string(e.what()).find(text) != std::string::npos);
            CHECK(e.text() == text);
            CHECK(e.field() == "month");
            CHECK(e.line() == 0);
        }
    }
}

TEST_CASE("month_name and month_abbreviation name one to twelve and nothing else") {
    CHECK(bs::month_name(1) == "January");
    CHECK(bs::month_name(5) == "May");
    CHECK(bs::month_name(12) == "December");
    CHECK(bs::month_name(0).empty());
    CHECK(bs::month_name(13).empty());
    CHECK(bs::month_abbreviation(9) == "Sep");
    CHECK(bs::month_abbreviation(5) == "May");
    CHECK(bs::month_abbreviation(0).empty());
    CHECK(bs::month_abbreviation(-3).empty());
}

TEST_CASE("parse_year_month reads ISO months and month names with a four-digit year") {
    CHECK(bs::parse_year_month("2019-05") == year_month{2019, 5});
    CHECK(bs::parse_year_month("May 2019") == year_month{2019, 5});
    CHECK(bs::parse_year_month("MAY 2019") == year_month{2019, 5});
    CHECK(bs::parse_year_month("may 2019") == year_month{2019, 5});
    CHECK(bs::parse_year_month("september 2019") == year_month{2019, 9});
    CHECK(bs::parse_year_month("Dec 2018") == year_month{2018, 12});
    CHECK(bs::parse_year_month(" 2019-12 ") == year_month{2019, 12});
    CHECK(bs::parse_year_month("0001-01") == year_month{1, 1});
    static_assert(*bs::try_parse_year_month("2019-05") == year_month{2019, 5});
    static_assert(!bs::try_parse_year_month("2019-13"));
}

TEST_CASE("parse_year_month with a year from context reads a bare month name") {
    CHECK(bs::parse_year_month("MAY", 2019) == year_month{2019, 5});
    CHECK(bs::parse_year_month("oct", 2018) == year_month{2018, 10});
    CHECK(bs::parse_year_month("2019-05", 1999) == year_month{2019, 5});
    CHECK(bs::parse_year_month("May 2019", 1999) == year_month{2019, 5});
    CHECK(*bs::try_parse_year_month("Sep", 2019) == year_month{2019, 9});
    CHECK_FALSE(bs::try_parse_year_month("Sept", 2019));
    CHECK_FALSE(bs::try_parse_year_month("May", 40000));  // the year is out of range
    CHECK_THROWS_AS((void)bs::parse_year_month("Mayy", 2019), bs::parse_error);
    CHECK_THROWS_AS((void)bs::parse_year_month("MAY"), bs::parse_error);  // no year without context
}

TEST_CASE("malformed months throw parse_error whose message contains the text and the try form returns empty") {
    const char* malformed[] = {"2019-13", "2019-5",   "Mayy 2019", "Sept 2019", "",        "19",
                               "2019-00", "May 19",   "May-2019",  "2019/05",   "2019-05-01", "+019-05",
                               "May",     "2019 May", "20190",     "2019-1a",   "May 20x9",   "   "};
    for (const char* text : malformed) {
        const std::string shown = text;
        CAPTURE(shown);
        CHECK_FALSE(bs::try_parse_year_month(text));
        try {
            (void)bs::parse_year_month(text);
            FAIL("parse_year_month accepted '" << text << "'");
        } catch (const bs::parse_error& e) {
            CHECK(std::string(e.what()).find(text) != std::string::npos);
            CHECK(e.text() == text);
            CHECK(e.field() == "year_month");
        }
    }
    // and the throwing form is also a borderstats::error
    CHECK_THROWS_AS((void)bs::parse_year_month("2019-13"), bs::error);
    CHECK_THROWS_WITH_AS((void)bs::parse_year_month("2019-13"), doctest::Contains("2019-13"), bs::parse_error);
}

TEST_CASE("to_string writes ISO year and month and to_long_string the English name") {
    CHECK(bs::to_string(year_month{2019, 5}) == "2019-05");
    CHECK(bs::to_string(year_month{2019, 12}) == "2019-12");
    CHECK(bs::to_string(year_month{999, 1}) == "0999-01");
    CHECK(bs::to_string(year_month{5, 3}) == "0005-03");
    // ISO 8601 writes a year before year 0 with a minus sign and four digits
    CHECK(bs::to_string(year_month{-5, 3}) == "-0005-03");
    CHECK(bs::to_string(year_month::max()) == "32767-12");
    CHECK(bs::to_string(year_month::min()) == "-32767-01");
    CHECK(bs::to_long_string(year_month{2019, 5}) == "May 2019");
    CHECK(bs::to_long_string(year_month{2018, 10}) == "October 2018");
}

TEST_CASE("a month written with to_string or to_long_string reads back as the same month") {
    for (year_month m : bs::month_range::inclusive(year_month{1999, 10}, year_month{2001, 3})) {
        CAPTURE(bs::to_string(m));
        CHECK(bs::parse_year_month(bs::to_string(m)) == m);
        CHECK(bs::parse_year_month(bs::to_long_string(m)) == m);
    }
}

TEST_CASE("equal months hash equally so year_month can key an unordered set") {
    std::hash<year_month> h;
    CHECK(h(year_month{2019, 5}) == h(year_month{2018, 10} + months{7}));
    std::unordered_set<year_month> set{year_month{2019, 5}, year_month{2019, 6}, year_month{2019, 5}};
    CHECK(set.size() == 2);
    CHECK(set.count(year_month{2019, 6}) == 1);
    CHECK(set.count(year_month{2019, 7}) == 0);
}

TEST_CASE("a parse_error names source line column field and text as compilers do") {
    const bs::parse_error e("data.csv", 3, 14, "Encounter Count", "12x", "expected a whole number");
    CHECK(std::string(e.what()) == "data.csv:3:14: field 'Encounter Count': expected a whole number (found '12x')");
    CHECK(e.source() == "data.csv");
    CHECK(e.line() == 3);
    CHECK(e.column() == 14);
    CHECK(e.field() == "Encounter Count");
    CHECK(e.text() == "12x");
    CHECK(e.message() == "expected a whole number");
    CHECK(e.failure().where.line == 3);

    // without a location or a field only the message and the text remain
    const bs::parse_error bare({}, 0, 0, "", "x", "expected y");
    CHECK(std::string(bare.what()) == "expected y (found 'x')");
    // an empty text with a message prints no "(found '')"
    const bs::parse_error no_text({}, 0, 0, "", "", "expected y");
    CHECK(std::string(no_text.what()) == "expected y");
    // a source without a line
    bs::parse_failure f{{"<stdin>", 0, 0}, "", "", "empty input"};
    CHECK(f.describe() == "<stdin>: empty input");
}

TEST_CASE("a parse_error quotes at most sixty characters of a long text") {
    const std::string long_text(100, 'x');
    const bs::parse_error e("f.csv", 1, 1, "f", long_text, "bad");
    CHECK(e.text() == std::string(60, 'x') + "...");
    CHECK(std::string(e.what()).size() < 100);
}

TEST_CASE("every borderstats exception is a borderstats error") {
    CHECK_THROWS_AS(throw bs::overflow_error("o"), bs::error);
    CHECK_THROWS_AS(throw bs::missing_data_error("m"), bs::error);
    CHECK_THROWS_AS(throw bs::bad_month("b"), bs::error);
    CHECK_THROWS_AS(throw bs::parse_error({}, 0, 0, "", "t", "m"), bs::error);
    CHECK_THROWS_AS(throw bs::error("e"), std::runtime_error);
}
