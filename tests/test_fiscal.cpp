// Fiscal calendars, fiscal years and quarters, and fiscal-year labels. The
// expected months come from the rules the presets are published with:
//   us_federal     October start, named by the end year: FY2019 = Oct 2018 .. Sep 2019
//   calendar_year  January start, each year named by itself
//   uk             April start, named by the start year: 2019-20 = Apr 2019 .. Mar 2020
//   australia      July start, named by the end year: FY2019 = Jul 2018 .. Jun 2019
#include <doctest/doctest.h>

#include <borderstats/fiscal.hpp>

#include <string>
#include <vector>

namespace bs = borderstats;
using bs::months;
using bs::year_month;
using bs::years;

using us_fy = bs::fiscal_year<bs::us_federal>;
using cy_fy = bs::fiscal_year<bs::calendar_year>;
using uk_fy = bs::fiscal_year<bs::uk>;
using au_fy = bs::fiscal_year<bs::australia>;

TEST_CASE("a fiscal year named by its end year starts in the previous October") {
    CHECK(us_fy{2019}.first_month() == year_month{2018, 10});
    CHECK(us_fy{2019}.last_month() == year_month{2019, 9});
    CHECK(us_fy{2019}.number() == 2019);
    CHECK(bs::us_federal::first_month_of(2019) == year_month{2018, 10});
    CHECK(bs::us_federal::start_month == 10);
    CHECK(bs::us_federal::naming == bs::fiscal_naming::by_end_year);
}

TEST_CASE("each U.S. federal fiscal year runs from October of the year before to September at both ends of several years") {
    struct row {
        int name;
        year_month first;
        year_month last;
    };
    const row rows[] = {{2000, {1999, 10}, {2000, 9}},
                        {2018, {2017, 10}, {2018, 9}},
                        {2019, {2018, 10}, {2019, 9}},
                        {2020, {2019, 10}, {2020, 9}},
                        {2025, {2024, 10}, {2025, 9}}};
    for (const row& r : rows) {
        CAPTURE(r.name);
        CHECK(us_fy{r.name}.first_month() == r.first);
        CHECK(us_fy{r.name}.last_month() == r.last);
        CHECK(us_fy::containing(r.first) == us_fy{r.name});
        CHECK(us_fy::containing(r.last) == us_fy{r.name});
        // the month before the first is in the previous year, the month after the last in the next
        CHECK(us_fy::containing(r.first - months{1}) == us_fy{r.name - 1});
        CHECK(us_fy::containing(r.last + months{1}) == us_fy{r.name + 1});
        CHECK(bs::us_federal::fiscal_year_of(r.first) == r.name);
    }
    // December to January does not change the U.S. fiscal year
    CHECK(us_fy::containing(year_month{2018, 12}) == us_fy{2019});
    CHECK(us_fy::containing(year_month{2019, 1}) == us_fy{2019});
}

TEST_CASE("a calendar-year fiscal year is January to December and named by itself") {
    for (int y : {1999, 2000, 2018, 2019, 2021}) {
        CAPTURE(y);
        CHECK(cy_fy{y}.first_month() == year_month{y, 1});
        CHECK(cy_fy{y}.last_month() == year_month{y, 12});
        CHECK(cy_fy::containing(year_month{y, 1}) == cy_fy{y});
        CHECK(cy_fy::containing(year_month{y, 12}) == cy_fy{y});
        CHECK(cy_fy::containing(year_month{y - 1, 12}) == cy_fy{y - 1});
        CHECK(cy_fy::containing(year_month{y + 1, 1}) == cy_fy{y + 1});
    }
    // The trap of Python's fiscalyear ("a January start names 2021 as FY2022"): a
    // January-start calendar names each year by itself whatever its naming rule says.
    using jan_by_end = bs::fiscal_calendar<1, bs::fiscal_naming::by_end_year>;
    using jan_by_start = bs::fiscal_calendar<1, bs::fiscal_naming::by_start_year>;
    CHECK(jan_by_end::fiscal_year_of(year_month{2021, 1}) == 2021);
    CHECK(jan_by_end::fiscal_year_of(year_month{2021, 12}) == 2021);
    CHECK(jan_by_start::fiscal_year_of(year_month{2021, 6}) == 2021);
    CHECK(jan_by_end::first_month_of(2021) == year_month{2021, 1});
    CHECK(cy_fy{2019}.label() == "2019");
}

