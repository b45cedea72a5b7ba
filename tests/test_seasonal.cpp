// Seasonal norms, moving averages and classical decomposition: hand-computed
// cases, the USBP Southwest border series FY2000-FY2020, and R's decompose()
// figures stored in tests/reference (see the README there; R is not needed to
// run these tests).
#include <borderstats/io/csv.hpp>
#include <borderstats/moving_average.hpp>
#include <borderstats/output/chart.hpp>
#include <borderstats/seasonal.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "data_path.hpp"

namespace bs = borderstats;
using bs::year_month;

namespace {

// Every month of 2015-2019 at 100, except the Aprils and Mays given.
bs::monthly_series<std::int64_t> spring_series() {
    bs::monthly_series<std::int64_t> s{bs::month_range::inclusive(year_month{2015, 1}, year_month{2019, 12})};
    for (year_month m : s.months_range()) s.set(m, 100);
    const std::int64_t april[] = {100, 100, 200, 50, 100};
    const std::int64_t may[] = {110, 90, 250, 55, 110};
    for (int i = 0; i < 5; ++i) {
        s.set(year_month{2015 + i, 4}, april[i]);
        s.set(year_month{2015 + i, 5}, may[i]);
    }
    return s;
}

// The Southwest Border rows of the sector file, summed by month, read with
// the library's CSV reader (tested on its own in test_csv.cpp).
bs::monthly_series<std::int64_t> usbp_southwest() {
    auto reader = bs::io::csv_stream_reader::open(data_file("usbp_monthly_apprehensions_by_sector_fy2000_fy2020.csv"));
    bs::io::csv_record r;
    REQUIRE(reader.next(r));  // header: fiscal_year,month,calendar_year,region,sector,apprehensions
    REQUIRE(r.at(3) == "region");
    bs::monthly_series<std::int64_t> s;
    while (reader.next(r)) {
        REQUIRE(r.size() == 6);
        if (r[3] != "Southwest Border") continue;
        const bs::fiscal_year<bs::us_federal> fy{std::stoi(std::string(r[0]))};
        s.add(fy.month_of(bs::parse_month_name(r[1])), std::stoll(std::string(r[5])));
    }
    return s;
}

double ratio_change(double from, double to) { return (to - from) / from * 100; }

}  // namespace

// ------------------------------------------------------------------ NORMS

TEST_CASE("a month-over-month change is set among the same change of every earlier year") {
    const auto n = bs::seasonal_norm(spring_series(), year_month{2019, 5}, bs::change_span::month_over_month);
    REQUIRE(n);
    CHECK(n->current.month == year_month{2019, 5});
    CHECK(n->current.percent == doctest::Approx(10));
    // Earlier Aprils to Mays: +10 (2015), -10 (2016), +25 (2017), +10 (2018).
    REQUIRE(n->count() == 4);
    CHECK(n->earlier[0].month == year_month{2015, 5});
    CHECK(n->earlier[3].month == year_month{2018, 5});
    CHECK(n->years_left_out.empty());
    CHECK(n->median() == doctest::Approx(10));  // mean of the middle two of -10, 10, 10, 25
    CHECK(n->lowest().month == year_month{2016, 5});
    CHECK(n->lowest().percent == doctest::Approx(-10));
    CHECK(n->highest().month == year_month{2017, 5});
    CHECK(n->highest().percent == doctest::Approx(25));
    // One below and two equal out of four: 100 * (1 + 2/2) / 4.
    CHECK(n->percentile() == doctest::Approx(50));
    CHECK(n->higher_count() == 1);
}

TEST_CASE("the percentile is 100 above every earlier year and 0 below every one") {
    auto s = spring_series();
    s.set(year_month{2019, 5}, 130);  // +30%
    CHECK(bs::seasonal_norm(s, year_month{2019, 5}, bs::change_span::month_over_month)->percentile() == 100);
    CHECK(bs::seasonal_norm(s, year_month{2019, 5}, bs::change_span::month_over_month)->higher_count() == 0);
    s.set(year_month{2019, 5}, 50);  // -50%
    CHECK(bs::seasonal_norm(s, year_month{2019, 5}, bs::change_span::month_over_month)->percentile() == 0);
}

