// Tables: aligned text and Markdown, and the builders for series, roll-ups and
// group-bys. Figures are CBP's (examples/data/SOURCES.md, section 1c) and the
// expected text is written out by hand.
#include <borderstats/io/csv.hpp>
#include <borderstats/output/table.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "data_path.hpp"

namespace bs = borderstats;
using bs::year_month;

namespace {
// Southwest border totals as published on 2019-06-05 (March from 2019-05-08).
bs::monthly_series<std::int64_t> statement_totals() {
    return bs::monthly_series<std::int64_t>(year_month{2019, 3}, {103'719, 109'474, 144'278});
}
// Final USBP Southwest border apprehensions, FY2018 and FY2019, from the bundled file.
bs::monthly_series<std::int64_t> usbp_fy2018_fy2019() {
    bs::io::csv_stream_reader reader = bs::io::csv_stream_reader::open(data_file("cbp_southwest_border_fy2018_fy2019.csv"));
    bs::io::csv_record r;
    REQUIRE(reader.next(r));
    bs::monthly_series<std::int64_t> s;
    while (reader.next(r)) {
        const auto fy = bs::fiscal_year<bs::us_federal>{std::stoi(std::string(r[0]))};
        s.set(fy.month_of(bs::parse_month_name(r[1])), std::stoll(std::string(r[2])));
    }
    return s;
}
}  // namespace

TEST_CASE("to_text aligns columns, left and right, with a rule under the header") {
    const std::string expected =
        "Month      Value   MoM %  YoY %  FYTD\n"
        "-------  -------  ------  -----  ----\n"
        "2019-03  103,719     n/a    n/a     \xE2\x80\x93\n"
        "2019-04  109,474   +5.5%    n/a     \xE2\x80\x93\n"
        "2019-05  144,278  +31.8%    n/a     \xE2\x80\x93\n";
    // +5.5% = 109,474 / 103,719 - 1 = 5.549%; +31.8% = 144,278 / 109,474 - 1 = 31.79%
    // (SOURCES.md: "+31.8 %"); FYTD needs October..March, which the series lacks.
    CHECK(bs::to_text(bs::series_table(statement_totals())) == expected);
}

TEST_CASE("series_table: whole percents round half away from zero, as agencies print") {
    bs::table_options o;
    o.percent_decimals = 0;
    o.year_over_year = false;
    o.fiscal_year_to_date = false;
    o.long_months = true;
    const bs::table t = bs::series_table(statement_totals(), o);
    REQUIRE(t.column_count() == 3);
    CHECK(t.cell(2, 0) == "May 2019");
    CHECK(t.cell(2, 2) == "+32%");
    CHECK(t.cell(1, 2) == "+6%");
}

TEST_CASE("series_table: FYTD over a full fiscal year, gaps, and a change from zero") {
    const auto s = usbp_fy2018_fy2019();
    const bs::table t = bs::series_table(s);
    REQUIRE(t.row_count() == 24);
    // FY2019 through May (Oct 2018..May 2019, final figures) = 593,437; through September = 851,508.
    CHECK(t.cell(12 + 7, 4) == "593,437");
    CHECK(t.cell(23, 4) == "851,508");
    CHECK(t.cell(23, 0) == "2019-09");
    // FY2018 through January: 25,488 + 29,085 + 28,995 + 25,975 = 109,543.
    CHECK(t.cell(3, 4) == "109,543");

    bs::monthly_series<std::int64_t> g(year_month{2020, 1}, std::vector<std::optional<std::int64_t>>{0, 5, std::nullopt, 7});
    const bs::table u = bs::series_table<bs::calendar_year>(g);
    CHECK(u.columns()[4].header == "YTD");
    CHECK(u.cell(1, 2) == "n/a");   // from zero: undefined, not +inf%
    CHECK(u.cell(2, 1) == "\xE2\x80\x93");  // a gap
    CHECK(u.cell(3, 2) == "n/a");   // from a gap
    CHECK(u.cell(3, 4) == "\xE2\x80\x93");  // YTD reaches a gap
}

TEST_CASE("to_markdown: alignment markers, escaped pipes, padded source") {
    bs::table t;
    t.add_column("Sector", bs::align::left).add_column("FY2019");
    t.add_row({"Rio Grande Valley", "339,135"}).add_row({"El Paso", "182,143"}).add_row({"a|b", "1"});
    const std::string expected =
        "| Sector            |  FY2019 |\n"
        "| :---------------- | ------: |\n"
        "| Rio Grande Valley | 339,135 |\n"
        "| El Paso           | 182,143 |\n"
        "| a\\|b              |       1 |\n";
    CHECK(bs::to_markdown(t) == expected);

    bs::table c;
    c.add_column("x", bs::align::center);
    c.add_row({"1"});
    CHECK(bs::to_markdown(c) == "|  x  |\n| :-: |\n|  1  |\n");
}

TEST_CASE("to_text counts UTF-8 code points, not bytes, and keeps cells on one line") {
    bs::table t;
    t.add_column("Country", bs::align::left).add_column("n");
    t.add_row({"M\xC3\xA9xico", "1"}).add_row({"two\nlines", "22"});
    CHECK(bs::to_text(t) ==
          "Country     n\n"
          "---------  --\n"
          "M\xC3\xA9xico      1\n"
          "two lines  22\n");
}

TEST_CASE("a row with the wrong number of cells is an error") {
    bs::table t;
    t.add_column("a").add_column("b");
    CHECK_THROWS_AS(t.add_row({"1"}), bs::error);
    t.add_row({"1", "2"});
    CHECK_THROWS_AS(t.add_column("c"), bs::error);
}

TEST_CASE("fiscal_year_table: totals, partial years marked, change only between complete years") {
    const auto s = usbp_fy2018_fy2019();
    const bs::table t = bs::fiscal_year_table(s.by_fiscal_year<bs::us_federal>());
    // SOURCES.md: FY2018 396,579, FY2019 851,508; 851,508 / 396,579 - 1 = +114.71%.
    CHECK(bs::to_text(t) ==
          "Period    Total   Change\n"
          "------  -------  -------\n"
          "FY2018  396,579      n/a\n"
          "FY2019  851,508  +114.7%\n");

    bs::monthly_series<std::int64_t> part = s;
    for (year_month m = year_month{2019, 6}; m <= year_month{2019, 9}; ++m) part.erase(m);
    const bs::table p = bs::fiscal_year_table(part.by_fiscal_year<bs::us_federal>());
    CHECK(p.cell(1, 1) == "593,437 (8/12)");
    CHECK(p.cell(1, 2) == "n/a");
}

TEST_CASE("group tables: by month with a total, and by fiscal year with a total row") {
    std::map<std::string, bs::monthly_series<std::int64_t>> groups;
    // Title 8 and Title 42 shaped, numbers by hand.
    groups["Title 8"] = bs::monthly_series<std::int64_t>(year_month{2020, 2}, {1'000, 2'000, 3'000});
    groups["Title 42"] = bs::monthly_series<std::int64_t>(year_month{2020, 3}, {500, 1'500});
    auto name = [](const std::string& k) { return k; };
    CHECK(bs::to_text(bs::group_table(groups, name)) ==
          "Month    Title 42  Title 8  Total\n"
          "-------  --------  -------  -----\n"
          "2020-02         \xE2\x80\x93    1,000      \xE2\x80\x93\n"
          "2020-03       500    2,000  2,500\n"
          "2020-04     1,500    3,000  4,500\n");

    const bs::table fy = bs::group_fiscal_year_table<bs::us_federal>(groups, name, "Title");
    CHECK(fy.columns()[1].header == "FY2020");
    CHECK(fy.cell(0, 1) == "2,000 (2/12)");
    CHECK(fy.cell(1, 1) == "6,000 (3/12)");
    CHECK(fy.cell(2, 0) == "Total");
    CHECK(fy.cell(2, 1) == "8,000 (partial)");

    std::map<int, bs::monthly_series<std::int64_t>> full;
    full[1] = bs::monthly_series<std::int64_t>(year_month{2018, 10}, std::vector<std::int64_t>(12, 10));
    full[2] = bs::monthly_series<std::int64_t>(year_month{2018, 10}, std::vector<std::int64_t>(12, 1'000));
    const bs::table f = bs::group_fiscal_year_table<bs::us_federal>(full, [](int k) { return "group " + std::to_string(k); });
    CHECK(bs::to_markdown(f) ==
          "| Group   | FY2019 |\n"
          "| :------ | -----: |\n"
          "| group 1 |    120 |\n"
          "| group 2 | 12,000 |\n"
          "| Total   | 12,120 |\n");
}

TEST_CASE("floating-point values print with the decimals asked for") {
    bs::table_options o;
    o.value_decimals = 1;
    o.month_over_month = o.year_over_year = o.fiscal_year_to_date = false;
    const bs::monthly_series<double> s(year_month{2019, 1}, {1234.56, 0.04});
    const bs::table t = bs::series_table(s, o);
    CHECK(t.cell(0, 1) == "1,234.6");
    CHECK(t.cell(1, 1) == "0.0");
}