TEST_CASE("a UK fiscal year is named by the year it starts in and runs April to March at both ends of several years") {
    // 2019-20 = April 2019 .. March 2020
    CHECK(uk_fy{2019}.first_month() == year_month{2019, 4});
    CHECK(uk_fy{2019}.last_month() == year_month{2020, 3});
    for (int y : {1999, 2009, 2018, 2019, 2020}) {
        CAPTURE(y);
        CHECK(uk_fy{y}.first_month() == year_month{y, 4});
        CHECK(uk_fy{y}.last_month() == year_month{y + 1, 3});
        CHECK(uk_fy::containing(year_month{y, 3}) == uk_fy{y - 1});
        CHECK(uk_fy::containing(year_month{y, 4}) == uk_fy{y});
        CHECK(uk_fy::containing(year_month{y + 1, 3}) == uk_fy{y});
        CHECK(uk_fy::containing(year_month{y + 1, 4}) == uk_fy{y + 1});
    }
    // December to January stays in the same UK year
    CHECK(uk_fy::containing(year_month{2019, 12}) == uk_fy{2019});
    CHECK(uk_fy::containing(year_month{2020, 1}) == uk_fy{2019});
}

TEST_CASE("an Australian fiscal year is named by the year it ends in and runs July to June at both ends of several years") {
    // FY2019 = July 2018 .. June 2019
    CHECK(au_fy{2019}.first_month() == year_month{2018, 7});
    CHECK(au_fy{2019}.last_month() == year_month{2019, 6});
    for (int y : {2000, 2018, 2019, 2020, 2024}) {
        CAPTURE(y);
        CHECK(au_fy{y}.first_month() == year_month{y - 1, 7});
        CHECK(au_fy{y}.last_month() == year_month{y, 6});
        CHECK(au_fy::containing(year_month{y - 1, 6}) == au_fy{y - 1});
        CHECK(au_fy::containing(year_month{y - 1, 7}) == au_fy{y});
        CHECK(au_fy::containing(year_month{y, 6}) == au_fy{y});
        CHECK(au_fy::containing(year_month{y, 7}) == au_fy{y + 1});
    }
    CHECK(au_fy::containing(year_month{2018, 12}) == au_fy{2019});
    CHECK(au_fy::containing(year_month{2019, 1}) == au_fy{2019});
}

TEST_CASE("fiscal years in negative years follow the same rules") {
    // FY0 (U.S.) = October of year -1 .. September of year 0
    CHECK(us_fy::containing(year_month{-1, 10}) == us_fy{0});
    CHECK(us_fy::containing(year_month{-1, 9}) == us_fy{-1});
    CHECK(us_fy{0}.first_month() == year_month{-1, 10});
    CHECK(us_fy{-1}.last_month() == year_month{-1, 9});
    // UK year -2 = April -2 .. March -1
    CHECK(uk_fy::containing(year_month{-1, 3}) == uk_fy{-2});
    CHECK(uk_fy::containing(year_month{-1, 4}) == uk_fy{-1});
    CHECK(au_fy::containing(year_month{-100, 7}) == au_fy{-99});
    CHECK(cy_fy::containing(year_month{-5, 6}) == cy_fy{-5});
}

TEST_CASE("fiscal years at the ends of the representable months") {
    // December 32767 is in U.S. FY32768 (Oct 32767 .. Sep 32768), whose name is representable
    CHECK(us_fy::containing(year_month::max()) == us_fy{32768});
    CHECK(uk_fy::containing(year_month::max()) == uk_fy{32767});
    CHECK(cy_fy::containing(year_month::min()) == cy_fy{-32767});
    // January -32767 is in U.S. FY-32767 (Oct -32768 .. Sep -32767)
    CHECK(us_fy::containing(year_month::min()) == us_fy{-32767});
    CHECK(cy_fy{32767}.last_month() == year_month::max());
    CHECK(cy_fy{32767}.months_range().back() == year_month::max());
    // a first month that cannot be represented throws bad_month
    CHECK_THROWS_AS((void)us_fy{-32767}.first_month(), bs::bad_month);
    CHECK_THROWS_AS((void)uk_fy{32767}.last_month(), bs::bad_month);
}

