// Claims files (claims_file.hpp), the claims engine (claims.hpp) and their
// data (io/claims_data.hpp). Figures are computed by hand in each test or
// come from examples/data/SOURCES.md.
#include <doctest/doctest.h>

#include <borderstats/claims.hpp>
#include <borderstats/claims_file.hpp>
#include <borderstats/io/claims_data.hpp>
#include <borderstats/output/claims.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "data_path.hpp"

namespace bs = borderstats;
namespace fs = std::filesystem;

namespace {

/// A folder of small data files for one test.
struct scratch {
    fs::path dir;
    explicit scratch(const std::string& name) : dir(fs::temp_directory_path() / ("borderstats_claims_" + name)) {
        fs::create_directories(dir);
    }
    ~scratch() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
    }
    std::vector<bs::claim_result> check(const std::string& claims) const {
        return bs::io::check_claims(bs::parse_claims(claims, "t.claims", dir));
    }
    bs::parse_failure failure(const std::string& claims) const {
        bs::parse_failure f;
        const auto parsed = bs::try_parse_claims(claims, "t.claims", dir, f);
        if (parsed) CHECK_FALSE(bs::io::try_check_claims(*parsed, f).has_value());
        return f;
    }
};

/// The parse failure of a claims text (nothing read from disk).
bs::parse_failure parse_failure_of(const std::string& text) {
    bs::parse_failure f;
    CHECK_FALSE(bs::try_parse_claims(text, "t.claims", {}, f).has_value());
    return f;
}

const char* const cbp_header = "Fiscal Year,Month (abbv),Land Border Region,Encounter Count\n";

}  // namespace

// ------------------------------------------------------------------ GRAMMAR

