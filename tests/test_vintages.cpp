// Tests for io/vintages.hpp on the release vintages file. Expected figures
// come from examples/data/SOURCES.md (section 1b, 1c) and the file's rows,
// never from this code's output.
#include <borderstats/io/vintages.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "data_path.hpp"

using namespace borderstats;
using namespace borderstats::io;

namespace {

const release_vintages& vintages() {
    static const release_vintages v =
        load_release_vintages_file(data_file("cbp_southwest_border_fy2017_fy2019_release_vintages.csv"));
    return v;
}

constexpr civil_date june_5_2019{2019, 6, 5};
constexpr auto apprehensions = vintage_measure::apprehensions;
constexpr auto inadmissibles = vintage_measure::inadmissibles;
constexpr auto total = vintage_measure::total;

const std::string vintage_header = "fiscal_year,month,apprehensions,inadmissibles,total,vintage,published,source_id\n";

parse_failure vintage_failure(const std::string& text) {
    parse_failure failure;
    const auto v = try_load_release_vintages(text, "v.csv", failure);
    REQUIRE_FALSE(v.has_value());
    CHECK(failure.where.source == "v.csv");
    return failure;
}

void check_where(const parse_failure& f, std::size_t line, std::size_t column, const std::string& field) {
    CHECK(f.where.line == line);
    CHECK(f.where.column == column);
    CHECK(f.field == field);
}

}  // namespace

TEST_CASE("The vintages file is read with its months mapped through the fiscal year") {
    const release_vintages& v = vintages();
    CHECK(v.rows().size() == 76);
    // The first row: FY2017 OCT is October 2016, published in November 2017 (day unknown).
    const vintage_row& first = v.rows().front();
    CHECK(first.period == vintage_period::month_of(year_month{2016, 10}));
    CHECK(first[apprehensions] == 46184);
    CHECK(first[inadmissibles] == 20524);
    CHECK_FALSE(first.published.day_known);
    CHECK(first.published.date == civil_date{2017, 11, 30});
    CHECK(first.published.to_string() == "2017-11");
    CHECK(first.source_id == "S10");
    CHECK(first.line == 2);
    // FY2018 DEC is December 2017.
    CHECK(v.rows()[14].period.through == year_month{2017, 12});
    CHECK(v.rows()[14][inadmissibles] == 11512);
    CHECK_FALSE(v.rows()[14][apprehensions].has_value());
}

TEST_CASE("May 2019 as published on 2019-06-05 is 144278 in total") {
    const vintage_snapshot s = vintages().as_published_on(june_5_2019);
    CHECK(s.as_of == june_5_2019);
    CHECK(s.total.at(year_month{2019, 5}) == 144278);
    CHECK(s.apprehensions.at(year_month{2019, 5}) == 132887);
    CHECK(s.inadmissibles.at(year_month{2019, 5}) == 11391);
    CHECK(s[total].at(year_month{2019, 5}) == 144278);
    // Nothing of June 2019 was published yet.
    CHECK_FALSE(s.total.at(year_month{2019, 6}).has_value());
}

TEST_CASE("April 2019 as published on 2019-06-05 is the derived total 109474") {
    const auto april = vintages().as_of(year_month{2019, 4}, total, june_5_2019);
    REQUIRE(april);
    CHECK(april->value == 99304 + 10170);
    CHECK(april->value == 109474);
    CHECK(april->derived);
    CHECK(april->published.date == june_5_2019);
    CHECK(vintages().rows()[april->row].total_derived);
    // The first publication was 109144, printed.
    const auto first = vintages().first_published(year_month{2019, 4}, total);
    REQUIRE(first);
    CHECK(first->value == 109144);
    CHECK_FALSE(first->derived);
    CHECK(first->published.date == civil_date{2019, 5, 8});
}