TEST_CASE("an earlier year with a gap or a change from zero is left out and named") {
    auto s = spring_series();
    s.erase(year_month{2016, 4});
    s.set(year_month{2017, 4}, 0);
    const auto n = bs::seasonal_norm(s, year_month{2019, 5}, bs::change_span::month_over_month);
    REQUIRE(n);
    REQUIRE(n->count() == 2);  // 2015 and 2018: +10 and +10
    CHECK(n->years_left_out == std::vector<year_month>{year_month{2016, 5}, year_month{2017, 5}});
    CHECK(n->median() == doctest::Approx(10));
    CHECK(n->percentile() == doctest::Approx(50));  // 100 * (0 + 2/2) / 2
}

TEST_CASE("an odd number of earlier changes has the middle one as median") {
    auto s = spring_series();
    s.erase(year_month{2018, 5});  // earlier: +10, -10, +25
    const auto n = bs::seasonal_norm(s, year_month{2019, 5}, bs::change_span::month_over_month);
    REQUIRE(n);
    CHECK(n->count() == 3);
    CHECK(n->median() == doctest::Approx(10));
    CHECK(n->percentile() == doctest::Approx(100.0 * (1 + 0.5) / 3));
}

TEST_CASE("a year-over-year change is set among the earlier year-over-year changes of that month") {
    const auto n = bs::seasonal_norm(spring_series(), year_month{2019, 5}, bs::change_span::year_over_year);
    REQUIRE(n);
    CHECK(n->current.percent == doctest::Approx(ratio_change(55, 110)));  // +100%
    // May 2016 over 2015, 2017 over 2016, 2018 over 2017; May 2015 has no May before it in the series.
    REQUIRE(n->count() == 3);
    CHECK(n->years_left_out.empty());
    CHECK(n->median() == doctest::Approx(ratio_change(110, 90)));
    CHECK(n->lowest().percent == doctest::Approx(ratio_change(250, 55)));
    CHECK(n->highest().percent == doctest::Approx(ratio_change(90, 250)));
    CHECK(n->percentile() == doctest::Approx(100.0 * 2 / 3));
}

TEST_CASE("no norm when the change itself is undefined or no earlier year has one") {
    auto s = spring_series();
    CHECK_FALSE(bs::seasonal_norm(s, year_month{2015, 5}, bs::change_span::month_over_month));
    CHECK_FALSE(bs::seasonal_norm(s, year_month{2020, 5}, bs::change_span::month_over_month));
    CHECK_FALSE(bs::seasonal_norm(s, year_month{2015, 1}, bs::change_span::month_over_month));
    s.erase(year_month{2019, 4});
    CHECK_FALSE(bs::seasonal_norm(s, year_month{2019, 5}, bs::change_span::month_over_month));
    CHECK_FALSE(bs::seasonal_norm(bs::monthly_series<std::int64_t>{}, year_month{2019, 5},
                                  bs::change_span::year_over_year));
}

