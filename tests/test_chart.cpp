// SVG charts: well-formed XML (xmllint when installed, and always a small
// well-formedness check in C++), and the content a reader relies on: one bar
// per month with a figure, labels, title and description, threshold,
// annotations. Figures: final USBP Southwest border apprehensions, FY2019
// (examples/data/SOURCES.md, section 1c) and the June 2019 statement's totals.
#include <borderstats/output/chart.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bs = borderstats;
using bs::year_month;

namespace {
bs::monthly_series<std::int64_t> fy2019_usbp() {
    return bs::monthly_series<std::int64_t>(year_month{2018, 10}, {51'005, 51'857, 50'751, 47'979, 66'883, 92'833, 99'273,
                                                                   132'856, 94'902, 71'978, 50'684, 40'507});
}

std::size_t count(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t p = text.find(what); p != std::string_view::npos; p = text.find(what, p + 1)) ++n;
    return n;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == ':' || c == '.';
}

// A small XML well-formedness check: one root, tags nest and close, attribute
// values quoted, '&' only in a known or numeric entity, no '<' in text or
// attributes. Enough for what the chart writes (no CDATA, no DOCTYPE).
std::string xml_problem(std::string_view x) {
    std::vector<std::string> open;
    std::size_t i = 0;
    int roots = 0;
    auto entity_ok = [&](std::size_t p) {
        const std::size_t semi = x.find(';', p);
        if (semi == std::string_view::npos) return false;
        const std::string_view e = x.substr(p + 1, semi - p - 1);
        if (e == "amp" || e == "lt" || e == "gt" || e == "quot" || e == "apos") return true;
        if (e.size() >= 2 && e[0] == '#') {
            for (std::size_t k = 1; k < e.size(); ++k)
                if (!(e[k] >= '0' && e[k] <= '9')) return false;
            return true;
        }
        return false;
    };
    if (x.substr(0, 5) == "<?xml") {
        i = x.find("?>");
        if (i == std::string_view::npos) return "unclosed XML declaration";
        i += 2;
    }
    while (i < x.size()) {
        const char c = x[i];
        if (c == '<') {
            if (x[i + 1] == '/') {
                std::size_t j = i + 2;
                while (j < x.size() && is_name_char(x[j])) ++j;
                const std::string name(x.substr(i + 2, j - i - 2));
                if (open.empty() || open.back() != name) return "unexpected </" + name + ">";
                open.pop_back();
                if (x[j] != '>') return "bad end tag " + name;
                i = j + 1;
                continue;
            }
            std::size_t j = i + 1;
            while (j < x.size() && is_name_char(x[j])) ++j;
            const std::string name(x.substr(i + 1, j - i - 1));
            if (name.empty()) return "empty tag name";
            if (open.empty()) ++roots;
            // Attributes.
            while (true) {
                while (j < x.size() && (x[j] == ' ' || x[j] == '\n')) ++j;
                if (j >= x.size()) return "unclosed tag " + name;
                if (x[j] == '>') {
                    open.push_back(name);
                    i = j + 1;
                    break;
                }
                if (x.substr(j, 2) == "/>") {
                    i = j + 2;
                    break;
                }
                const std::size_t a = j;
                while (j < x.size() && is_name_char(x[j])) ++j;
                if (j == a || x[j] != '=' || x[j + 1] != '"') return "bad attribute in <" + name + ">";
                const std::size_t end = x.find('"', j + 2);
                if (end == std::string_view::npos) return "unclosed attribute";
                for (std::size_t k = j + 2; k < end; ++k) {
                    if (x[k] == '<') return "'<' in an attribute";
                    if (x[k] == '&' && !entity_ok(k)) return "bad entity in an attribute";
                }
                j = end + 1;
            }
            continue;
        }
        if (c == '&' && !entity_ok(i)) return "bad entity in text";
        if (c == '>') return "bare '>' in text";  // allowed by XML, but we escape it
        if (open.empty() && c != '\n' && c != ' ') return "text outside the root";
        ++i;
    }
    if (!open.empty()) return "unclosed <" + open.back() + ">";
    if (roots != 1) return "not exactly one root element";
    return {};
}

// xmllint's verdict when it is installed; empty optional otherwise.
std::optional<bool> xmllint_ok(const std::string& svg) {
    if (std::system("xmllint --version >/dev/null 2>&1") != 0) return std::nullopt;
    // In the temporary directory (the tests run in the source tree), named by
    // the content so that test cases run in parallel do not share a file.
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("borderstats_test_chart_" + std::to_string(std::hash<std::string>{}(svg)) + ".svg")).string();
    {
        std::ofstream out(path, std::ios::binary);
        out << svg;
    }
    const int rc = std::system(("xmllint --noout " + path).c_str());
    std::remove(path.c_str());
    return rc == 0;
}

void check_well_formed(const std::string& svg) {
    CHECK(xml_problem(svg) == "");
    if (const auto ok = xmllint_ok(svg)) CHECK(*ok);
}

bs::chart_options statement_options() {
    bs::chart_options o;
    o.title = "Southwest border, FY2019";
    o.source = "Source: CBP";
    o.thresholds.push_back({100'000, ""});
    o.annotations.push_back({year_month{2019, 5}, "May 2019: 144,278, +32%\nover April's 109,474"});
    o.annotations.push_back({year_month{2019, 3}, "March: 103,719"});
    return o;
}
}  // namespace

TEST_CASE("the well-formedness check itself catches what it should") {
    CHECK(xml_problem("<a><b/></a>") == "");
    CHECK(xml_problem("<a><b></a>") != "");
    CHECK(xml_problem("<a>x & y</a>") != "");
    CHECK(xml_problem("<a t=\"<\"/>") != "");
    CHECK(xml_problem("<a/><b/>") != "");
}

TEST_CASE("nice numbers: steps of 1, 2 or 5 x 10^k, ends on multiples of the step") {
    CHECK(bs::nice_step(26'571.2) == doctest::Approx(20'000));
    CHECK(bs::nice_step(31'360) == doctest::Approx(50'000));
    CHECK(bs::nice_step(0.37) == doctest::Approx(0.5));
    CHECK(bs::nice_step(8) == doctest::Approx(10));
    CHECK(bs::nice_step(1.2) == doctest::Approx(1));
    // FY2019's highest month, 132,856: 132,856 / 5 = 26,571 -> 20,000; top 140,000.
    const auto a = bs::nice_scale(0, 132'856, 5);
    CHECK(a.lo == 0);
    CHECK(a.step == doctest::Approx(20'000));
    CHECK(a.hi == doctest::Approx(140'000));
    CHECK(a.ticks().size() == 8);
    const auto b = bs::nice_scale(-12, 30, 4);  // (30 + 12) / 4 = 10.5 -> 10
    CHECK(b.lo == doctest::Approx(-20));
    CHECK(b.hi == doctest::Approx(30));
    const auto c = bs::nice_scale(0, 0, 5);  // nothing to show still gives an axis
    CHECK(c.hi > c.lo);
    CHECK(bs::format_tick(150'000, 50'000) == "150,000");
    CHECK(bs::format_tick(2.5, 0.5) == "2.5");
    CHECK(bs::format_tick(0.25, 0.05) == "0.25");
}

TEST_CASE("one bar per month with a figure, and no bar for a gap") {
    auto s = fy2019_usbp();
    const std::string svg = bs::render_svg(s, statement_options());
    check_well_formed(svg);
    CHECK(count(svg, "<rect class=\"bar\"") == 12);
    s.erase(year_month{2019, 1});
    s.erase(year_month{2019, 7});
    const std::string gappy = bs::render_svg(s, statement_options());
    check_well_formed(gappy);
    CHECK(count(gappy, "<rect class=\"bar\"") == 10);
    CHECK(gappy.find("January 2019: ") == std::string::npos);  // no tooltip for the gap
    CHECK(gappy.find("<title>February 2019: 66,883</title>") != std::string::npos);
}

TEST_CASE("title, description and the accessibility attributes") {
    const std::string svg = bs::render_svg(fy2019_usbp(), statement_options());
    CHECK(svg.find("role=\"img\"") != std::string::npos);
    CHECK(svg.find("aria-labelledby=\"bs-chart-title bs-chart-desc\"") != std::string::npos);
    CHECK(svg.find("<title id=\"bs-chart-title\">Southwest border, FY2019</title>") != std::string::npos);
    const std::size_t d = svg.find("<desc id=\"bs-chart-desc\">");
    REQUIRE(d != std::string::npos);
    const std::string desc = svg.substr(d, svg.find("</desc>", d) - d);
    CHECK(desc.find("October 2018 to September 2019") != std::string::npos);
    CHECK(desc.find("Highest: May 2019, 132,856") != std::string::npos);
    CHECK(desc.find("Reference line at 100,000") != std::string::npos);
    CHECK(desc.find("May 2019: 144,278, +32% over April&#39;s 109,474") != std::string::npos);
    // The <title> comes first inside <svg>, as screen readers expect.
    CHECK(svg.find("<title") < svg.find("<desc"));
    CHECK(svg.find("<title") < svg.find("<rect"));

    bs::chart_options own = statement_options();
    own.description = "Custom words.";
    own.id = "c2";
    const std::string svg2 = bs::render_svg(fy2019_usbp(), own);
    CHECK(svg2.find("<desc id=\"c2-desc\">Custom words.</desc>") != std::string::npos);
}

TEST_CASE("month ticks, fiscal-year label, value axis, threshold and annotations") {
    const std::string svg = bs::render_svg(fy2019_usbp(), statement_options());
    for (const char* m : {">Oct<", ">Nov<", ">Dec<", ">Jan<", ">May<", ">Sep<"}) CHECK(svg.find(m) != std::string::npos);
    CHECK(count(svg, "class=\"fiscal-label\"") == 1);
    CHECK(svg.find(">FY2019</text>") != std::string::npos);
    // Axis 0..140,000 by 20,000 (see the nice-number test), raised one step
    // or more to make room for the annotations above May.
    for (const char* t : {">0<", ">20,000<", ">100,000<", ">140,000<"}) CHECK(svg.find(t) != std::string::npos);
    CHECK(count(svg, "class=\"threshold-line\"") == 1);
    CHECK(svg.find("class=\"threshold-label\"") != std::string::npos);
    CHECK(count(svg, "class=\"annotation\"") == 2);
    CHECK(svg.find(">May 2019: 144,278, +32%</tspan>") != std::string::npos);
    CHECK(svg.find(">over April&#39;s 109,474</tspan>") != std::string::npos);
    // statement_options() annotates March with the figure the test gives it.
    CHECK(svg.find(">March: 103,719</tspan>") != std::string::npos);
    CHECK(svg.find(">Source: CBP</text>") != std::string::npos);
}

TEST_CASE("text is XML-escaped and forbidden characters dropped") {
    bs::chart_options o;
    o.title = "Title 8 & <42> \"quoted\"\x01";
    o.source = "a < b";
    const std::string svg = bs::render_svg(fy2019_usbp(), o);
    check_well_formed(svg);
    CHECK(svg.find("Title 8 &amp; &lt;42&gt; &quot;quoted&quot;</title>") != std::string::npos);
    CHECK(svg.find("<42>") == std::string::npos);
    CHECK(svg.find('\x01') == std::string::npos);
    CHECK(bs::xml_escape("it's") == "it&#39;s");
}

TEST_CASE("bytes that are not valid UTF-8 become U+FFFD and the SVG stays well-formed") {
    // "M\xE9xico" is Latin-1, as some agency exports are; a UTF-8 é is kept.
    CHECK(bs::xml_escape("M\xE9xico") == "M\xEF\xBF\xBDxico");
    CHECK(bs::xml_escape("M\xC3\xA9xico") == "M\xC3\xA9xico");
    // Overlong '/', a surrogate, U+FFFE, a truncated sequence: each byte or
    // sequence replaced, nothing else lost.
    CHECK(bs::xml_escape("a\xC0\xAF" "b") == "a\xEF\xBF\xBD\xEF\xBF\xBD" "b");
    CHECK(bs::xml_escape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(bs::xml_escape("x\xEF\xBF\xBEy") == "x\xEF\xBF\xBDy");
    CHECK(bs::xml_escape("end\xE2\x82") == "end\xEF\xBF\xBD\xEF\xBF\xBD");
    bs::chart_options o;
    o.title = "Encounters, M\xE9xico";
    const std::string svg = bs::render_svg(fy2019_usbp(), o);
    check_well_formed(svg);
    CHECK(svg.find("Encounters, M\xEF\xBF\xBDxico</title>") != std::string::npos);
}

TEST_CASE("several series: stacked and grouped bars, lines broken at gaps, a legend") {
    // Title 8 / Title 42 shaped; Title 42 starts in March 2020.
    bs::monthly_series<std::int64_t> t8(year_month{2020, 1}, {36'000, 36'500, 23'000, 5'000});
    bs::monthly_series<std::int64_t> t42(year_month{2020, 3}, {7'000, 16'000});
    std::vector<bs::chart_series<std::int64_t>> two{{"Title 8", t8, ""}, {"Title 42", t42, "#E69F00"}};

    bs::chart_options o;
    o.kind = bs::chart_kind::stacked_bars;
    const std::string stacked = bs::render_svg(two, o);
    check_well_formed(stacked);
    CHECK(count(stacked, "<rect class=\"bar\"") == 6);
    CHECK(count(stacked, "class=\"legend-swatch\"") == 2);
    CHECK(stacked.find(">Title 42</text>") != std::string::npos);
    CHECK(stacked.find("fill=\"#E69F00\"") != std::string::npos);
    CHECK(stacked.find("<title>Title 42, April 2020: 16,000</title>") != std::string::npos);
    // Totals: 36,000, 36,500, 23,000 + 7,000 = 30,000, 5,000 + 16,000 = 21,000.
    CHECK(stacked.find("Highest total: February 2020, 36,500") != std::string::npos);
    CHECK(stacked.find(">40,000</text>") != std::string::npos);  // 36,500 / 5 = 7,300 -> 5,000 steps

    o.kind = bs::chart_kind::grouped_bars;
    const std::string grouped = bs::render_svg(two, o);
    check_well_formed(grouped);
    CHECK(count(grouped, "<rect class=\"bar\"") == 6);

    o.kind = bs::chart_kind::lines;
    bs::monthly_series<std::int64_t> broken(year_month{2020, 1}, {5, 6, 7, 8, 9, 10});
    broken.erase(year_month{2020, 3});
    broken.erase(year_month{2020, 5});  // leaves June alone between a gap and the end
    std::vector<bs::chart_series<std::int64_t>> lines{{"a", broken, ""}, {"b", t8, ""}};
    const std::string svg = bs::render_svg(lines, o);
    check_well_formed(svg);
    CHECK(count(svg, "<rect class=\"bar\"") == 0);
    const std::size_t p = svg.find("<path class=\"line\" d=\"");
    REQUIRE(p != std::string::npos);
    const std::string d = svg.substr(p, svg.find('"', p + 22) - p);
    CHECK(count(d, "M") == 3);  // Jan-Feb, Apr, Jun: three runs
    CHECK(count(d, "L") == 1);
    CHECK(svg.find("<title>a, June 2020: 10</title>") != std::string::npos);  // lone points drawn as dots
    CHECK(svg.find("<title>a, April 2020: 8</title>") != std::string::npos);
}

TEST_CASE("fiscal-year bands follow the calendar given") {
    const bs::monthly_series<std::int64_t> s(year_month{2019, 1}, std::vector<std::int64_t>(12, 100));
    const std::string uk = bs::render_svg<bs::uk>(s);
    CHECK(uk.find(">2018-19</text>") != std::string::npos);  // January..March 2019
    CHECK(uk.find(">2019-20</text>") != std::string::npos);  // April..December 2019
    CHECK(count(uk, "class=\"fiscal-boundary\"") == 1);
    const std::string us = bs::render_svg<bs::us_federal>(s);
    CHECK(us.find(">FY2019</text>") != std::string::npos);
    CHECK(us.find(">FY2020</text>") != std::string::npos);
    const std::string cy = bs::render_svg<bs::calendar_year>(s);
    CHECK(cy.find(">2019</text>") != std::string::npos);
    CHECK(count(cy, "class=\"fiscal-boundary\"") == 0);

    // Twenty-one years: labels thinned so they do not overlap.
    const bs::monthly_series<std::int64_t> long_run(year_month{1999, 10}, std::vector<std::int64_t>(252, 1));
    bs::chart_options narrow;
    narrow.width = 700;
    const std::string many = bs::render_svg(long_run, narrow);
    check_well_formed(many);
    const std::size_t labels = count(many, "class=\"fiscal-label\"");
    CHECK(labels >= 5);
    CHECK(labels < 21);
    CHECK(count(many, "<rect class=\"bar\"") == 252);
}

TEST_CASE("an annotation outside the charted months is an error, and no data still renders") {
    bs::chart_options o;
    o.annotations.push_back({year_month{2020, 1}, "outside"});
    CHECK_THROWS_AS(bs::render_svg(fy2019_usbp(), o), bs::error);
    const std::string empty = bs::render_svg(bs::monthly_series<std::int64_t>{});
    check_well_formed(empty);
    CHECK(empty.find(">No data</text>") != std::string::npos);
}

TEST_CASE("the example charts in docs/charts are well-formed and carry the statement's figures") {
    const std::string root = BORDERSTATS_DATA_DIR "/../../docs/charts/";
    std::ifstream in(root + "june_2019_statement.svg", std::ios::binary);
    if (!in) {
        MESSAGE("docs/charts not found next to the data; skipped");
        return;
    }
    const std::string svg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    check_well_formed(svg);
    CHECK(count(svg, "<rect class=\"bar\"") == 12);
    CHECK(svg.find(">May 2019: 144,278, +32%</tspan>") != std::string::npos);
    CHECK(svg.find(">April: 109,474</tspan>") != std::string::npos);
    // The chart uses the release of 2019-06-05 (SOURCES.md S1): March 92,840 + 10,889 = 103,729,
    // not the 103,719 that the May release had published.
    CHECK(svg.find(">March: 103,729</tspan>") != std::string::npos);
    CHECK(svg.find(">100,000</text>") != std::string::npos);
}