TEST_CASE("March 2019 as published on 2019-06-05 is derived from that day's parts and was first printed as 103719") {
    const release_vintages& v = vintages();
    const year_month march{2019, 3};
    const auto derived = v.as_of(march, total, june_5_2019);
    REQUIRE(derived);
    CHECK(derived->value == 92840 + 10889);
    CHECK(derived->derived);
    const auto first = v.first_published(march, total);
    REQUIRE(first);
    CHECK(first->value == 103719);
    CHECK(first->published.date == civil_date{2019, 5, 8});
    CHECK(v.as_of(march, total, civil_date{2019, 5, 8})->value == 103719);
    // Printed totals only: the latest printed before 2019-06-05 is AP's 103492 of 2019-05-09.
    const auto printed = v.as_of(march, total, june_5_2019, derived_totals::exclude);
    REQUIRE(printed);
    CHECK(printed->value == 103492);
    CHECK(printed->published.date == civil_date{2019, 5, 9});
}

TEST_CASE("The June 2019 statement holds on the figures published on 2019-06-05") {
    const auto totals = vintages().as_published_on(june_5_2019, total);
    // At least 100000 for the third straight month: March April May.
    for (int m = 3; m <= 5; ++m) {
        CAPTURE(m);
        REQUIRE(totals.at(year_month{2019, m}).has_value());
        CHECK(*totals.at(year_month{2019, m}) >= 100000);
    }
    CHECK(*totals.at(year_month{2019, 2}) < 100000);  // February: 76103
    // May against April: +31.8 percent which rounds to 32 percent.
    const double change = (144278.0 / 109474.0 - 1.0) * 100.0;
    CHECK(std::round(change) == 32.0);
    CHECK(change == doctest::Approx(31.79).epsilon(0.001));
    // FYTD October to May as published then: 676315.
    const auto fytd = vintages().as_of(vintage_period::fiscal_year_to_date(year_month{2019, 5}), total, june_5_2019);
    REQUIRE(fytd);
    CHECK(fytd->value == 676315);
    CHECK_FALSE(fytd->derived);
}

TEST_CASE("May 2019 was revised to 144255 and then to 144116") {
    const release_vintages& v = vintages();
    const year_month may{2019, 5};
    const auto printed = v.revisions(may, total, derived_totals::exclude);
    REQUIRE(printed.size() == 3);
    CHECK(printed[0].value == 144278);
    CHECK(printed[0].published.date == civil_date{2019, 6, 5});
    CHECK(printed[1].value == 144255);
    CHECK(printed[1].published.date == civil_date{2019, 9, 9});
    CHECK(printed[2].value == 144116);
    CHECK(printed[2].published.date == civil_date{2019, 11, 14});
    // With derived totals, the June release's parts add a version in between.
    const auto all = v.revisions(may, total);
    REQUIRE(all.size() == 4);
    CHECK(all[1].value == 132880 + 11393);
    CHECK(all[1].derived);
    CHECK(v.latest(may, total)->value == 144116);
    CHECK(v.first_published(may, total)->value == 144278);
    CHECK(v.latest(may, apprehensions)->value == 132856);
    CHECK(v.latest(may, inadmissibles)->value == 11393);
}

TEST_CASE("A release dated by its month only counts from the last day of that month") {
    const release_vintages& v = vintages();
    const year_month january{2019, 1};
    CHECK_FALSE(v.as_of(january, apprehensions, civil_date{2019, 2, 15}).has_value());
    CHECK(v.as_of(january, apprehensions, civil_date{2019, 2, 28})->value == 47893);
    // December 2018: 50753 on 2019-01-09, then 50749 in the release of February 2019.
    const year_month december{2018, 12};
    CHECK(v.as_of(december, apprehensions, civil_date{2019, 2, 27})->value == 50753);
    CHECK(v.as_of(december, apprehensions, civil_date{2019, 2, 28})->value == 50749);
    CHECK(v.as_of(december, apprehensions, civil_date{2020, 12, 31})->value == 50751);
}