TEST_CASE("April to May 2019 was the largest April-to-May rise of FY2000 to FY2019 at the Southwest border") {
    const auto s = usbp_southwest();
    REQUIRE(*s.at(year_month{2019, 4}) == 99'273);  // SOURCES.md 1c, final USBP
    REQUIRE(*s.at(year_month{2019, 5}) == 132'856);
    const auto n = bs::seasonal_norm(s, year_month{2019, 5}, bs::change_span::month_over_month);
    REQUIRE(n);
    CHECK(n->current.percent == doctest::Approx(ratio_change(99'273, 132'856)));  // +33.8%
    CHECK(n->count() == 19);  // FY2000 to FY2018
    CHECK(n->earlier.front().month == year_month{2000, 5});
    // Sums of the Southwest sectors of the file, April and May of each year:
    // median FY2004 135,468 -> 118,726; lowest FY2008 91,566 -> 69,233;
    // highest FY2017 11,127 -> 14,519.
    CHECK(n->median() == doctest::Approx(ratio_change(135'468, 118'726)));
    CHECK(n->lowest().month == year_month{2008, 5});
    CHECK(n->lowest().percent == doctest::Approx(ratio_change(91'566, 69'233)));
    CHECK(n->highest().month == year_month{2017, 5});
    CHECK(n->highest().percent == doctest::Approx(ratio_change(11'127, 14'519)));
    CHECK(n->percentile() == 100);

    const auto y = bs::seasonal_norm(s, year_month{2019, 5}, bs::change_span::year_over_year);
    REQUIRE(y);
    CHECK(y->current.percent == doctest::Approx(ratio_change(40'339, 132'856)));
    CHECK(y->count() == 18);  // May 2001 to May 2018: May 1999 is before the file
    CHECK(y->highest().month == year_month{2018, 5});
    CHECK(y->percentile() == 100);
}

// -------------------------------------------------------- MOVING AVERAGES

TEST_CASE("trailing and centred three-month averages") {
    const bs::monthly_series<std::int64_t> s{year_month{2019, 1}, {10, 20, 30, 40, 50, 60}};
    const auto t = bs::trailing_average(s, 3);
    CHECK_FALSE(t.at(year_month{2019, 1}));
    CHECK_FALSE(t.at(year_month{2019, 2}));
    CHECK(*t.at(year_month{2019, 3}) == doctest::Approx(20));
    CHECK(*t.at(year_month{2019, 6}) == doctest::Approx(50));
    const auto c = bs::centred_average(s, 3);
    CHECK_FALSE(c.at(year_month{2019, 1}));
    CHECK(*c.at(year_month{2019, 2}) == doctest::Approx(20));
    CHECK(*c.at(year_month{2019, 5}) == doctest::Approx(50));
    CHECK_FALSE(c.at(year_month{2019, 6}));
    // 2x2: a quarter, a half, a quarter.
    const bs::monthly_series<std::int64_t> u{year_month{2019, 1}, {10, 20, 50}};
    CHECK(*bs::centred_average(u, 2).at(year_month{2019, 2}) == doctest::Approx(0.25 * 10 + 0.5 * 20 + 0.25 * 50));
}

TEST_CASE("a window with a gap has no average unless the mean of the reported months is asked for") {
    bs::monthly_series<std::int64_t> s{year_month{2019, 1}, {10, 20, 30, 40, 50, 60}};
    s.erase(year_month{2019, 4});
    const auto t = bs::trailing_average(s, 3);
    CHECK(*t.at(year_month{2019, 3}) == doctest::Approx(20));
    CHECK_FALSE(t.at(year_month{2019, 4}));
    CHECK_FALSE(t.at(year_month{2019, 5}));
    CHECK_FALSE(t.at(year_month{2019, 6}));
    const auto r = bs::trailing_average(s, 3, bs::gaps_in_window::average_reported);
    CHECK(*r.at(year_month{2019, 4}) == doctest::Approx((20 + 30) / 2.0));
    CHECK(*r.at(year_month{2019, 5}) == doctest::Approx((30 + 50) / 2.0));
    CHECK(*r.at(year_month{2019, 6}) == doctest::Approx((50 + 60) / 2.0));
    CHECK_FALSE(r.at(year_month{2019, 2}));  // the window still may not leave the series
    const auto c = bs::centred_average(s, 3);
    CHECK_FALSE(c.at(year_month{2019, 3}));
    CHECK_FALSE(c.at(year_month{2019, 5}));
    CHECK(*c.at(year_month{2019, 2}) == doctest::Approx(20));
    // Centred 2x2 around April with April missing: weights 1/4 and 1/4 rescaled to 1/2 each.
    CHECK(*bs::centred_average(s, 2, bs::gaps_in_window::average_reported).at(year_month{2019, 4}) ==
          doctest::Approx((30 + 50) / 2.0));
    // A window of nothing but gaps has no average either way.
    bs::monthly_series<std::int64_t> g{bs::month_range::inclusive(year_month{2019, 1}, year_month{2019, 3})};
    CHECK_FALSE(bs::trailing_average(g, 3, bs::gaps_in_window::average_reported).at(year_month{2019, 3}));
}

TEST_CASE("a twelve-month centred average of a line plus a season that sums to zero is the line") {
    const double season[12] = {-30, -20, -10, 0, 10, 20, 30, 20, 10, 0, -10, -20};
    bs::monthly_series<double> s;
    for (int t = 0; t < 36; ++t) {
        const year_month m = year_month{2017, 1} + bs::months{t};
        s.set(m, 1000 + 10.0 * t + season[m.month() - 1]);
    }
    const auto c = bs::centred_average(s, 12);
    CHECK_FALSE(c.at(year_month{2017, 6}));
    CHECK(*c.at(year_month{2017, 7}) == doctest::Approx(1000 + 10.0 * 6));
    CHECK(*c.at(year_month{2019, 6}) == doctest::Approx(1000 + 10.0 * 29));
    CHECK_FALSE(c.at(year_month{2019, 7}));
    const auto d = bs::decompose(s, bs::decomposition_model::additive);
    for (int i = 0; i < 12; ++i) CHECK(d.figure[static_cast<std::size_t>(i)] == doctest::Approx(season[i]));
    CHECK(*d.adjusted.at(year_month{2018, 7}) == doctest::Approx(1000 + 10.0 * 18));
    CHECK(*d.remainder.at(year_month{2018, 7}) == doctest::Approx(0).epsilon(1e-9));
}

TEST_CASE("a window below one month or above a hundred years is an error") {
    const bs::monthly_series<std::int64_t> s{year_month{2019, 1}, {10, 20, 30}};
    CHECK_THROWS_AS(bs::trailing_average(s, 0), bs::error);
    CHECK_THROWS_AS(bs::centred_average(s, 1201), bs::error);
    CHECK(bs::trailing_average(s, 1).at(year_month{2019, 2}) == 20.0);
}

// ---------------------------------------------------------- DECOMPOSITION

namespace {
struct reference_row {
    year_month month;
    double value = 0;
    std::optional<double> trend, additive_seasonal, additive_random, multiplicative_seasonal, multiplicative_random;
};

std::optional<double> cell(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return std::stod(text);
}

// tests/reference/decompose_usbp_southwest.csv, written by R (see the README there).
std::vector<reference_row> read_reference() {
    std::ifstream in(data_file("../../tests/reference/decompose_usbp_southwest.csv"));
    REQUIRE(in);
    std::vector<reference_row> rows;
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "year_month,value,trend,additive_seasonal,additive_random,multiplicative_seasonal,multiplicative_random");
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::stringstream ss(line);
        std::string c;
        while (std::getline(ss, c, ',')) f.push_back(c);
        f.resize(7);
        rows.push_back({bs::parse_year_month(f[0]), std::stod(f[1]), cell(f[2]), cell(f[3]), cell(f[4]), cell(f[5]),
                        cell(f[6])});
    }
    return rows;
}

// Equal within 1e-9 of the reference, relative (absolute 1e-9 for references below 1 in size).
bool close(const std::optional<double>& got, const std::optional<double>& want) {
    if (!got || !want) return !got && !want;
    return std::fabs(*got - *want) <= 1e-9 * std::fmax(std::fabs(*want), 1.0);
}
}  // namespace