TEST_CASE("month_number counts from the start month and quarter groups them by three") {
    // U.S.: October is month 1, September month 12, May month 8 (Oct Nov Dec Jan Feb Mar Apr May)
    CHECK(bs::us_federal::month_number(year_month{2018, 10}) == 1);
    CHECK(bs::us_federal::month_number(year_month{2018, 12}) == 3);
    CHECK(bs::us_federal::month_number(year_month{2019, 1}) == 4);
    CHECK(bs::us_federal::month_number(year_month{2019, 5}) == 8);
    CHECK(bs::us_federal::month_number(year_month{2019, 9}) == 12);
    CHECK(bs::us_federal::quarter(year_month{2018, 10}) == 1);
    CHECK(bs::us_federal::quarter(year_month{2018, 12}) == 1);
    CHECK(bs::us_federal::quarter(year_month{2019, 1}) == 2);
    CHECK(bs::us_federal::quarter(year_month{2019, 3}) == 2);
    CHECK(bs::us_federal::quarter(year_month{2019, 4}) == 3);
    CHECK(bs::us_federal::quarter(year_month{2019, 5}) == 3);
    CHECK(bs::us_federal::quarter(year_month{2019, 7}) == 4);
    CHECK(bs::us_federal::quarter(year_month{2019, 9}) == 4);
    // UK: April 1, March 12
    CHECK(bs::uk::month_number(year_month{2019, 4}) == 1);
    CHECK(bs::uk::month_number(year_month{2020, 3}) == 12);
    CHECK(bs::uk::quarter(year_month{2020, 1}) == 4);
    // Australia: July 1, June 12
    CHECK(bs::australia::month_number(year_month{2018, 7}) == 1);
    CHECK(bs::australia::month_number(year_month{2019, 6}) == 12);
    CHECK(bs::australia::quarter(year_month{2018, 10}) == 2);
    // Calendar year: January 1, December 12
    CHECK(bs::calendar_year::month_number(year_month{2019, 1}) == 1);
    CHECK(bs::calendar_year::month_number(year_month{2019, 12}) == 12);
    CHECK(bs::calendar_year::quarter(year_month{2019, 12}) == 4);
    // in a negative year too: October of year -3 is U.S. month 1
    CHECK(bs::us_federal::month_number(year_month{-3, 10}) == 1);
}

TEST_CASE("month_at counts the months of a fiscal year from one") {
    CHECK(us_fy{2019}.month_at(1) == year_month{2018, 10});
    CHECK(us_fy{2019}.month_at(4) == year_month{2019, 1});
    CHECK(us_fy{2019}.month_at(12) == year_month{2019, 9});
    CHECK(uk_fy{2019}.month_at(12) == year_month{2020, 3});
    CHECK_THROWS_AS((void)us_fy{2019}.month_at(0), bs::bad_month);
    CHECK_THROWS_AS((void)us_fy{2019}.month_at(13), bs::bad_month);
}

TEST_CASE("month_of turns a fiscal year and a calendar month into a civil month") {
    // CBP's "FY2020 OCT" is October 2019 and "FY2020 MAY" is May 2020
    CHECK(us_fy{2020}.month_of(10) == year_month{2019, 10});
    CHECK(us_fy{2020}.month_of(12) == year_month{2019, 12});
    CHECK(us_fy{2020}.month_of(1) == year_month{2020, 1});
    CHECK(us_fy{2020}.month_of(5) == year_month{2020, 5});
    CHECK(us_fy{2020}.month_of(9) == year_month{2020, 9});
    CHECK(uk_fy{2019}.month_of(4) == year_month{2019, 4});
    CHECK(uk_fy{2019}.month_of(3) == year_month{2020, 3});
    CHECK(au_fy{2019}.month_of(7) == year_month{2018, 7});
    CHECK(au_fy{2019}.month_of(6) == year_month{2019, 6});
    CHECK(cy_fy{2019}.month_of(6) == year_month{2019, 6});
    CHECK_THROWS_AS((void)us_fy{2020}.month_of(0), bs::bad_month);
    CHECK_THROWS_AS((void)us_fy{2020}.month_of(13), bs::bad_month);
}

TEST_CASE("a fiscal year contains exactly its twelve months") {
    const us_fy fy{2019};
    CHECK(fy.contains(year_month{2018, 10}));
    CHECK(fy.contains(year_month{2019, 9}));
    CHECK_FALSE(fy.contains(year_month{2018, 9}));
    CHECK_FALSE(fy.contains(year_month{2019, 10}));
    const bs::month_range r = fy.months_range();
    CHECK(r.size() == 12);
    CHECK(r.front() == year_month{2018, 10});
    CHECK(r.back() == year_month{2019, 9});
    int n = 0;
    for (year_month m : r) {
        CHECK(fy.contains(m));
        ++n;
    }
    CHECK(n == 12);
}