TEST_CASE("Unknown vintage figures are gaps and not zeros") {
    const auto latest_totals = vintages().as_published_on(civil_date{2020, 12, 31}, total);
    CHECK_FALSE(latest_totals.has_value(year_month{2018, 10}));  // October 2018: no total found
    CHECK_FALSE(latest_totals.has_value(year_month{2019, 1}));
    CHECK(latest_totals.at(year_month{2019, 9}) == 52546);
    CHECK_FALSE(latest_totals.sum(year_month{2018, 10}, year_month{2019, 9}).has_value());
    const auto latest_usbp = vintages().as_published_on(civil_date{2020, 12, 31}, apprehensions);
    CHECK(latest_usbp.at(year_month{2018, 10}) == 51005);
    // The final Border Patrol months sum to the FY2019 total 851508.
    CHECK(latest_usbp.sum(year_month{2018, 10}, year_month{2019, 9}) == 851508);
    // Before anything was published the series is empty.
    CHECK(vintages().as_published_on(civil_date{2017, 1, 1}, total).empty());
}

TEST_CASE("Fiscal year and year to date rows are kept apart from the months") {
    const release_vintages& v = vintages();
    const auto rows = v.fiscal_year_rows();
    CHECK(rows.size() == 7);
    const auto fy2019 = vintage_period::whole_fiscal_year(2019);
    CHECK(fy2019.through == year_month{2019, 9});
    CHECK(v.latest(fy2019, total)->value == 977509);
    CHECK(v.latest(fy2019, apprehensions)->value == 851508);
    const auto fy2017 = vintage_period::whole_fiscal_year(2017);
    CHECK(v.first_published(fy2017, total)->value == 303916 + 111275);
    CHECK(v.first_published(fy2017, total)->derived);
    CHECK(v.latest(fy2017, total)->value == 415517);
    const auto fytd_may = vintage_period::fiscal_year_to_date(year_month{2019, 5});
    CHECK(fytd_may.fiscal_year().number() == 2019);
    CHECK(v.latest(fytd_may, apprehensions)->value == 593507);
    CHECK_FALSE(v.latest(fytd_may, inadmissibles).has_value());
    CHECK(v.latest(vintage_period::fiscal_year_to_date(year_month{2019, 8}), total)->value == 926769);
    // Months never pick up a year row: September 2018 is its own 50568, not FY2018's 521090.
    CHECK(vintages().as_published_on(civil_date{2020, 12, 31}, total).at(year_month{2018, 9}) == 50568);
    CHECK(v.latest(vintage_period::whole_fiscal_year(2018), total)->value == 521090);
}

TEST_CASE("Comparing two publication dates shows each month's revision") {
    const auto changes = vintages().compare(june_5_2019, civil_date{2019, 9, 10}, total);
    const vintage_change* may = nullptr;
    const vintage_change* june = nullptr;
    for (const vintage_change& c : changes) {
        if (c.month == year_month{2019, 5}) may = &c;
        if (c.month == year_month{2019, 6}) june = &c;
    }
    REQUIRE(may != nullptr);
    CHECK(may->before->value == 144278);
    CHECK(may->after->value == 144255);
    CHECK(may->difference == -23);
    CHECK(may->revised());
    REQUIRE(june != nullptr);
    CHECK_FALSE(june->before.has_value());
    CHECK(june->after->value == 104362);
    CHECK_FALSE(june->difference.has_value());
    for (std::size_t i = 1; i < changes.size(); ++i) CHECK(changes[i - 1].month < changes[i].month);
}

// -------------------------------------------------------- malformed input

TEST_CASE("A vintages row with an unknown month code is an error at its line column and field") {
    const auto f = vintage_failure(vintage_header + "2019,SEPT,1,2,3,x,2019-06-05,S1\n");
    check_where(f, 2, 6, "month");
    const auto g = vintage_failure(vintage_header + "2019,FYTD_SEPT,1,2,3,x,2019-06-05,S1\n");
    check_where(g, 2, 6, "month");
}

TEST_CASE("A vintages row with a bad fiscal year is an error at its line column and field") {
    const auto f = vintage_failure(vintage_header + "2019,MAY,1,2,3,x,2019-06-05,S1\nFY19,MAY,1,2,3,x,2019-06-05,S1\n");
    check_where(f, 3, 1, "fiscal_year");
}