TEST_CASE("classical decomposition of the Southwest border series matches R's decompose") {
    const auto s = usbp_southwest();
    const auto ref = read_reference();
    REQUIRE(ref.size() == 252);
    REQUIRE(s.size() == 252);
    const auto add = bs::decompose(s, bs::decomposition_model::additive);
    const auto mul = bs::decompose(s, bs::decomposition_model::multiplicative);
    int mismatches = 0;
    for (const reference_row& r : ref) {
        CHECK(*s.at(r.month) == r.value);
        const bool ok = close(add.trend.at(r.month), r.trend) && close(mul.trend.at(r.month), r.trend) &&
                        close(add.seasonal.at(r.month), r.additive_seasonal) &&
                        close(add.remainder.at(r.month), r.additive_random) &&
                        close(mul.seasonal.at(r.month), r.multiplicative_seasonal) &&
                        close(mul.remainder.at(r.month), r.multiplicative_random);
        if (!ok) {
            ++mismatches;
            MESSAGE("mismatch at " << bs::to_string(r.month));
        }
    }
    CHECK(mismatches == 0);
    // Six months without trend at each end, as R.
    CHECK_FALSE(add.trend.at(year_month{2000, 3}));
    CHECK(add.trend.at(year_month{2000, 4}));
    CHECK_FALSE(add.trend.at(year_month{2020, 4}));
    // The seasonally adjusted series is the observed one without the season.
    const reference_row& may19 = ref[static_cast<std::size_t>((year_month{2019, 5} - year_month{1999, 10}).count())];
    REQUIRE(may19.month == year_month{2019, 5});
    CHECK(close(add.adjusted.at(may19.month), 132'856 - *may19.additive_seasonal));
    CHECK(close(mul.adjusted.at(may19.month), 132'856 / *may19.multiplicative_seasonal));
    CHECK(bs::seasonally_adjusted(s, bs::decomposition_model::multiplicative) == mul.adjusted);
}

TEST_CASE("the seasonal figures sum to zero or average one") {
    const auto s = usbp_southwest();
    double sum = 0;
    for (double f : bs::decompose(s, bs::decomposition_model::additive).figure) sum += f;
    CHECK(sum == doctest::Approx(0).epsilon(1e-6));
    double mean = 0;
    for (double f : bs::decompose(s, bs::decomposition_model::multiplicative).figure) mean += f / 12;
    CHECK(mean == doctest::Approx(1));
}

TEST_CASE("a decomposition refuses too short a series and a multiplicative one refuses zero") {
    bs::monthly_series<std::int64_t> s{bs::month_range::inclusive(year_month{2018, 1}, year_month{2019, 12})};
    for (year_month m : s.months_range()) s.set(m, 100 + m.month());
    CHECK_NOTHROW(bs::decompose(s, bs::decomposition_model::multiplicative));
    s.erase(year_month{2019, 12});
    CHECK_THROWS_AS(bs::decompose(s, bs::decomposition_model::additive), bs::error);
    s.set(year_month{2019, 12}, 0);
    CHECK_NOTHROW(bs::decompose(s, bs::decomposition_model::additive));
    CHECK_THROWS_WITH_AS(bs::decompose(s, bs::decomposition_model::multiplicative),
                         doctest::Contains("2019-12"), bs::error);
}

TEST_CASE("a gap in the series leaves gaps in trend and remainder but not in the season") {
    auto s = usbp_southwest();
    s.erase(year_month{2010, 1});
    const auto d = bs::decompose(s, bs::decomposition_model::additive);
    CHECK_FALSE(d.trend.at(year_month{2009, 7}));
    CHECK_FALSE(d.trend.at(year_month{2010, 7}));
    CHECK(d.trend.at(year_month{2009, 6}));
    CHECK(d.trend.at(year_month{2010, 8}));
    CHECK(d.seasonal.at(year_month{2010, 1}));
    CHECK_FALSE(d.adjusted.at(year_month{2010, 1}));
    CHECK_FALSE(d.remainder.at(year_month{2010, 1}));
}

// ------------------------------------------------------------------ CHART

namespace {
std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}
}  // namespace

TEST_CASE("a chart draws the seasonally adjusted series and a moving average over the bars") {
    const auto s = usbp_southwest();
    bs::chart_options o;
    o.overlays.push_back({"Seasonally adjusted", bs::seasonally_adjusted(s, bs::decomposition_model::multiplicative),
                          "#D55E00", false});
    auto ma = bs::trailing_average(s, 3);
    ma.erase(year_month{2010, 1});  // a gap breaks the line in two
    o.overlays.push_back({"3-month average", ma, "#000000", true});
    const std::string svg = bs::render_svg(s, o, "Apprehensions");
    CHECK(occurrences(svg, "<rect class=\"bar\"") == 252);
    CHECK(occurrences(svg, "class=\"overlay-line\"") == 2);
    CHECK(occurrences(svg, ">Seasonally adjusted</text>") == 1);
    CHECK(occurrences(svg, "stroke-dasharray=\"5 3\"") == 1);
    // The moving average starts in December 1999 and restarts after the gap: two pen-downs.
    const std::size_t ma_path = svg.find("<path class=\"overlay-line\"", svg.find("data-name=\"3-month average\""));
    REQUIRE(ma_path != std::string::npos);
    const std::string d = svg.substr(ma_path, svg.find("/path>", ma_path) - ma_path);
    CHECK(occurrences(d, "M") == 2);
    CHECK(svg.find("Line over the data: Seasonally adjusted.") != std::string::npos);
}