TEST_CASE("every line form of a claims file is read with its meaning") {
    const auto f = bs::parse_claims(
        "# a comment\n"
        "statement In May, 144,278 individuals\n"
        "statement were apprehended.\n"
        "made 2019-06-05\n"
        "data a.csv@2019-06-05\n"
        "data b.csv@2019-07\n"
        "where Land Border Region = Southwest Land Border\n"
        "where Citizenship = CHINA, PEOPLES REPUBLIC OF\n"
        "measure total\n"
        "\n"
        "claim count 2019-05 = 144,278\n"
        "claim change 2019-04 2019-05 = +32%\n"
        "claim streak 2019-05 >= 100,000 = 3\n"
        "claim fytd 2019-05 > 680,000\n"
        "claim fy FY2022 < 2.4 million\n"
        "claim fy 2022 <= 2400000\n"
        "claim sum 2019-03 2019-05 >= 357,481\n"
        "claim change FY2024 FY2025 = -79.2%\n"
        "claim streak 2019-05 > 99,999 = 3\n",
        "t.claims");
    REQUIRE(f.statements.size() == 1);
    CHECK(f.statements[0].first == 2);
    CHECK(f.statements[0].second == "In May, 144,278 individuals were apprehended.");
    REQUIRE(f.data_sets.size() == 1);
    REQUIRE(f.data_sets[0].size() == 2);
    CHECK(f.data_sets[0][0].path == "a.csv");
    CHECK(f.data_sets[0][0].published->date == bs::claim_date{2019, 6, 5});
    CHECK(f.data_sets[0][1].published->date == bs::claim_date{2019, 7, 31});
    CHECK_FALSE(f.data_sets[0][1].published->day_known);
    REQUIRE(f.filter_sets.size() == 1);
    CHECK(f.filter_sets[0][1].value == "CHINA, PEOPLES REPUBLIC OF");
    REQUIRE(f.claims.size() == 9);

    const bs::claim& count = f.claims[0];
    CHECK(count.line == 11);
    CHECK(count.text == "count 2019-05 = 144,278");
    CHECK(count.kind == bs::claim_kind::count);
    CHECK(count.last == bs::year_month{2019, 5});
    CHECK(count.op == bs::comparison::equal);
    CHECK(count.figure.count() == 144'278);
    CHECK(count.figure.unit() == 1);
    CHECK(*count.made == bs::claim_date{2019, 6, 5});
    CHECK(count.filter_set == 0);

    const bs::claim& change = f.claims[1];
    CHECK(change.kind == bs::claim_kind::change);
    CHECK(change.first == bs::year_month{2019, 4});
    CHECK(change.figure.percent);
    CHECK(change.figure.digits == 32);
    CHECK(change.figure.decimals() == 0);

    const bs::claim& streak = f.claims[2];
    CHECK(streak.threshold == 100'000);
    CHECK(streak.threshold_inclusive);
    CHECK(streak.figure.count() == 3);
    CHECK(f.claims[8].threshold == 99'999);
    CHECK_FALSE(f.claims[8].threshold_inclusive);

    CHECK(f.claims[3].op == bs::comparison::greater);
    CHECK(f.claims[4].kind == bs::claim_kind::fiscal_year);
    CHECK(f.claims[4].fiscal_year == 2022);
    CHECK(f.claims[4].op == bs::comparison::less);
    CHECK(f.claims[5].fiscal_year == 2022);
    CHECK(f.claims[5].op == bs::comparison::less_equal);
    CHECK(f.claims[6].kind == bs::claim_kind::sum);
    CHECK(f.claims[6].op == bs::comparison::greater_equal);
    CHECK(f.claims[7].compares_fiscal_years());
    CHECK(f.claims[7].second_fiscal_year == 2025);
    CHECK(f.claims[7].figure.digits == -792);
    CHECK(f.claims[7].figure.decimals() == 1);
}

TEST_CASE("figures are read as people write them with the precision written") {
    const auto figure = [](const std::string& text, bool percent = false) {
        const auto f = bs::parse_claims("data x.csv\nclaim " + std::string(percent ? "change 2019-04 2019-05" : "count 2019-05") +
                                        " = " + text + "\n");
        return f.claims.at(0).figure;
    };
    CHECK(figure("144,278").count() == 144'278);
    CHECK(figure("144278").count() == 144'278);
    CHECK(figure("1.2 million").count() == 1'200'000);
    CHECK(figure("1.2 million").unit() == 100'000);
    CHECK(figure("1.2 Million").count() == 1'200'000);
    CHECK(figure("2.76 million").unit() == 10'000);
    CHECK(figure("145 thousand").count() == 145'000);
    CHECK(figure("145 thousand").unit() == 1'000);
    CHECK(figure("2 billion").count() == 2'000'000'000);
    CHECK(figure("+32%", true).digits == 32);
    CHECK(figure("32%", true).digits == 32);
    CHECK(figure("-13.8%", true).digits == -138);
    CHECK(figure("-13.8%", true).decimals() == 1);
    CHECK(figure("\xE2\x88\x92" "13.8%", true).digits == -138);  // U+2212, the minus sign articles print
    CHECK(figure("+31.80%", true).decimals() == 2);
    CHECK(figure("32 percent", true).digits == 32);
    CHECK(figure("32 %", true).digits == 32);
}

TEST_CASE("data where and measure hold until the next line of their kind") {
    const auto f = bs::parse_claims(
        "data a.csv@2020-01-01\n"
        "data b.csv@2021-01-01\n"
        "where Component = U.S. Border Patrol\n"
        "claim count 2019-05 = 1\n"
        "claim count 2019-06 = 1\n"
        "where State = TX\n"
        "measure apprehensions\n"
        "claim count 2019-07 = 1\n"
        "data c.csv\n"
        "where all\n"
        "claim count 2019-08 = 1\n");
    REQUIRE(f.data_sets.size() == 2);
    CHECK(f.data_sets[0].size() == 2);
    CHECK(f.claims[0].data_set == 0);
    CHECK(f.claims[1].data_set == 0);
    CHECK(f.claims[1].filter_set == 0);
    CHECK(f.claims[2].filter_set == 1);
    CHECK(f.filter_sets[1].size() == 1);
    CHECK(f.claims[2].measure == bs::claim_measure::apprehensions);
    CHECK(f.claims[1].measure == bs::claim_measure::total);
    CHECK(f.claims[3].data_set == 1);
    CHECK(f.claims[3].filter_set == bs::claim::npos);
    CHECK(f.claims[3].measure == bs::claim_measure::apprehensions);
    CHECK_FALSE(f.claims[3].made.has_value());
}

TEST_CASE("each malformed line is an error at its exact line and column") {
    struct bad {
        const char* line;
        std::size_t column;
        const char* message;
    };
    const bad cases[] = {
        {"claims count 2019-05 = 5", 1, "expected statement, made, data, where, measure or claim"},
        {"claim count 2019-13 = 5", 13, "expected a month YYYY-MM"},
        {"claim count May = 5", 13, "expected a month YYYY-MM"},
        {"claim count 2019-05 == 5", 21, "expected =, >, <, >= or <="},
        {"claim count 2019-05 = 12%", 23, "this claim is a count, not a percent"},
        {"claim change 2019-04 2019-05 = 32", 32, "a change is a percent"},
        {"claim count 2019-05 = 1,44,278", 23, "expected a figure such as 144,278"},
        {"claim count 2019-05 = 144,278 # May", 31, "unexpected text after the figure"},
        {"claim count 2019-05 = 1.2 millions", 27, "expected thousand, million, billion or %"},
        {"claim count 2019-05 = 1.2345 thousand", 23, "a count is a whole number"},
        {"claim count 2019-05 = -5", 23, "a count cannot be negative"},
        {"claim count 2019-05 =", 23, "expected a figure such as 144,278"},
        {"claim count 2019-05", 21, "expected =, >, <, >= or <="},
        {"claim streak 2019-05 <= 100,000 = 3", 22, "a streak counts months at or above a threshold"},
        {"claim sum 2019-05 2019-04 = 5", 19, "expected a month not before the first one"},
        {"claim fy 22 = 5", 10, "expected a fiscal year, 2022 or FY2022"},
        {"claim median 2019-05 = 5", 7, "expected count, change, streak, fytd, fy or sum"},
        {"made 2019-02-30", 6, "expected a date YYYY-MM-DD that exists"},
        {"made 2019-06-05 noon", 17, "unexpected text"},
        {"measure people", 9, "expected apprehensions, inadmissibles or total"},
        {"where Land Border Region", 26, "expected COLUMN = VALUE"},
        {"where State != TX", 13, "only = is supported in where"},
        {"where State =", 15, "expected a value after ="},
        {"data x.csv@2019-13-01", 12, "expected a publication date YYYY-MM-DD (or YYYY-MM) after @"},
        {"statement", 11, "expected the statement's text"},
    };
    for (const bad& b : cases) {
        CAPTURE(b.line);
        const auto f = parse_failure_of("# line 1\ndata x.csv\n" + std::string(b.line) + "\n");
        CHECK(f.where.source == "t.claims");
        CHECK(f.where.line == 3);
        CHECK(f.where.column == b.column);
        CHECK(f.message.find(b.message) == 0);
    }
}

TEST_CASE("a claim before any data line is an error naming the claim's line") {
    const auto f = parse_failure_of("statement x\nmade 2019-06-05\nclaim count 2019-05 = 5\n");
    CHECK(f.describe() == "t.claims:3:1: field 'claim': no data line before this claim: write `data FILE` above it (found 'claim')");
}

// --------------------------------------------------------------- EVALUATION

TEST_CASE("equal holds when the figure rounded half away from zero at the precision written equals the claim") {
    scratch s("rounding");
    // 200 -> 263 is +31.5% exactly; 10,000 -> 13,149 is +31.49%.
    s.write("half.csv", std::string(cbp_header) + "2019,MAR,Southwest Land Border,200\n2019,APR,Southwest Land Border,263\n");
    s.write("below.csv", std::string(cbp_header) + "2019,MAR,Southwest Land Border,10000\n2019,APR,Southwest Land Border,13149\n");
    const auto r = s.check(
        "data half.csv\n"
        "claim change 2019-03 2019-04 = +32%\n"
        "claim change 2019-03 2019-04 = +31.5%\n"
        "claim change 2019-03 2019-04 = +31%\n"
        "data below.csv\n"
        "claim change 2019-03 2019-04 = +32%\n"
        "claim change 2019-03 2019-04 = +31%\n"
        "claim change 2019-03 2019-04 = +31.5%\n"
        "claim change 2019-03 2019-04 = +31.49%\n");
    REQUIRE(r.size() == 7);
    CHECK(r[0].now.result == bs::verdict::supported);
    CHECK(r[0].now.formula == "263 / 200 - 1 = +31.5%");
    CHECK(r[0].now.reason == "+31.5% rounds to +32%");
    CHECK(r[1].now.result == bs::verdict::supported);
    CHECK(r[2].now.result == bs::verdict::not_supported);
    CHECK(r[3].now.result == bs::verdict::not_supported);
    CHECK(r[3].now.reason == "+31.49% rounds to +31%, not +32%");
    CHECK(r[4].now.result == bs::verdict::supported);
    CHECK(r[5].now.result == bs::verdict::supported);  // 31.49 rounds to 31.5 at one place
    CHECK(r[6].now.result == bs::verdict::supported);
    CHECK(*r[6].now.percent == doctest::Approx(31.49));
}

TEST_CASE("1.2 million holds for figures that round to it at the nearest 100,000") {
    scratch s("million");
    s.write("m.csv", std::string(cbp_header) +
                         "2019,OCT,Southwest Land Border,1150000\n2019,NOV,Southwest Land Border,1149999\n"
                         "2019,DEC,Southwest Land Border,1249999\n2019,JAN,Southwest Land Border,1250000\n");
    const auto r = s.check(
        "data m.csv\n"
        "claim count 2018-10 = 1.2 million\n"
        "claim count 2018-11 = 1.2 million\n"
        "claim count 2018-12 = 1.2 million\n"
        "claim count 2019-01 = 1.2 million\n"
        "claim count 2019-01 > 1.2 million\n");
    CHECK(r[0].now.result == bs::verdict::supported);
    CHECK(r[0].now.reason == "1,150,000 rounds to 1,200,000 at the precision written");
    CHECK(r[1].now.result == bs::verdict::not_supported);
    CHECK(r[2].now.result == bs::verdict::supported);
    CHECK(r[3].now.result == bs::verdict::not_supported);
    CHECK(r[3].now.reason == "1,250,000 rounds to 1,300,000 at the precision written, not 1.2 million");
    CHECK(r[4].now.result == bs::verdict::supported);  // exact: 1,250,000 > 1,200,000
}

TEST_CASE("each comparison is exact") {
    scratch s("comparisons");
    s.write("c.csv", std::string(cbp_header) + "2019,MAY,Southwest Land Border,100\n2019,JUN,Southwest Land Border,150\n");
    const auto r = s.check(
        "data c.csv\n"
        "claim count 2019-05 = 100\n"
        "claim count 2019-05 > 100\n"
        "claim count 2019-05 >= 100\n"
        "claim count 2019-05 < 101\n"
        "claim count 2019-05 <= 99\n"
        "claim sum 2019-05 2019-06 = 250\n"
        "claim change 2019-05 2019-06 > +50%\n"
        "claim change 2019-05 2019-06 >= +50%\n"
        "claim change 2019-05 2019-06 < +50.1%\n"
        "claim change 2019-06 2019-05 <= -33.3%\n"
        "claim change 2019-06 2019-05 = -33.3%\n");
    const bs::verdict expected[] = {bs::verdict::supported,     bs::verdict::not_supported, bs::verdict::supported,
                                    bs::verdict::supported,     bs::verdict::not_supported, bs::verdict::supported,
                                    bs::verdict::not_supported, bs::verdict::supported,     bs::verdict::supported,
                                    bs::verdict::supported,     bs::verdict::supported};
    REQUIRE(r.size() == 11);
    for (std::size_t i = 0; i < r.size(); ++i) {
        CAPTURE(r[i].claim);
        CHECK(r[i].now.result == expected[i]);
    }
    CHECK(r[5].now.formula == "100 + 150 = 250");
    // 100 / 150 - 1 = -33.333...%: <= -33.3% holds exactly, and it rounds to -33.3%.
    CHECK(r[9].now.formula == "100 / 150 - 1 = -33.33%");
}

TEST_CASE("a month not yet published on the made day cannot be checked then") {
    scratch s("made");
    s.write("march.csv", std::string(cbp_header) + "2019,MAR,Southwest Land Border,200\n");
    s.write("april.csv", std::string(cbp_header) + "2019,MAR,Southwest Land Border,201\n2019,APR,Southwest Land Border,263\n");
    const auto r = s.check(
        "made 2019-04-15\n"
        "data march.csv@2019-04-10\n"
        "data april.csv@2019-05-10\n"
        "claim count 2019-04 = 263\n"
        "claim count 2019-03 = 200\n");
    CHECK(r[0].then.result == bs::verdict::cannot_be_checked);
    CHECK_FALSE(r[0].then.computed());
    CHECK(r[0].then.reason == "April 2019 was not yet published on 2019-04-15 (first published 2019-05-10 in april.csv)");
    CHECK(r[0].now.result == bs::verdict::supported);
    // March: 200 as published on 2019-04-10, revised to 201 in the later release.
    CHECK(r[1].then.result == bs::verdict::supported);
    CHECK(*r[1].then.count == 200);
    CHECK(r[1].then.sources.at(0).published == "2019-04-10");
    CHECK(r[1].now.result == bs::verdict::not_supported);
    CHECK(*r[1].now.count == 201);
    CHECK(r[1].now.sources.at(0).file == "april.csv");
}

TEST_CASE("a filter that matches nothing cannot be checked and says why") {
    scratch s("nothing");
    s.write("c.csv", std::string(cbp_header) + "2019,MAY,Southwest Land Border,100\n");
    const auto r = s.check(
        "data c.csv\n"
        "where Land Border Region = Coastal Border\n"
        "claim count 2019-05 = 0\n");
    CHECK(r[0].now.result == bs::verdict::cannot_be_checked);
    CHECK_FALSE(r[0].now.count.has_value());
    CHECK(r[0].now.reason == "no record of c.csv has Land Border Region = Coastal Border");
    CHECK(r[0].then.reason == "the claims file gives no `made` date: only the latest figures are checked");
}

TEST_CASE("within the months a file covers a month with no matching record is zero and a missing month is a gap") {
    scratch s("zeros");
    s.write("c.csv", std::string(cbp_header) +
                         "2019,MAR,Southwest Land Border,100\n2019,APR,Northern Land Border,7\n"
                         "2019,JUN,Southwest Land Border,5\n");
    const auto r = s.check(
        "data c.csv\n"
        "where Land Border Region = southwest land border\n"
        "claim count 2019-04 = 0\n"
        "claim sum 2019-03 2019-06 = 105\n"
        "claim change 2019-04 2019-06 = +1%\n");
    CHECK(r[0].now.result == bs::verdict::supported);
    CHECK(r[1].now.result == bs::verdict::cannot_be_checked);
    CHECK(r[1].now.reason == "no release gives a figure for May 2019: outside the data, or a gap");
    CHECK(r[2].now.reason == "the change from zero is undefined");
}

TEST_CASE("a streak that reaches a month without a figure is known only as a lower bound") {
    scratch s("streak");
    s.write("c.csv", std::string(cbp_header) + "2019,APR,Southwest Land Border,120\n2019,MAY,Southwest Land Border,130\n");
    const auto r = s.check(
        "data c.csv\n"
        "claim streak 2019-05 >= 100 = 2\n"
        "claim streak 2019-05 >= 100 = 1\n"
        "claim streak 2019-05 >= 100 >= 2\n"
        "claim streak 2019-05 >= 125 = 1\n");
    CHECK(r[0].now.result == bs::verdict::cannot_be_checked);
    CHECK(r[0].now.figure_text == "at least 2");
    CHECK(r[1].now.result == bs::verdict::not_supported);
    CHECK(r[2].now.result == bs::verdict::supported);
    CHECK(r[3].now.result == bs::verdict::supported);
    CHECK(r[3].now.formula == "May 2019 130 >= 125; April 2019 120 is not");
}

TEST_CASE("data errors name the claims file line and column") {
    scratch s("errors");
    s.write("c.csv", std::string(cbp_header) + "2019,MAY,Southwest Land Border,100\n");
    s.write("d.csv", std::string(cbp_header) + "2019,MAY,Southwest Land Border,101\n");
    auto f = s.failure("data c.csv\nwhere Regoin = Southwest Land Border\nclaim count 2019-05 = 1\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 7);
    f = s.failure("data c.csv\nwhere State = TX\nclaim count 2019-05 = 1\n");
    CHECK(f.message == "c.csv has no column State");
    f = s.failure("data missing.csv\nclaim count 2019-05 = 1\n");
    CHECK(f.where.line == 1);
    CHECK(f.where.column == 6);
    f = s.failure("data c.csv@2019-06-01\ndata d.csv@2019-06-01\nclaim count 2019-05 = 1\n");
    CHECK(f.where.line == 2);
    CHECK(f.message == "c.csv and d.csv are both published on 2019-06-01 and both give 2019-05: which figure is the "
                       "later one cannot be known; give them different publication dates");
    f = s.failure("data c.csv@2019-06-01\ndata d.csv\nclaim count 2019-05 = 1\n");
    CHECK(f.message == "d.csv has no publication date and overlaps c.csv at May 2019: give each file a date, "
                       "FILE@YYYY-MM-DD");
    f = s.failure("data c.csv\n  measure apprehensions\nclaim count 2019-05 = 1\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 11);
    s.write("bad.csv", std::string(cbp_header) + "2019,MAY,Southwest Land Border,lots\n");
    f = s.failure("data bad.csv\nclaim count 2019-05 = 1\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 32);
    CHECK(f.where.source.find("bad.csv") != std::string::npos);
}

TEST_CASE("a Southwest-only file and a nationwide file combine only under a region filter") {
    // Without the filter the later Southwest file would replace the May total
    // of every region (100 + 40 = 140) with Southwest's 101.
    scratch s("coverage");
    s.write("all.csv", std::string(cbp_header) + "2019,MAY,Southwest Land Border,100\n2019,MAY,Northern Land Border,40\n");
    s.write("sw.csv", "Fiscal Year,Month Grouping,Month (abbv),Component,Demographic,Citizenship Grouping,Title of "
                      "Authority,Encounter Type,Encounter Count\n2019,FYTD,MAY,U.S. Border Patrol,Single Adults,Mexico,"
                      "Title 8,Apprehensions,101\n");  // the Southwest release's columns (io::cbp_is_southwest_release)
    const auto f = s.failure("data all.csv@2019-06-01\ndata sw.csv@2019-07-01\nclaim count 2019-05 = 140\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 6);
    CHECK(f.message == "sw.csv is a Southwest Land Border Encounters file (every record is Southwest) while all.csv covers every "
                       "region: add `where Land Border Region = Southwest Land Border` so that both give the same series");
    const auto r = s.check("data all.csv@2019-06-01\ndata sw.csv@2019-07-01\nwhere Land Border Region = Southwest Land "
                           "Border\nclaim count 2019-05 = 101\n");
    REQUIRE(r.size() == 1);
    CHECK(r[0].now.count == std::optional<std::int64_t>{101});
}

TEST_CASE("Claims on a file without a region column that is not the Southwest release say the region is not known") {
    scratch s("unknown_region");
    // The nationwide columns with the region column renamed: not the Southwest release's columns.
    s.write("renamed.csv", "Fiscal Year,Month (abbv),Region,Encounter Count\n2019,MAY,Southwest Land Border,100\n"
                           "2019,MAY,Northern Land Border,40\n");
    const auto f = s.failure("data renamed.csv@2019-06-01\nwhere Land Border Region = Southwest Land Border\n"
                             "claim count 2019-05 = 100\n");
    CHECK(f.where.line == 2);
    CHECK(f.field == "where");
    CHECK(f.message == bs::io::cbp_unknown_region_message("renamed.csv"));
    CHECK(f.message.find("rename it 'Land Border Region'") != std::string::npos);
}

TEST_CASE("a where value that a file spells with surrounding spaces is an error not a smaller figure") {
    // Before: the 50 of 'Southwest Land Border ' was left out and May read 100.
    scratch s("spaces");
    s.write("c.csv", std::string(cbp_header) +
                         "2019,MAY,Southwest Land Border,100\n2019,MAY,\"Southwest Land Border \",50\n");
    const auto f = s.failure("data c.csv\nwhere Land Border Region = Southwest Land Border\nclaim count 2019-05 = 150\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 7);
    CHECK(f.message == "c.csv has Land Border Region 'Southwest Land Border ', which differs from 'Southwest Land "
                       "Border' only in surrounding spaces: these are different values to borderstats; fix the file");
}

// ----------------------------------------------------------------- REAL DATA

TEST_CASE("the June 2019 statement as known on 2019-06-05 and as revised") {
    // examples/data/SOURCES.md: May 144,278 (2019-06-05), April 99,304 + 10,170 = 109,474,
    // 144,278 / 109,474 - 1 = +31.8%; March 92,840 + 10,889 = 103,729, February 76,103;
    // CBP's own Oct-May total 676,315; May later revised to 144,116 (2019-11-14).
    const auto r = bs::io::check_claims_file(fs::path(BORDERSTATS_DATA_DIR) / "../claims/june_2019_statement.claims");
    REQUIRE(r.size() == 5);
    CHECK(*r[0].then.count == 144'278);
    CHECK(r[0].then.result == bs::verdict::supported);
    CHECK(*r[0].now.count == 144'116);
    CHECK(r[0].now.result == bs::verdict::not_supported);
    CHECK(r[1].then.formula == "144,278 / 109,474 - 1 = +31.8%");
    CHECK(r[1].then.result == bs::verdict::supported);
    CHECK(*r[2].then.count == 3);
    CHECK(r[2].then.result == bs::verdict::supported);
    CHECK(*r[3].then.count == 676'315);
    CHECK(r[3].then.result == bs::verdict::not_supported);
    CHECK(r[3].then.reason == "676,315 is not more than 680,000 (3,685 short)");
    CHECK(r[3].then.sources.at(0).published == "2019-06-05");
    CHECK(r[4].then.result == bs::verdict::supported);
}

TEST_CASE("a release-vintages file takes measure and refuses where and a date") {
    const std::string vintages = std::string(BORDERSTATS_DATA_DIR) + "/cbp_southwest_border_fy2017_fy2019_release_vintages.csv";
    const auto f = bs::parse_claims("made 2019-06-05\ndata " + vintages +
                                    "\nmeasure apprehensions\nclaim count 2019-05 = 132,887\n");
    const auto r = bs::io::check_claims(f);
    CHECK(r[0].then.result == bs::verdict::supported);
    CHECK(*r[0].now.count == 132'856);  // the final USBP figure (SOURCES.md, S30)
    bs::parse_failure failure;
    auto g = bs::try_parse_claims("data " + vintages + "@2019-06-05\nclaim count 2019-05 = 1\n", "t.claims", {}, failure);
    REQUIRE(g);
    CHECK_FALSE(bs::io::try_check_claims(*g, failure));
    CHECK(failure.message == "a release-vintages file carries its own publication dates: remove @DATE");
    g = bs::try_parse_claims("data " + vintages + "\nwhere State = TX\nclaim count 2019-05 = 1\n", "t.claims", {}, failure);
    REQUIRE(g);
    CHECK_FALSE(bs::io::try_check_claims(*g, failure));
    CHECK(failure.where.line == 2);
    CHECK(failure.where.column == 7);
}

TEST_CASE("results render as JSON with the named fields and null for a figure not computed") {
    scratch s("json");
    s.write("c.csv", std::string(cbp_header) + "2019,MAY,Southwest Land Border,100\n");
    const auto r = s.check("statement x\nmade 2019-05-01\ndata c.csv@2019-06-07\nclaim count 2019-05 = 100\n");
    const std::string json = bs::to_json(r);
    CHECK(json.find("\"line\":4,\"claim\":\"count 2019-05 = 100\"") != std::string::npos);
    CHECK(json.find("\"figure_then\":null,\"figure_now\":100") != std::string::npos);
    CHECK(json.find("\"verdict_then\":\"cannot be checked\",\"verdict_now\":\"supported\"") != std::string::npos);
    CHECK(json.find("\"reason\":\"then: May 2019 was not yet published on 2019-05-01 (first published 2019-06-07 in "
                    "c.csv); now: the figure is 100\"") != std::string::npos);
    CHECK(json.find("\"sources\":[{\"file\":\"c.csv\",\"published\":\"2019-06-07\",\"release\":\"\",\"used\":\"now\"}]") !=
          std::string::npos);
    const std::string csv = bs::to_csv(r);
    CHECK(csv.find("4,count 2019-05 = 100,2019-05-01,,100,,May 2019: 100,cannot be checked,supported,") == csv.find("\r\n") + 2);
    CHECK(bs::to_text(r).find("   4  count 2019-05 = 100     –  cannot be checked  100  supported\n") != std::string::npos);
    CHECK(bs::to_markdown(r).find("|    4 | count 2019-05 = 100 |    – | cannot be checked | 100 | supported   |") !=
          std::string::npos);
}

TEST_CASE("the August 2025 Southwest file and the final file are releases of one Southwest series") {
    // examples/data/SOURCES.md 2b2: October 2024 106,321 in the August file, 106,316 in the final
    // file; FY2025 October-August 432,059 then 432,024; publication dates as in section 2d.
    const std::string dir = BORDERSTATS_DATA_DIR;
    const auto r = bs::io::check_claims(bs::parse_claims(
        "made 2025-10-15\n"
        "data " + dir + "/sbo-encounters-fy22-fy25-aug.csv@2025-09\n"
        "data " + dir + "/cbp-nationwide-encounters-fy22-fy25-state.csv@2026-01-14\n"
        "where Land Border Region = Southwest Land Border\n"
        "claim count 2024-10 = 106,321\n"
        "claim fytd 2025-08 = 432,059\n"
        "claim fy 2022 = 2,378,944\n"));
    CHECK(r[0].then.result == bs::verdict::supported);
    CHECK(r[0].then.sources.at(0).published == "2025-09");
    CHECK(*r[0].now.count == 106'316);
    CHECK(r[0].now.result == bs::verdict::not_supported);
    CHECK(*r[1].then.count == 432'059);
    CHECK(*r[1].now.count == 432'024);
    CHECK(r[2].then.result == bs::verdict::supported);
    CHECK(r[2].now.result == bs::verdict::supported);
}

TEST_CASE("a Southwest file matches the Southwest region and no other") {
    const std::string file = std::string(BORDERSTATS_DATA_DIR) + "/sbo-encounters-fy22-fy25-aug.csv";
    const auto r = bs::io::check_claims(bs::parse_claims("data " + file +
                                                         "\nwhere Land Border Region = Northern Land Border\n"
                                                         "claim fy 2022 > 0\n"
                                                         "where Land Border Region = Southwest Land Border\n"
                                                         "claim fy 2022 = 2,378,944\n"));
    CHECK(r[0].now.result == bs::verdict::cannot_be_checked);
    CHECK(r[0].now.reason == file + " has no Land Border Region column: every record of it is in Southwest Land Border, "
                                    "none in Northern Land Border");
    CHECK(r[1].now.result == bs::verdict::supported);
}

TEST_CASE("a fiscal-year total printed after its months is the figure from then on") {
    // examples/data/SOURCES.md 1b: FY2017 months sum to 303,916 + 111,275 = 415,191 (2017-11);
    // FY2017 415,517 as cited in 2018-10 (S11).
    const std::string vintages = std::string(BORDERSTATS_DATA_DIR) + "/cbp_southwest_border_fy2017_fy2019_release_vintages.csv";
    const auto r = bs::io::check_claims(bs::parse_claims("made 2018-01-01\ndata " + vintages +
                                                         "\nclaim fy 2017 = 415,191\nclaim fy 2017 = 415,517\n"));
    CHECK(*r[0].then.count == 415'191);
    CHECK(r[0].then.result == bs::verdict::supported);
    CHECK(*r[1].now.count == 415'517);
    CHECK(r[1].now.result == bs::verdict::supported);
    CHECK(r[1].now.sources.at(0).published == "2018-10");
    CHECK(r[1].then.result == bs::verdict::not_supported);
}

// ------------------------------------------------------ RELEASES AND INPUT

TEST_CASE("a release known only by its month and one dated inside that month are refused as unordered") {
    // Before: rel1 (2024-01, counted from January 31) silently won over rel3 (2024-01-20).
    scratch s("month_only");
    s.write("rel1.csv", std::string(cbp_header) + "2024,OCT,Southwest Land Border,100\n");
    s.write("rel3.csv", std::string(cbp_header) + "2024,OCT,Southwest Land Border,105\n");
    const auto f = s.failure("made 2024-01-25\ndata rel1.csv@2024-01\ndata rel3.csv@2024-01-20\nclaim count 2023-10 = 105\n");
    CHECK(f.where.line == 3);
    CHECK(f.where.column == 6);
    CHECK(f.message == "rel1.csv (published some day of 2024-01) and rel3.csv (published 2024-01-20) both give "
                       "2023-10: which figure is the later one cannot be known; give rel1.csv its day of publication "
                       "(YYYY-MM-DD)");
}

TEST_CASE("a month a later release drops keeps the earlier figure and the reason says so") {
    // rel1 gives November 200; rel2, whose span October-January covers November, leaves it out.
    scratch s("dropped");
    s.write("rel1.csv", std::string(cbp_header) + "2024,OCT,Southwest Land Border,100\n2024,NOV,Southwest Land Border,200\n");
    s.write("rel2.csv", std::string(cbp_header) + "2024,OCT,Southwest Land Border,110\n2024,JAN,Southwest Land Border,400\n");
    const auto r = s.check("made 2024-02-01\ndata rel1.csv@2024-01-10\ndata rel2.csv@2024-02-10\nclaim count 2023-11 = 200\n");
    REQUIRE(r.size() == 1);
    // Then (2024-02-01) rel2 was not out: nothing was dropped yet.
    CHECK(r[0].then.reason == "the figure is 200");
    CHECK(r[0].now.result == bs::verdict::supported);
    CHECK(*r[0].now.count == 200);
    CHECK(r[0].now.reason == "the figure is 200; note: 2023-11: given by rel1.csv (published 2024-01-10) as 200, but not "
                             "by rel2.csv (published 2024-02-10), whose span covers it; the earlier figure is kept");
}

TEST_CASE("a release in which the filter matches no record beside one in which it does is refused") {
    // Before: gB was passed over and "now" stayed at gA's 50 for Guatemala.
    const std::string header = "Fiscal Year,Month (abbv),Citizenship,Encounter Count\n";
    scratch s("none_matched");
    s.write("gA.csv", header + "2024,OCT,GUATEMALA,50\n2024,OCT,MEXICO,100\n2024,NOV,MEXICO,200\n");
    s.write("gB.csv", header + "2024,OCT,MEXICO,100\n2024,NOV,MEXICO,200\n");
    const auto f = s.failure("data gA.csv@2024-01-10\ndata gB.csv@2024-02-10\nwhere Citizenship = GUATEMALA\n"
                             "claim count 2023-10 = 50\n");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 6);
    CHECK(f.message == "no record of gB.csv has Citizenship = GUATEMALA, while gA.csv has such records: a release "
                       "without any is neither read as zero nor passed over (as cbp_report refuses it); check that "
                       "gB.csv is the file meant");
    // Matched in neither: the claim cannot be checked, as for one file.
    const auto r = s.check("data gA.csv@2024-01-10\ndata gB.csv@2024-02-10\nwhere Citizenship = HONDURAS\n"
                           "claim count 2023-10 = 0\n");
    CHECK(r[0].now.result == bs::verdict::cannot_be_checked);
}

TEST_CASE("a total that does not fit 64 bits is a failure at its place and try_check_claims does not throw") {
    scratch s("overflow");
    // 9223372036854775807 is the largest 64-bit count; one more overflows.
    s.write("huge.csv", std::string(cbp_header) + "2019,MAY,Southwest Land Border,9223372036854775807\n" +
                            "2019,MAY,Northern Land Border,1\n");  // two regions: a repeated row is refused
    s.write("months.csv", std::string(cbp_header) + "2019,MAY,Southwest Land Border,9223372036854775807\n" +
                              "2019,JUN,Southwest Land Border,9223372036854775807\n");
    auto f = s.failure("data huge.csv\nclaim count 2019-05 > 0\n");
    CHECK(f.where.source == (s.dir / "huge.csv").string());
    CHECK(f.where.line == 3);
    CHECK(f.where.column == 31);
    CHECK(f.field == "Encounter Count");
    CHECK(f.message == "sum overflows a 64-bit integer: 9223372036854775807 + 1 (the total of May 2019)");
    f = s.failure("data months.csv\nclaim count 2019-05 > 0\nclaim   sum 2019-05 2019-06 > 0\n");
    CHECK(f.where.source == "t.claims");
    CHECK(f.where.line == 3);
    CHECK(f.where.column == 9);
    CHECK(f.field == "claim");
    CHECK(f.message == "the figures of May 2019 through June 2019 add up to more than a 64-bit integer holds: "
                       "9,223,372,036,854,775,807 + 9,223,372,036,854,775,807 at June 2019");
    // The single months fit, and so does the change between them (0%).
    const auto r = s.check("data months.csv\nclaim change 2019-05 2019-06 = 0%\nclaim count 2019-06 > 0\n");
    CHECK(r[0].now.result == bs::verdict::supported);
    CHECK(r[1].now.result == bs::verdict::supported);
    // The throwing form throws overflow_error.
    const auto parsed = bs::parse_claims("data months.csv\nclaim sum 2019-05 2019-06 > 0\n", "t.claims", s.dir);
    CHECK_THROWS_AS(bs::io::check_claims(parsed), bs::parse_error);
}

TEST_CASE("a claims file that is a directory or holds a control byte is refused at its place") {
    scratch s("input");
    bs::parse_failure f;
    CHECK_FALSE(bs::try_load_claims_file(s.dir, f).has_value());
    CHECK(f.describe() == s.dir.string() + ": expected a claims file, found a directory");
    CHECK_FALSE(bs::try_load_claims_file(s.dir / "none.claims", f).has_value());
    CHECK(f.message == "cannot open the claims file: it does not exist or cannot be read");
    s.write("nul.claims", std::string("statement a\0b\n", 14));
    CHECK_FALSE(bs::try_load_claims_file(s.dir / "nul.claims", f).has_value());
    CHECK(f.where.line == 1);
    CHECK(f.where.column == 12);
    CHECK(f.message == "expected text: a claims file holds no control character (found U+0000, a NUL byte; is this a "
                       "claims file?)");
    CHECK_FALSE(bs::try_parse_claims("# fine\n\tmade 2019-06-05\x1b\n", "t.claims", {}, f).has_value());
    CHECK(f.where.line == 2);
    CHECK(f.where.column == 17);
    CHECK(f.message == "expected text: a claims file holds no control character (found U+001B; is this a claims file?)");
}

TEST_CASE("a claims stream is read up to its size limit and refused at the byte past it") {
    CHECK(bs::claims_file_max_bytes == std::size_t{1} << 24);  // 16 MiB, as docs/CLAIMS.md says
    std::FILE* in = std::tmpfile();
    REQUIRE(in != nullptr);
    // Two lines of 12 bytes, line ends included: read under a limit of 24 bytes.
    std::fputs("# 123456789\n# 123456789\n", in);
    std::rewind(in);
    bs::parse_failure f;
    const auto ok = bs::try_load_claims(in, "<stdin>", {}, f, 24);
    REQUIRE(ok.has_value());
    CHECK(ok->claims.empty());
    // One byte more: refused at line 3, column 1, byte 25.
    std::fseek(in, 0, SEEK_END);
    std::fputc('x', in);
    std::rewind(in);
    CHECK_FALSE(bs::try_load_claims(in, "<stdin>", {}, f, 24).has_value());
    CHECK(f.describe() == "<stdin>:3:1: a claims file holds at most 24 bytes: byte 25 is past the limit; is this a "
                          "claims file?");
    // The default limit: 16 MiB and one byte of text, a single line, is refused at its last byte.
    std::rewind(in);
    const std::string big((std::size_t{1} << 24) + 1, 'x');
    std::fwrite(big.data(), 1, big.size(), in);
    std::rewind(in);
    CHECK_FALSE(bs::try_load_claims(in, "<stdin>", {}, f).has_value());
    CHECK(f.describe() == "<stdin>:1:16777217: a claims file holds at most 16 MiB (16,777,216 bytes): byte 16,777,217 "
                          "is past the limit; is this a claims file?");
    std::fclose(in);
}

TEST_CASE("a release-vintages row set that cites months around another month drops nothing") {
    // Vintage b cites February and May: March, between them, is not dropped; 100 stands with no note.
    scratch s("vintage_span");
    s.write("v.csv", "fiscal_year,month,apprehensions,inadmissibles,total,vintage,published,source_id\n"
                     "2019,MAR,,,100,a,2019-04-05,S1\n2019,FEB,,,90,b,2019-06-05,S2\n2019,MAY,,,120,b,2019-06-05,S2\n");
    const auto r = s.check("data v.csv\nclaim count 2019-03 = 100\n");
    CHECK(r[0].now.result == bs::verdict::supported);
    CHECK(r[0].now.reason == "the figure is 100");
}