TEST_CASE("A vintages total that is not the sum of its parts is an error at the total") {
    const auto f = vintage_failure(vintage_header + "2019,MAY,132887,11391,144279,x,2019-06-05,S1\n");
    check_where(f, 2, 23, "total");
    CHECK(f.message == "expected total = apprehensions + inadmissibles = 144278");
}

TEST_CASE("A negative or non-numeric vintages figure is an error at its field") {
    const auto f = vintage_failure(vintage_header + "2019,MAY,-132887,11391,,x,2019-06-05,S1\n");
    check_where(f, 2, 10, "apprehensions");
    CHECK(f.message == count_messages::negative);
    const auto g = vintage_failure(vintage_header + "2019,MAY,132887,n/a,,x,2019-06-05,S1\n");
    check_where(g, 2, 17, "inadmissibles");
}

TEST_CASE("A vintages row without any figure is an error") {
    const auto f = vintage_failure(vintage_header + "2019,MAY,,,,x,2019-06-05,S1\n");
    check_where(f, 2, 10, "apprehensions");
}

TEST_CASE("A vintages publication date must be YYYY-MM-DD or YYYY-MM") {
    const auto f = vintage_failure(vintage_header + "2019,MAY,132887,11391,144278,x,2019-6-5,S1\n");
    check_where(f, 2, 32, "published");
    const auto g = vintage_failure(vintage_header + "2019,MAY,132887,11391,144278,x,2019-13,S1\n");
    check_where(g, 2, 32, "published");
    const auto h = vintage_failure(vintage_header + "2019,MAY,132887,11391,144278,x,2019-02-30,S1\n");
    check_where(h, 2, 32, "published");
}

TEST_CASE("A vintages row with too few fields or a file without the published column is an error") {
    const auto f = vintage_failure(vintage_header + "2019,MAY,132887,11391,144278,x,2019-06-05\n");
    check_where(f, 2, 42, "source_id");
    const auto g = vintage_failure("fiscal_year,month,apprehensions,inadmissibles,total\n2019,MAY,1,2,3\n");
    check_where(g, 1, 1, "published");
}

TEST_CASE("A vintages file without the optional columns is read") {
    const release_vintages v = load_release_vintages(
        "fiscal_year,month,apprehensions,inadmissibles,total,published\n2019,may,132887,11391,,2019-06-05\n", "v.csv");
    REQUIRE(v.rows().size() == 1);
    CHECK(v.rows()[0].vintage.empty());
    CHECK(v.rows()[0][total] == 144278);
    CHECK(v.rows()[0].total_derived);
    CHECK_THROWS_AS((void)load_release_vintages(vintage_header + "2019,MAY,,,,x,2019-06-05,S1\n"), parse_error);
}

// ------------------------------------------------ one model: release_history

TEST_CASE("The vintages file loads into a release history with the same figures as its rows") {
    const release_history<std::int64_t> totals = vintages().history(total);
    // March 2019 as of 2019-06-05: 92840 + 10889 = 103729 from that day's release (derived).
    const auto march = totals.as_of(year_month{2019, 3}, june_5_2019);
    REQUIRE(march);
    CHECK(march->value == 103729);
    CHECK(march->derived);
    CHECK(totals.release_of(*march).label == "May-data release (revision)");
    CHECK(totals.release_of(*march).source == vintages().source());
    CHECK(totals.first_published(year_month{2019, 3})->value == 103719);
    CHECK(totals.as_of(civil_date{2019, 6, 5}).at(year_month{2019, 5}) == 144278);
    CHECK(totals.as_of(civil_date{2019, 6, 5}).at(year_month{2019, 4}) == 99304 + 10170);
    // May 2019: 144278 then 144273 (derived) then 144255 then 144116.
    const auto may = totals.revisions(year_month{2019, 5});
    REQUIRE(may.size() == 4);
    CHECK(may[1].figure.value == 132880 + 11393);
    CHECK(may[2].change == 144255 - (132880 + 11393));
    CHECK(may[3].figure.value == 144116);
    CHECK(may[3].figure.published.date == civil_date{2019, 11, 14});
    // Printed totals only: AP's 103492 of 2019-05-09 is the latest printed March total by 2019-06-05.
    CHECK(vintages().history(total, derived_totals::exclude).as_of(year_month{2019, 3}, june_5_2019)->value == 103492);
}