TEST_CASE("fiscal years step by one and differ by years") {
    us_fy fy{2019};
    CHECK(fy.next() == us_fy{2020});
    CHECK(fy.prev() == us_fy{2018});
    ++fy;
    CHECK(fy == us_fy{2020});
    --fy;
    --fy;
    CHECK(fy == us_fy{2018});
    CHECK(us_fy{2019} + years{2} == us_fy{2021});
    CHECK(us_fy{2019} - years{2} == us_fy{2017});
    CHECK(us_fy{2019} - us_fy{2000} == years{19});
    CHECK(us_fy{2018} < us_fy{2019});
    CHECK(us_fy{2019} > us_fy{2018});
    CHECK(us_fy{2019} <= us_fy{2019});
    CHECK(us_fy{2019} >= us_fy{2019});
    CHECK(us_fy{2019} != us_fy{2018});
}

TEST_CASE("fiscal year labels follow the calendar style") {
    CHECK(us_fy{2019}.label() == "FY2019");
    CHECK(au_fy{2019}.label() == "FY2019");
    CHECK(cy_fy{2019}.label() == "2019");
    CHECK(uk_fy{2019}.label() == "2019-20");
    CHECK(uk_fy{2009}.label() == "2009-10");
    CHECK(uk_fy{2008}.label() == "2008-09");
    CHECK(uk_fy{1999}.label() == "1999-00");  // the century rolls over
    CHECK(bs::us_federal::name == "U.S. federal");
    CHECK(bs::uk::name == "United Kingdom");
    CHECK(bs::australia::name == "Australia");
    CHECK(bs::calendar_year::name == "calendar year");
}

TEST_CASE("the first U.S. fiscal quarter is October to December of the previous calendar year") {
    using q = bs::fiscal_quarter<bs::us_federal>;
    const q q1{us_fy{2019}, 1};
    CHECK(q1.first_month() == year_month{2018, 10});
    CHECK(q1.last_month() == year_month{2018, 12});
    CHECK(q1.number() == 1);
    CHECK(q1.year() == us_fy{2019});
    const q q3 = us_fy{2019}.quarter(3);
    CHECK(q3.first_month() == year_month{2019, 4});
    CHECK(q3.last_month() == year_month{2019, 6});
    CHECK(q3.months_range().size() == 3);
    CHECK(q3.months_range().front() == year_month{2019, 4});
    CHECK(q3.contains(year_month{2019, 5}));
    CHECK_FALSE(q3.contains(year_month{2019, 7}));
    CHECK_FALSE(q3.contains(year_month{2018, 5}));  // same quarter number, another year
    CHECK(q::containing(year_month{2019, 5}) == q3);
    CHECK(q::containing(year_month{2018, 12}) == q1);
    CHECK(q3.label() == "FY2019 Q3");
    CHECK(bs::fiscal_quarter<bs::uk>{uk_fy{2019}, 4}.label() == "2019-20 Q4");
    CHECK(bs::fiscal_quarter<bs::uk>{uk_fy{2019}, 4}.last_month() == year_month{2020, 3});
    CHECK(bs::fiscal_quarter<bs::australia>::containing(year_month{2019, 6}) ==
          bs::fiscal_quarter<bs::australia>{au_fy{2019}, 4});
}

TEST_CASE("fiscal quarters step across fiscal years and a quarter outside one to four throws") {
    using q = bs::fiscal_quarter<bs::us_federal>;
    CHECK(q{us_fy{2019}, 4}.next() == q{us_fy{2020}, 1});
    CHECK(q{us_fy{2019}, 1}.prev() == q{us_fy{2018}, 4});
    CHECK(q{us_fy{2019}, 2}.next() == q{us_fy{2019}, 3});
    CHECK(q{us_fy{2019}, 2}.prev() == q{us_fy{2019}, 1});
    CHECK(q{us_fy{2019}, 4} < q{us_fy{2020}, 1});
    CHECK(q{us_fy{2019}, 1} < q{us_fy{2019}, 2});
    CHECK(q{us_fy{2020}, 1} > q{us_fy{2019}, 4});
    CHECK(q{us_fy{2019}, 3} <= q{us_fy{2019}, 3});
    CHECK(q{us_fy{2019}, 3} >= q{us_fy{2019}, 3});
    CHECK(q{us_fy{2019}, 3} != q{us_fy{2019}, 4});
    CHECK_THROWS_AS(q(us_fy{2019}, 0), bs::bad_month);
    CHECK_THROWS_AS(q(us_fy{2019}, 5), bs::bad_month);
    CHECK_THROWS_AS((void)us_fy{2019}.quarter(5), bs::bad_month);
}