TEST_CASE("The FYTD row of a vintages release is a printed total of its months") {
    const auto then = vintages().history(total).as_of(june_5_2019);
    // October to May is incomplete month by month (October 2018 has no total) so CBP's printed 676315 stands.
    CHECK_FALSE(then.series().sum(year_month{2018, 10}, year_month{2019, 5}).has_value());
    const auto fytd = then.fiscal_year_to_date<us_federal>(year_month{2019, 5});
    REQUIRE(fytd);
    CHECK(fytd->value == 676315);
    CHECK(fytd->printed_total);
    const auto fy2019 = vintages().history(total).latest().fiscal_year_total(fiscal_year<us_federal>{2019});
    REQUIRE(fy2019);
    CHECK(fy2019->value == 977509);
    // The final Border Patrol months are complete: 851508 summed from the CBP PDF's months.
    const auto usbp = vintages().history(apprehensions).latest().fiscal_year_total(fiscal_year<us_federal>{2019});
    REQUIRE(usbp);
    CHECK(usbp->value == 851508);
    CHECK_FALSE(usbp->printed_total);
}

TEST_CASE("Two vintages rows of the same day giving one period the same measure are an error at the second") {
    const auto f = vintage_failure(vintage_header + "2019,MAY,132887,11391,144278,x,2019-06-05,S1\n" +
                                   "2019,MAY,,,144279,y,2019-06-05,S2\n");
    check_where(f, 3, 12, "total");
    CHECK(f.message ==
          "line 2 gives this period's total on the same publication date; which figure is the later one cannot be known");
    // Different measures of one day, or one measure on two days, are fine.
    CHECK(load_release_vintages(vintage_header + "2019,MAY,132887,,,x,2019-06-05,S1\n2019,MAY,,11391,,y,2019-06-05,S2\n" +
                                "2019,MAY,132880,,,z,2019-07-10,S4\n")
              .rows()
              .size() == 3);
}

TEST_CASE("A year total printed after the months revises their sum") {
    const auto totals = vintages().history(total);
    const fiscal_year<us_federal> fy2017{2017};
    // As of the FY2017 page (2017-11) the twelve derived months sum to 303916 + 111275.
    const auto then = totals.as_of(civil_date{2017, 12, 31}).fiscal_year_total(fy2017);
    REQUIRE(then);
    CHECK(then->value == 303916 + 111275);
    CHECK_FALSE(then->printed_total);
    // The FY2018 year-end release (2018-10) printed 415517: OFO revised to 111601, after every month figure.
    const auto now = totals.latest().fiscal_year_total(fy2017);
    REQUIRE(now);
    CHECK(now->value == 415517);
    CHECK(now->printed_total);
    CHECK(totals.releases().at(now->releases.at(0)).published.to_string() == "2018-10");
}

TEST_CASE("A vintages row published by its month only and one dated inside that month cannot be ordered") {
    // Published "2019-06" may be before or after 2019-06-05: which May figure is later is not known.
    const auto f = vintage_failure(vintage_header + "2019,MAY,,,144278,x,2019-06-05,S1\n" +
                                   "2019,MAY,,,144279,y,2019-06,S2\n");
    check_where(f, 3, 12, "total");
    CHECK(f.message == "line 2 gives this period's total published on a day of this month; which figure is the later "
                       "one cannot be known: give the day of publication");
    // A month-only row and a row of the next month are ordered: the later one wins.
    const auto v = load_release_vintages(vintage_header + "2019,MAY,,,144278,x,2019-06,S1\n" +
                                         "2019,MAY,,,144279,y,2019-07-01,S2\n");
    CHECK(v.history(total).latest(year_month{2019, 5})->value == 144'279);
}