TEST_CASE("is_fiscal_calendar_v recognises the presets and custom calendars only") {
    static_assert(bs::is_fiscal_calendar_v<bs::us_federal>);
    static_assert(bs::is_fiscal_calendar_v<bs::uk>);
    static_assert(bs::is_fiscal_calendar_v<bs::fiscal_calendar<7, bs::fiscal_naming::by_start_year>>);
    static_assert(!bs::is_fiscal_calendar_v<int>);
    static_assert(!bs::is_fiscal_calendar_v<year_month>);
    CHECK(bs::is_fiscal_calendar_v<bs::australia>);
}

TEST_CASE("fiscal year labels from real files are read and the FYTD mark says the year is incomplete") {
    using label = bs::fiscal_year_label<bs::us_federal>;
    CHECK(bs::parse_fiscal_year<bs::us_federal>("2019") == label{us_fy{2019}, false});
    CHECK(bs::parse_fiscal_year<bs::us_federal>("FY2019") == label{us_fy{2019}, false});
    CHECK(bs::parse_fiscal_year<bs::us_federal>("FY 2019") == label{us_fy{2019}, false});
    CHECK(bs::parse_fiscal_year<bs::us_federal>("fy2019") == label{us_fy{2019}, false});
    CHECK(bs::parse_fiscal_year<bs::us_federal>(" 2019 ") == label{us_fy{2019}, false});
    CHECK(bs::parse_fiscal_year<bs::us_federal>("2025 (FYTD)") == label{us_fy{2025}, true});
    CHECK(bs::parse_fiscal_year<bs::us_federal>("FY2025 (FYTD)") == label{us_fy{2025}, true});
    CHECK(bs::parse_fiscal_year<bs::us_federal>("2025 (FYTD)") != label{us_fy{2025}, false});
    // a span is named by the calendar's rule: for the U.S. 2019-20 is FY2020
    CHECK(bs::parse_fiscal_year<bs::us_federal>("2019-20").year == us_fy{2020});
    CHECK(bs::parse_fiscal_year<bs::us_federal>("2019-2020").year == us_fy{2020});
    CHECK(bs::parse_fiscal_year<bs::australia>("2018-19").year == au_fy{2019});
    CHECK(bs::parse_fiscal_year<bs::uk>("2019-20").year == uk_fy{2019});
    CHECK(bs::parse_fiscal_year<bs::uk>("2019-2020").year == uk_fy{2019});
    CHECK(bs::parse_fiscal_year<bs::uk>("1999-00").year == uk_fy{1999});
    CHECK(bs::parse_fiscal_year<bs::uk>("2019").year == uk_fy{2019});
    CHECK(bs::parse_fiscal_year<bs::calendar_year>("2019").year == cy_fy{2019});
    static_assert(bs::try_parse_fiscal_year<bs::us_federal>("FY2019")->year == us_fy{2019});
}

TEST_CASE("malformed fiscal year labels throw parse_error naming the text and try_parse_fiscal_year returns empty") {
    struct bad {
        const char* text;
    };
    const bad us_bad[] = {{"FY20XX"}, {"2025 (FYTD"}, {"19"}, {""}, {"FY"}, {"2019-21"}, {"2019-2021"},
                          {"FY-2019"}, {"20199"}, {"(FYTD)"}, {"2019 FYTD"}, {"2019-2"}};
    for (const bad& b : us_bad) {
        const std::string text = b.text;
        CAPTURE(text);
        CHECK_FALSE(bs::try_parse_fiscal_year<bs::us_federal>(text));
        try {
            (void)bs::parse_fiscal_year<bs::us_federal>(text);
            FAIL("parse_fiscal_year accepted '" << text << "'");
        } catch (const bs::parse_error& e) {
            CHECK(std::string(e.what()).find(text) != std::string::npos);
            CHECK(e.text() == text);
            CHECK(e.field() == "fiscal year");
        }
    }
    // for the UK the second year must follow the first: 2019-21 is not a year
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::uk>("2019-21"));
    CHECK_THROWS_WITH_AS((void)bs::parse_fiscal_year<bs::uk>("2019-21"), doctest::Contains("2019-21"),
                         bs::parse_error);
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::uk>("2019-19"));
    // a calendar year does not straddle two years
    CHECK_FALSE(bs::try_parse_fiscal_year<bs::calendar_year>("2019-20"));
}
