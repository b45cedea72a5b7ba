// borderstats/output/chart.hpp: monthly series as a standalone SVG chart.
//
// A chart is a function of the figures: give it a series (or several) and
// options, get one SVG document as a string, with nothing beyond the
// standard library:
//
//     std::ofstream("fy2019.svg") << render_svg(s, chart_options{.title = ...});   // C++20 designated
//     render_svg<uk>(chart_series_from(groups, key_name), options);                  // fiscal bands of uk
//
// It refuses an annotation on a month outside the months charted (an error,
// not a note floating off the plot), and it never draws a gap as a zero: a
// month with no figure has no bar and breaks a line. Inside, four jobs in
// four places: layout (`lay_out_chart`, `fit_value_axis`), annotation
// placement (`place_annotations`), the description (`describe_chart`), and
// one drawing function per layer (`draw_*`), painted in order.
//
// What a chart shows:
//
//   - bars for one series; several as stacked bars, grouped bars or lines
//     (`chart_options::kind`); a legend when there are several
//   - fiscal-year bands of `Calendar` (any fiscal calendar: us_federal by
//     default, uk, australia, calendar_year...), shaded alternately and
//     labelled "FY2019" / "2019-20" under the month ticks; labels are thinned
//     when the years are too narrow for them
//   - month ticks, and month names when there is room ("Oct", else "O")
//   - a value axis with round ticks (1, 2 or 5 x 10^k) and thousands
//     separators, starting from zero
//   - optional threshold lines with a label ("100,000")
//   - optional overlay lines for context (a seasonally adjusted series, a
//     moving average: `chart_options::overlays`), labelled at their last point
//   - optional annotations on chosen months, placed above the bar or point
//     with a leader line; the value axis grows to leave them room, and
//     annotations that would overlap are lifted above one another
//   - a title, a subtitle, a source line; accessible text: role="img",
//     <title> and <desc> referenced by aria-labelledby (the description is
//     written from the data when none is given), and a <title> tooltip on
//     every bar and point
//   - a gap (a month with no figure) is drawn as a gap: no bar, and a line
//     breaks there; a point with gaps on both sides is drawn as a dot
//   - all text XML-escaped; C0 controls XML 1.0 forbids are dropped, and bytes
//     that are not valid UTF-8 become U+FFFD, so the document is always
//     well-formed
//
// Bars are <rect class="bar">, one per (series, month) with a figure, so a
// test can count them. Colours, sizes and fonts are plain members of
// `chart_options`.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../calendar.hpp"
#include "../detail/utf8.hpp"
#include "../error.hpp"
#include "../fiscal.hpp"
#include "format.hpp"
#include "../series.hpp"

namespace borderstats {
inline namespace v1 {

enum class chart_kind : unsigned char { bars, stacked_bars, grouped_bars, lines };

/// One series of a chart: a name for the legend and a colour (empty: the
/// next colour of the palette).
template <typename T>
struct chart_series {
    std::string name;
    monthly_series<T> values;
    std::string color;
};

/// A horizontal line at `value`, labelled `label` (empty: the value, "100,000").
struct chart_threshold {
    double value = 0;
    std::string label;
};

/// Text attached to a month; '\n' separates lines, the first is bold.
struct chart_annotation {
    year_month month;
    std::string text;
};

/// A line drawn over the chart (bars or lines) for context, such as a
/// seasonally adjusted series or a moving average; labelled by its name at
/// its last point, dashed when `dashed`. A gap breaks it.
struct chart_overlay {
    std::string name;
    monthly_series<double> values;
    std::string color = "#1f2328";
    bool dashed = false;
};

struct chart_options {
    int width = 960;
    int height = 540;
    chart_kind kind = chart_kind::bars;

    std::string title;
    std::string subtitle;
    /// "Source: ..." line under the chart.
    std::string source;
    /// The <desc> text; empty: written from the data.
    std::string description;
    /// A short label over the value axis ("Apprehensions per month").
    std::string value_label;
    /// Prefix of the element ids (for aria-labelledby); make it unique when
    /// several charts are inlined into one page.
    std::string id = "bs-chart";

    std::vector<chart_threshold> thresholds;
    std::vector<chart_annotation> annotations;
    /// Context lines over the data (the value axis covers them too).
    std::vector<chart_overlay> overlays;

    /// Series colours in order (Okabe-Ito, distinguishable with the common
    /// colour-vision deficiencies).
    std::vector<std::string> palette{"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                     "#56B4E9", "#D55E00", "#F0E442", "#000000"};
    std::string background = "#ffffff";
    std::string text_color = "#1f2328";
    std::string muted_text_color = "#59636e";
    std::string grid_color = "#e3e6ea";
    std::string axis_color = "#59636e";
    std::string band_color = "#f4f6f8";
    std::string threshold_color = "#b42318";
    std::string font_family = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
    double font_size = 12;
    double title_size = 18;

    bool fiscal_year_bands = true;
    /// Month names under the ticks when there is room.
    bool month_labels = true;
    /// The fraction of a month's width left empty between bars (0..0.9).
    double bar_gap = 0.2;
    double line_width = 2;
    /// About how many intervals the value axis has.
    int value_ticks = 5;
    /// A floor for the top of the value axis (it still grows to fit the data).
    std::optional<double> value_max;
};

// ------------------------------------------------------------ NICE NUMBERS

/// Round ticks for a value axis: `lo` .. `hi` in steps of `step`.
struct axis_scale {
    double lo = 0;
    double hi = 1;
    double step = 1;
    std::vector<double> ticks() const {
        std::vector<double> out;
        const auto n = static_cast<long>(std::llround((hi - lo) / step));
        for (long i = 0; i <= n; ++i) out.push_back(lo + static_cast<double>(i) * step);
        return out;
    }
};

/// The round step (1, 2 or 5 x 10^k) nearest to `raw`.
inline double nice_step(double raw) {
    if (!(raw > 0) || !std::isfinite(raw)) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    const double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    return nice * magnitude;
}

/// An axis covering [min_value, max_value] and zero, with about `target`
/// intervals of a round step, its ends on multiples of the step.
inline axis_scale nice_scale(double min_value, double max_value, int target = 5) {
    double lo = std::min(0.0, min_value);
    double hi = std::max(0.0, max_value);
    if (!(hi > lo)) hi = lo + 1;
    if (target < 1) target = 1;
    axis_scale s;
    s.step = nice_step((hi - lo) / target);
    s.lo = std::floor(lo / s.step + 1e-9) * s.step;
    s.hi = std::ceil(hi / s.step - 1e-9) * s.step;
    if (s.lo > lo * (1 + 1e-12)) s.lo -= s.step;
    if (s.hi < hi * (1 - 1e-12)) s.hi += s.step;
    if (s.lo == 0) s.lo = 0;  // no "-0"
    if (s.hi - s.lo < s.step) s.hi = s.lo + s.step;
    return s;
}

/// A tick value as the axis prints it: "150,000", "2.5".
inline std::string format_tick(double value, double step) {
    if (step >= 1) return format_number(value, 0);  // exact digits at any size, 1e19 included
    const int decimals = static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    return format_number(value, decimals);
}

// --------------------------------------------------------------- XML TEXT

/// `text` escaped for XML character data and attribute values, and always
/// well-formed: C0 controls other than tab, LF and CR are dropped (XML 1.0
/// does not allow them), and bytes that are not valid UTF-8, and U+FFFE and
/// U+FFFF, become U+FFFD (names come byte-exact from agency files, which are
/// not always valid UTF-8).
inline std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        const char ch = text[i];
        switch (ch) {
            case '&': out += "&amp;"; ++i; continue;
            case '<': out += "&lt;"; ++i; continue;
            case '>': out += "&gt;"; ++i; continue;
            case '"': out += "&quot;"; ++i; continue;
            case '\'': out += "&#39;"; ++i; continue;
            default: break;
        }
        const auto seq = detail::decode_utf8(p + i, text.size() - i);
        if (seq.length == 0 || seq.code_point == 0xFFFE || seq.code_point == 0xFFFF) {
            out += detail::utf8_replacement;
            i += seq.length == 0 ? 1 : seq.length;
            continue;
        }
        if (seq.code_point >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') out.append(text.data() + i, seq.length);
        i += seq.length;
    }
    return out;
}

namespace detail {

/// A coordinate with at most two decimals, locale-free: "12.5", "300".
inline std::string svg_num(double v) {
    if (!std::isfinite(v)) v = 0;
    long long hundredths = std::llround(v * 100);
    const bool negative = hundredths < 0;
    if (negative) hundredths = -hundredths;
    std::string out = negative ? "-" : "";
    out += std::to_string(hundredths / 100);
    const long long frac = hundredths % 100;
    if (frac != 0) {
        out += '.';
        out += static_cast<char>('0' + frac / 10);
        if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
    }
    return out;
}

/// Rough text width, for layout only (no font metrics in a header-only
/// library): average glyph width 0.58 em, digits and narrow letters included.
inline double text_width(std::string_view s, double font_size) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return static_cast<double>(n) * font_size * 0.58;
}

inline std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t nl = text.find('\n', start);
        out.emplace_back(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return out;
}

class svg_writer {
public:
    std::string out;
    svg_writer& raw(std::string_view s) {
        out += s;
        return *this;
    }
    svg_writer& attr(std::string_view name, std::string_view value) {
        out += ' ';
        out += name;
        out += "=\"";
        out += xml_escape(value);
        out += '"';
        return *this;
    }
    svg_writer& attr(std::string_view name, double value) { return attr(name, svg_num(value)); }
    svg_writer& text(std::string_view s) {
        out += xml_escape(s);
        return *this;
    }
};

inline const char* kind_name(chart_kind k) {
    switch (k) {
        case chart_kind::stacked_bars: return "Stacked bar chart";
        case chart_kind::grouped_bars: return "Grouped bar chart";
        case chart_kind::lines: return "Line chart";
        case chart_kind::bars:
        default: return "Bar chart";
    }
}

template <typename T>
std::string value_text(T v) {
    if constexpr (std::is_integral_v<T>)
        return format_count(v);
    else
        return format_number(static_cast<double>(v), std::fabs(static_cast<double>(v)) >= 100 ? 0 : 2);
}

struct placed_box {
    double x0, y0, x1, y1;
    bool overlaps(const placed_box& b) const { return x0 < b.x1 && b.x0 < x1 && y0 < b.y1 && b.y0 < y1; }
};

/// The overlay lines of `o` over `n` months from `first`; `x_of(mi)` is the
/// centre of month mi, `y_of(v)` the height of value v.
template <typename X, typename Y>
void draw_overlays(svg_writer& w, const chart_options& o, year_month first, int n, X x_of, Y y_of) {
    for (const chart_overlay& ov : o.overlays) {
        std::string d;
        bool pen_down = false;
        std::optional<std::pair<int, double>> end;
        for (int mi = 0; mi < n; ++mi) {
            const auto v = ov.values.at(first + months{mi});
            if (!v) {
                pen_down = false;
                continue;
            }
            d += (pen_down ? "L" : "M") + svg_num(x_of(mi)) + " " + svg_num(y_of(*v));
            pen_down = true;
            end = std::make_pair(mi, *v);
        }
        w.raw("<g class=\"overlay\"").attr("data-name", ov.name).raw(">\n");
        if (!d.empty()) {
            w.raw("<path class=\"overlay-line\"").attr("d", d).attr("fill", "none").attr("stroke", ov.color)
                .attr("stroke-width", o.line_width).attr("stroke-linejoin", "round");
            if (ov.dashed) w.attr("stroke-dasharray", "5 3");
            w.raw("><title>").text(ov.name).raw("</title></path>\n");
        }
        if (end && !ov.name.empty())
            w.raw("<text class=\"overlay-label\"").attr("x", x_of(end->first)).attr("y", y_of(end->second) - 6)
                .attr("text-anchor", "end").attr("fill", ov.color).attr("font-weight", "600").attr("stroke", o.background)
                .attr("stroke-width", 3).attr("paint-order", "stroke").raw(">").text(ov.name).raw("</text>\n");
        w.raw("</g>\n");
    }
}

}  // namespace detail

// ------------------------------------------------------------------ LAYOUT

namespace detail {

/// The series of a chart over the months they span, read as doubles: what
/// layout, placement, description and drawing all look at.
template <typename T>
struct chart_data {
    const std::vector<chart_series<T>>* series = nullptr;
    const chart_options* options = nullptr;
    std::optional<year_month> first, last;
    int n = 0;  // months spanned
    bool stacked = false;

    std::size_t count() const noexcept { return series->size(); }
    bool several() const noexcept { return count() > 1; }
    const chart_series<T>& operator[](std::size_t i) const { return (*series)[i]; }

    std::string color_of(std::size_t i) const {
        if (!(*series)[i].color.empty()) return (*series)[i].color;
        const auto& palette = options->palette;
        return palette.empty() ? std::string("#0072B2") : palette[i % palette.size()];
    }
    /// The figure of series `si` at month `mi` (0 = the first month).
    std::optional<double> val(std::size_t si, int mi) const {
        const auto v = (*series)[si].values.at(*first + months{mi});
        if (!v) return std::nullopt;
        return static_cast<double>(*v);
    }
    /// The top and bottom of what is drawn at month `mi`.
    std::pair<std::optional<double>, std::optional<double>> extent(int mi) const {
        std::optional<double> top, bottom;
        double pos = 0, neg = 0;
        bool any = false;
        for (std::size_t si = 0; si < count(); ++si) {
            const auto v = val(si, mi);
            if (!v) continue;
            any = true;
            if (stacked) {
                (*v >= 0 ? pos : neg) += *v;
            } else {
                top = top ? std::max(*top, *v) : *v;
                bottom = bottom ? std::min(*bottom, *v) : *v;
            }
        }
        if (stacked && any) {
            top = pos;
            bottom = neg;
        }
        return {top, bottom};
    }
};

template <typename T>
chart_data<T> chart_data_of(const std::vector<chart_series<T>>& series, const chart_options& o) {
    chart_data<T> d;
    d.series = &series;
    d.options = &o;
    for (const auto& s : series) {
        if (s.values.empty()) continue;
        if (!d.first || s.values.first_month() < *d.first) d.first = s.values.first_month();
        if (!d.last || s.values.last_month() > *d.last) d.last = s.values.last_month();
    }
    d.n = d.first ? (*d.last - *d.first).count() + 1 : 0;
    d.stacked = o.kind == chart_kind::stacked_bars;
    return d;
}

struct legend_item {
    std::size_t series;
    double x, y;
};

/// Where everything goes: the frame (titles, legend, the room under the
/// plot), then the plot area and the value axis.
struct chart_layout {
    double fs = 12;
    double W = 960, H = 540;
    double pad = 16;
    double title_y = 0, subtitle_y = 0;
    std::vector<legend_item> legend;
    double plot_top = 0, plot_bottom = 0, plot_left = 0, plot_right = 0, plot_h = 0;
    int month_label_chars = 0;  // 0: none, 1: "O", 3: "Oct"
    double month_label_h = 0;
    axis_scale scale;
    double band = 0;  // the width of a month

    double y_of(double v) const { return plot_top + (scale.hi - v) / (scale.hi - scale.lo) * plot_h; }
    double x_of(int mi) const { return plot_left + band * mi; }
};

/// Titles and legend top down, then the room for the month and fiscal-year
/// labels and the source line bottom up; the left edge is a first guess
/// that `fit_value_axis` settles.
template <typename T>
chart_layout lay_out_chart(const chart_data<T>& d, const chart_options& o) {
    chart_layout l;
    l.fs = o.font_size;
    l.W = std::max(200, o.width);
    l.H = std::max(150, o.height);
    const double fs = l.fs;
    double y_cursor = l.pad;
    if (!o.title.empty()) y_cursor += o.title_size;
    l.title_y = y_cursor;
    if (!o.subtitle.empty()) {
        y_cursor += fs + 8;
        l.subtitle_y = y_cursor;
    }
    if (d.several()) {  // legend entries, wrapped into rows
        y_cursor += fs + 12;
        double x = l.pad;
        for (std::size_t si = 0; si < d.count(); ++si) {
            const double w = 18 + text_width(d[si].name, fs) + 18;
            if (x + w > l.W - l.pad && x > l.pad) {
                x = l.pad;
                y_cursor += fs + 8;
            }
            l.legend.push_back({si, x, y_cursor});
            x += w;
        }
    }
    if (!o.value_label.empty()) y_cursor += fs + 10;
    l.plot_top = y_cursor + 12;

    double bottom_space = l.pad;
    if (!o.source.empty()) bottom_space += fs + 8;
    bottom_space += o.fiscal_year_bands ? fs + 8 : 0;
    // Month labels: the widest form that fits the width of a month.
    l.plot_right = l.W - l.pad - 8;
    l.plot_left = l.pad + 48;
    const double band_guess = d.n > 0 ? (l.plot_right - l.plot_left) / d.n : 0;
    if (o.month_labels && d.n > 0) {
        if (band_guess >= text_width("Oct", fs - 1) + 6)
            l.month_label_chars = 3;
        else if (band_guess >= text_width("O", fs - 1) + 4)
            l.month_label_chars = 1;
    }
    l.month_label_h = l.month_label_chars > 0 ? fs + 6 : 4;
    bottom_space += l.month_label_h + 6;
    l.plot_bottom = l.H - bottom_space;
    l.plot_h = std::max(20.0, l.plot_bottom - l.plot_top);
    return l;
}

/// The lowest and highest value the axis must show: the data (stacked
/// totals for stacked bars), the thresholds, and `value_max`.
template <typename T>
std::pair<double, double> value_range(const chart_data<T>& d, const chart_options& o) {
    double data_max = 0, data_min = 0;
    for (int mi = 0; mi < d.n; ++mi) {
        const auto e = d.extent(mi);
        if (e.first) data_max = std::max(data_max, *e.first);
        if (e.second) data_min = std::min(data_min, *e.second);
    }
    for (const auto& t : o.thresholds) {
        data_max = std::max(data_max, t.value);
        data_min = std::min(data_min, t.value);
    }
    if (o.value_max) data_max = std::max(data_max, *o.value_max);
    for (const auto& ov : o.overlays)
        for (const auto& e : ov.values)
            if (e.value && d.first && e.month >= *d.first && e.month <= *d.last) {
                data_max = std::max(data_max, *e.value);
                data_min = std::min(data_min, *e.value);
            }
    return {data_min, data_max};
}

// ------------------------------------------------------------ ANNOTATIONS

struct annotation_layout {
    int month_index;
    std::vector<std::string> lines;
    double anchor_value;
    double ax = 0, ay = 0;
    placed_box box{0, 0, 0, 0};
    bool text_left = false;
};

inline double annotation_line_height(double fs) noexcept { return fs + 4; }

/// The annotations in month order, each with its lines and the top of what
/// is drawn at its month; one outside the months charted is an error.
template <typename T>
std::vector<annotation_layout> collect_annotations(const chart_data<T>& d, const chart_options& o) {
    std::vector<annotation_layout> notes;
    for (const auto& a : o.annotations) {
        if (!d.first || a.month < *d.first || a.month > *d.last)
            raise(error("chart annotation for " + to_string(a.month) + " is outside the months charted"));
        const int mi = (a.month - *d.first).count();
        const auto e = d.extent(mi);
        notes.push_back({mi, split_lines(a.text), e.first.value_or(0), 0, 0, {0, 0, 0, 0}, false});
    }
    std::sort(notes.begin(), notes.end(),
              [](const annotation_layout& a, const annotation_layout& b) { return a.month_index < b.month_index; });
    return notes;
}

/// Lifts `b` until it clears the boxes already placed and the bars of the
/// months under it; true when it moved.
template <typename T>
bool lift_clear(placed_box& b, const std::vector<placed_box>& placed, const chart_data<T>& d, const chart_layout& l) {
    bool moved = false;
    for (const auto& p : placed)
        if (b.overlaps(p)) {
            const double shift = b.y1 - p.y0 + 8;
            b.y0 -= shift;
            b.y1 -= shift;
            moved = true;
        }
    for (int mi = 0; mi < d.n; ++mi) {
        const double bx0 = l.x_of(mi), bx1 = bx0 + l.band;
        if (bx1 <= b.x0 || bx0 >= b.x1) continue;
        const auto e = d.extent(mi);
        if (!e.first) continue;
        const double top_y = l.y_of(std::max(*e.first, 0.0)) - 4;
        if (b.y1 > top_y) {
            const double shift = b.y1 - top_y;
            b.y0 -= shift;
            b.y1 -= shift;
            moved = true;
        }
    }
    return moved;
}

/// Places each annotation above its anchor with the current axis, lifting
/// any that collide; returns the highest top edge.
template <typename T>
double place_annotations(std::vector<annotation_layout>& notes, const chart_data<T>& d, const chart_layout& l) {
    const double fs = l.fs;
    const double line_h = annotation_line_height(fs);
    const double leader = 22;
    std::vector<placed_box> placed;
    double highest = l.plot_top;
    for (auto& a : notes) {
        double w = 0;
        for (std::size_t li = 0; li < a.lines.size(); ++li)
            w = std::max(w, text_width(a.lines[li], li == 0 ? fs + 0.5 : fs) * (li == 0 ? 1.06 : 1.0));
        const double h = line_h * static_cast<double>(a.lines.size());
        a.ax = l.x_of(a.month_index) + l.band / 2;
        a.ay = l.y_of(std::max(a.anchor_value, 0.0));
        double x0 = a.ax - w / 2;
        x0 = std::max(x0, l.plot_left + 2);
        x0 = std::min(x0, l.plot_right - w - 2);
        double y1 = a.ay - leader;
        placed_box b{x0, y1 - h, x0 + w, y1};
        // Keep clear of the bars of neighbouring months too.
        for (int attempts = 0; attempts < 50; ++attempts)
            if (!lift_clear(b, placed, d, l)) break;
        a.box = b;
        placed.push_back(b);
        highest = std::min(highest, b.y0);
    }
    return highest;
}

/// The value axis, the left margin its labels need and the month width;
/// the axis grows one round step at a time until the annotations fit.
template <typename T>
void fit_value_axis(chart_layout& l, std::vector<annotation_layout>& notes, const chart_data<T>& d,
                    const chart_options& o) {
    const auto range = value_range(d, o);
    l.scale = nice_scale(range.first, range.second, o.value_ticks);
    for (int attempt = 0; attempt < 12; ++attempt) {
        // Each retry adds one step on top (keeping the step, so the axis
        // grows by the least round amount that makes room).
        if (attempt > 0) l.scale.hi += l.scale.step;
        double label_w = 0;
        for (double t : l.scale.ticks()) label_w = std::max(label_w, text_width(format_tick(t, l.scale.step), l.fs));
        l.plot_left = l.pad + label_w + 10;
        l.band = d.n > 0 ? (l.plot_right - l.plot_left) / d.n : 0;
        if (place_annotations(notes, d, l) >= l.plot_top - 0.5) break;
    }
}

// ------------------------------------------------------------ DESCRIPTION

/// The highest month (of the total, for stacked bars), as a sentence.
template <typename T>
std::string describe_highest(const chart_data<T>& d) {
    std::optional<int> best;
    double best_v = 0;
    for (int mi = 0; mi < d.n; ++mi) {
        const auto e = d.extent(mi);
        if (e.first && (!best || *e.first > best_v)) {
            best = mi;
            best_v = *e.first;
        }
    }
    if (best && d.count() == 1)
        return " Highest: " + to_long_string(*d.first + months{*best}) + ", " +
               value_text(*d[0].values.at(*d.first + months{*best})) + ".";
    if (best && d.stacked)
        return " Highest total: " + to_long_string(*d.first + months{*best}) + ", " +
               format_number(best_v, std::fabs(best_v) >= 100 ? 0 : 2) + ".";
    return {};
}

/// The <desc> text: the one given, or one written from the data (kind,
/// months, series, the highest month, gaps, reference lines, notes).
template <typename T>
std::string describe_chart(const chart_data<T>& d, const chart_options& o) {
    if (!o.description.empty()) return o.description;
    std::string desc = kind_name(o.kind);
    if (d.n > 0) {
        desc += " of monthly figures from " + to_long_string(*d.first) + " to " + to_long_string(*d.last);
        if (d.several()) {
            desc += ": ";
            for (std::size_t si = 0; si < d.count(); ++si) desc += (si ? ", " : "") + d[si].name;
        }
        desc += ".";
        desc += describe_highest(d);
        std::size_t gaps = 0;
        for (const auto& s : *d.series) gaps += s.values.size() - s.values.count_reported();
        if (gaps > 0) desc += " Months without a figure are left blank.";
    } else {
        desc += " with no data.";
    }
    for (const auto& ov : o.overlays) desc += " Line over the data: " + ov.name + ".";
    for (const auto& t : o.thresholds)
        desc += " Reference line at " + (t.label.empty() ? format_tick(t.value, 1) : t.label) + ".";
    for (const auto& a : o.annotations) {
        std::string text = a.text;
        for (char& c : text)
            if (c == '\n') c = ' ';
        desc += " Note on " + to_long_string(a.month) + ": " + text + ".";
    }
    return desc;
}

// ---------------------------------------------------------------- DRAWING
// One function per layer, in the order they are painted.

/// The document, its accessible title and description, and the background.
inline void draw_document_start(svg_writer& w, const chart_layout& l, const chart_options& o, const std::string& desc) {
    const std::string title_id = o.id + "-title";
    const std::string desc_id = o.id + "-desc";
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .attr("width", l.W)
        .attr("height", l.H)
        .attr("viewBox", "0 0 " + svg_num(l.W) + " " + svg_num(l.H))
        .attr("role", "img")
        .attr("aria-labelledby", title_id + " " + desc_id)
        .attr("font-family", o.font_family)
        .attr("font-size", l.fs)
        .raw(">\n");
    w.raw("<title").attr("id", title_id).raw(">").text(o.title.empty() ? std::string(kind_name(o.kind)) : o.title).raw("</title>\n");
    w.raw("<desc").attr("id", desc_id).raw(">").text(desc).raw("</desc>\n");
    w.raw("<rect class=\"background\" x=\"0\" y=\"0\"").attr("width", l.W).attr("height", l.H).attr("fill", o.background).raw("/>\n");
}

/// Title, subtitle, legend and the label over the value axis.
template <typename T>
void draw_headings(svg_writer& w, const chart_data<T>& d, const chart_layout& l, const chart_options& o) {
    const double fs = l.fs;
    if (!o.title.empty())
        w.raw("<text class=\"title\"").attr("x", l.pad).attr("y", l.title_y).attr("font-size", o.title_size)
            .attr("font-weight", "700").attr("fill", o.text_color).raw(">").text(o.title).raw("</text>\n");
    if (!o.subtitle.empty())
        w.raw("<text class=\"subtitle\"").attr("x", l.pad).attr("y", l.subtitle_y).attr("fill", o.muted_text_color)
            .raw(">").text(o.subtitle).raw("</text>\n");
    if (d.several()) {
        w.raw("<g class=\"legend\">\n");
        for (const auto& li : l.legend) {
            const std::string c = d.color_of(li.series);
            if (o.kind == chart_kind::lines)
                w.raw("<line").attr("x1", li.x).attr("y1", li.y - fs * 0.35).attr("x2", li.x + 14)
                    .attr("y2", li.y - fs * 0.35).attr("stroke", c).attr("stroke-width", o.line_width + 1).raw("/>");
            else
                w.raw("<rect class=\"legend-swatch\"").attr("x", li.x).attr("y", li.y - fs * 0.85).attr("width", 12)
                    .attr("height", 12).attr("rx", 2).attr("fill", c).raw("/>");
            w.raw("<text").attr("x", li.x + 18).attr("y", li.y).attr("fill", o.text_color).raw(">")
                .text(d[li.series].name).raw("</text>\n");
        }
        w.raw("</g>\n");
    }
    if (!o.value_label.empty())
        w.raw("<text class=\"value-label\"").attr("x", l.pad).attr("y", l.plot_top - 12).attr("fill", o.muted_text_color)
            .raw(">").text(o.value_label).raw("</text>\n");
}

/// Fiscal-year bands (every other year shaded), boundaries and labels,
/// thinned when a year is too narrow for its label.
template <typename Calendar, typename T>
void draw_fiscal_years(svg_writer& w, const chart_data<T>& d, const chart_layout& l, const chart_options& o) {
    if (d.n == 0 || !o.fiscal_year_bands) return;
    const double fy_label_y = l.plot_bottom + l.month_label_h + 6 + l.fs;
    w.raw("<g class=\"fiscal-years\">\n");
    const auto fy_first = fiscal_year<Calendar>::containing(*d.first);
    const auto fy_last = fiscal_year<Calendar>::containing(*d.last);
    const double year_w = l.band * 12;
    const double label_w = text_width(fy_first.label(), l.fs) + 10;
    const int every = std::max(1, static_cast<int>(std::ceil(label_w / std::max(1.0, year_w))));
    int index = 0;
    for (auto fy = fy_first; fy <= fy_last; ++fy, ++index) {
        const int m0 = std::max(0, (fy.first_month() - *d.first).count());
        const int m1 = std::min(d.n, (fy.last_month() - *d.first).count() + 1);
        const double x0 = l.x_of(m0), x1 = l.x_of(m1);
        if (index % 2 == 1)
            w.raw("<path class=\"fiscal-band\"").attr("d", "M" + svg_num(x0) + " " + svg_num(l.plot_top) + "H" + svg_num(x1) + "V" + svg_num(l.plot_bottom) + "H" + svg_num(x0) + "Z")
                .attr("fill", o.band_color).raw("/>\n");
        if (fy.first_month() > *d.first)
            w.raw("<line class=\"fiscal-boundary\"").attr("x1", x0).attr("y1", l.plot_top).attr("x2", x0)
                .attr("y2", l.plot_bottom + l.month_label_h + 4).attr("stroke", o.axis_color).attr("stroke-opacity", "0.35")
                .attr("stroke-width", 1).raw("/>\n");
        // Label only years shown for at least half their width, and every `every`-th.
        const bool wide_enough = (x1 - x0) >= std::min(label_w, year_w * 0.5);
        const int name_offset = fy.number() - fy_first.number();
        if (wide_enough && name_offset % every == 0)
            w.raw("<text class=\"fiscal-label\"").attr("x", (x0 + x1) / 2).attr("y", fy_label_y)
                .attr("text-anchor", "middle").attr("fill", o.text_color).attr("font-weight", "600").raw(">")
                .text(fy.label()).raw("</text>\n");
    }
    w.raw("</g>\n");
}

/// Value axis: grid lines and tick labels.
inline void draw_value_axis(svg_writer& w, const chart_layout& l, const chart_options& o) {
    w.raw("<g class=\"value-axis\">\n");
    for (double t : l.scale.ticks()) {
        const double y = l.y_of(t);
        w.raw("<line").attr("x1", l.plot_left).attr("y1", y).attr("x2", l.plot_right).attr("y2", y)
            .attr("stroke", o.grid_color).attr("stroke-width", 1).raw("/>");
        w.raw("<text").attr("x", l.plot_left - 8).attr("y", y).attr("dy", "0.32em").attr("text-anchor", "end")
            .attr("fill", o.muted_text_color).raw(">").text(format_tick(t, l.scale.step)).raw("</text>\n");
    }
    w.raw("</g>\n");
}

/// Month ticks (longer at the start of a fiscal year) and month names.
template <typename Calendar, typename T>
void draw_month_axis(svg_writer& w, const chart_data<T>& d, const chart_layout& l, const chart_options& o) {
    if (d.n == 0) return;
    const double month_label_y = l.plot_bottom + 4 + l.fs;
    w.raw("<g class=\"month-axis\">\n");
    const bool ticks = l.band >= 4;
    for (int mi = 0; mi <= d.n; ++mi) {
        const year_month m = *d.first + months{mi};
        const bool year_start = Calendar::month_number(m) == 1;
        if (ticks || year_start || mi == 0 || mi == d.n)
            w.raw("<line").attr("x1", l.x_of(mi)).attr("y1", l.plot_bottom).attr("x2", l.x_of(mi))
                .attr("y2", l.plot_bottom + (year_start ? 6 : 4)).attr("stroke", o.axis_color).attr("stroke-width", 1).raw("/>");
        if (mi < d.n && l.month_label_chars > 0)
            w.raw("<text").attr("x", l.x_of(mi) + l.band / 2).attr("y", month_label_y).attr("text-anchor", "middle")
                .attr("font-size", l.fs - 1).attr("fill", o.muted_text_color).raw(">")
                .text(month_abbreviation(m.month()).substr(0, static_cast<std::size_t>(l.month_label_chars)))
                .raw("</text>\n");
    }
    w.raw("</g>\n");
}

/// The tooltip of a bar or point: "May 2019: 144,278", prefixed by the
/// series name when there are several.
template <typename T>
std::string chart_tooltip(const chart_data<T>& d, std::size_t si, int mi) {
    const year_month m = *d.first + months{mi};
    std::string t = to_long_string(m) + ": " + value_text(*d[si].values.at(m));
    if (d.several()) t = d[si].name + ", " + t;
    return t;
}

/// The path of one series, broken at gaps, and the months with a figure on
/// neither side (drawn as dots, or they would not show).
template <typename T>
std::pair<std::string, std::vector<int>> line_path(const chart_data<T>& d, const chart_layout& l, std::size_t si) {
    std::string path;
    bool pen_down = false;
    std::vector<int> lonely;
    for (int mi = 0; mi < d.n; ++mi) {
        const auto v = d.val(si, mi);
        if (!v) {
            pen_down = false;
            continue;
        }
        const bool prev = mi > 0 && d.val(si, mi - 1).has_value();
        const bool next = mi + 1 < d.n && d.val(si, mi + 1).has_value();
        if (!prev && !next) lonely.push_back(mi);
        path += pen_down ? "L" : "M";
        path += svg_num(l.x_of(mi) + l.band / 2) + " " + svg_num(l.y_of(*v));
        pen_down = true;
    }
    return {path, lonely};
}

/// Lines: one path per series, points where there is room (or a point has
/// gaps on both sides).
template <typename T>
void draw_lines(svg_writer& w, const chart_data<T>& d, const chart_layout& l, const chart_options& o) {
    const bool markers = l.band >= 14;
    for (std::size_t si = 0; si < d.count(); ++si) {
        const std::string c = d.color_of(si);
        const auto [path, lonely] = line_path(d, l, si);
        w.raw("<g class=\"series\"").attr("data-name", d[si].name).raw(">\n");
        if (!path.empty())
            w.raw("<path class=\"line\"").attr("d", path).attr("fill", "none").attr("stroke", c)
                .attr("stroke-width", o.line_width).attr("stroke-linejoin", "round").attr("stroke-linecap", "round").raw("/>\n");
        for (int mi = 0; mi < d.n; ++mi) {
            const auto v = d.val(si, mi);
            if (!v) continue;
            const bool is_lonely = std::find(lonely.begin(), lonely.end(), mi) != lonely.end();
            if (!markers && !is_lonely) continue;
            w.raw("<circle class=\"point\"").attr("cx", l.x_of(mi) + l.band / 2).attr("cy", l.y_of(*v))
                .attr("r", std::max(2.0, o.line_width * 1.25)).attr("fill", c).raw("><title>")
                .text(chart_tooltip(d, si, mi)).raw("</title></circle>\n");
        }
        w.raw("</g>\n");
    }
}

inline void draw_bar(svg_writer& w, double x, double y0, double y1, double bw, const std::string& c, const std::string& tip) {
    const double top = std::min(y0, y1), h = std::fabs(y1 - y0);
    w.raw("<rect class=\"bar\"").attr("x", x).attr("y", top).attr("width", bw).attr("height", h).attr("fill", c)
        .raw("><title>").text(tip).raw("</title></rect>\n");
}

/// Bars: one per (series, month) with a figure; grouped side by side,
/// stacked (positives up, negatives down from zero) or overlapping.
template <typename T>
void draw_bars(svg_writer& w, const chart_data<T>& d, const chart_layout& l, const chart_options& o) {
    const double band = l.band;
    const double gap = std::clamp(o.bar_gap, 0.0, 0.9);
    const double inner = band * (1 - gap) >= 1 ? band * (1 - gap) : band;
    const double zero_y = l.y_of(std::clamp(0.0, l.scale.lo, l.scale.hi));
    for (int mi = 0; mi < d.n; ++mi) {
        double pos = 0, neg = 0;
        for (std::size_t si = 0; si < d.count(); ++si) {
            const auto v = d.val(si, mi);
            if (!v) continue;
            const std::string c = d.color_of(si);
            const std::string tip = chart_tooltip(d, si, mi);
            if (o.kind == chart_kind::grouped_bars && d.several()) {
                const double sub = inner / static_cast<double>(d.count());
                draw_bar(w, l.x_of(mi) + (band - inner) / 2 + sub * static_cast<double>(si), zero_y, l.y_of(*v), sub, c, tip);
            } else if (d.stacked) {
                double& base = *v >= 0 ? pos : neg;
                draw_bar(w, l.x_of(mi) + (band - inner) / 2, l.y_of(base), l.y_of(base + *v), inner, c, tip);
                base += *v;
            } else {
                // Plain bars; with several series and this kind they overlap, last on top.
                draw_bar(w, l.x_of(mi) + (band - inner) / 2, zero_y, l.y_of(*v), inner, c, tip);
            }
        }
    }
}

/// The zero line over the data, then the threshold lines and their labels.
inline void draw_reference_lines(svg_writer& w, const chart_layout& l, const chart_options& o) {
    const double zero_y = l.y_of(std::clamp(0.0, l.scale.lo, l.scale.hi));
    w.raw("<line class=\"baseline\"").attr("x1", l.plot_left).attr("y1", zero_y).attr("x2", l.plot_right).attr("y2", zero_y)
        .attr("stroke", o.axis_color).attr("stroke-width", 1).raw("/>\n");
    for (const auto& t : o.thresholds) {
        const double y = l.y_of(t.value);
        const std::string label = t.label.empty() ? format_tick(t.value, 1) : t.label;
        w.raw("<g class=\"threshold\">");
        w.raw("<line class=\"threshold-line\"").attr("x1", l.plot_left).attr("y1", y).attr("x2", l.plot_right).attr("y2", y)
            .attr("stroke", o.threshold_color).attr("stroke-width", 1.5).attr("stroke-dasharray", "6 4").raw("/>");
        w.raw("<text class=\"threshold-label\"").attr("x", l.plot_left + 6).attr("y", y - 5)
            .attr("fill", o.threshold_color).attr("font-weight", "600").attr("stroke", o.background)
            .attr("stroke-width", 3).attr("paint-order", "stroke").raw(">").text(label).raw("</text></g>\n");
    }
}

/// Each annotation where `place_annotations` put it: a dot on its month, a
/// leader line, and its lines of text (the first bold).
inline void draw_annotations(svg_writer& w, const std::vector<annotation_layout>& notes, const chart_layout& l,
                             const chart_options& o) {
    const double fs = l.fs;
    for (const auto& a : notes) {
        w.raw("<g class=\"annotation\">");
        const double lx = std::clamp(a.ax, a.box.x0 + 4, a.box.x1 - 4);
        w.raw("<line").attr("x1", a.ax).attr("y1", a.ay - 3).attr("x2", lx).attr("y2", a.box.y1 + 2)
            .attr("stroke", o.text_color).attr("stroke-width", 1).raw("/>");
        w.raw("<circle").attr("cx", a.ax).attr("cy", a.ay - 3).attr("r", 2.5).attr("fill", o.text_color).raw("/>");
        const double cx = (a.box.x0 + a.box.x1) / 2;
        w.raw("<text").attr("x", cx).attr("y", a.box.y0 + fs).attr("text-anchor", "middle").attr("fill", o.text_color)
            .attr("stroke", o.background).attr("stroke-width", 4).attr("paint-order", "stroke").attr("stroke-linejoin", "round").raw(">");
        for (std::size_t li = 0; li < a.lines.size(); ++li) {
            w.raw("<tspan").attr("x", cx);
            if (li > 0) w.attr("dy", annotation_line_height(fs));
            if (li == 0) w.attr("font-weight", "700");
            w.raw(">").text(a.lines[li]).raw("</tspan>");
        }
        w.raw("</text></g>\n");
    }
}

/// "No data" for an empty chart, the source line, and the end of the document.
inline void draw_document_end(svg_writer& w, bool no_data, const chart_layout& l, const chart_options& o) {
    if (no_data)
        w.raw("<text").attr("x", (l.plot_left + l.plot_right) / 2).attr("y", l.plot_top + l.plot_h / 2)
            .attr("text-anchor", "middle").attr("fill", o.muted_text_color).raw(">No data</text>\n");
    if (!o.source.empty())
        w.raw("<text class=\"source\"").attr("x", l.pad).attr("y", l.H - l.pad).attr("font-size", l.fs - 1)
            .attr("fill", o.muted_text_color).raw(">").text(o.source).raw("</text>\n");
    w.raw("</svg>\n");
}

}  // namespace detail

// ------------------------------------------------------------------ RENDER

/// Renders `series` (at least one) over the span of all of them: lay out the
/// frame, fit the value axis and the annotations, describe, then draw layer
/// by layer.
template <typename Calendar = us_federal, typename T>
std::string render_svg(const std::vector<chart_series<T>>& series, const chart_options& o = {}) {
    const auto data = detail::chart_data_of(series, o);
    detail::chart_layout layout = detail::lay_out_chart(data, o);
    auto notes = detail::collect_annotations(data, o);
    detail::fit_value_axis(layout, notes, data, o);

    detail::svg_writer w;
    detail::draw_document_start(w, layout, o, detail::describe_chart(data, o));
    detail::draw_headings(w, data, layout, o);
    detail::draw_fiscal_years<Calendar>(w, data, layout, o);
    detail::draw_value_axis(w, layout, o);
    detail::draw_month_axis<Calendar>(w, data, layout, o);
    w.raw("<g class=\"data\">\n");
    if (o.kind == chart_kind::lines)
        detail::draw_lines(w, data, layout, o);
    else
        detail::draw_bars(w, data, layout, o);
    w.raw("</g>\n");
    if (data.n > 0)
        detail::draw_overlays(
            w, o, *data.first, data.n, [&](int mi) { return layout.x_of(mi) + layout.band / 2; },
            [&](double v) { return layout.y_of(v); });
    detail::draw_reference_lines(w, layout, o);
    detail::draw_annotations(w, notes, layout, o);
    detail::draw_document_end(w, data.n == 0, layout, o);
    return std::move(w.out);
}

/// One series as bars (or a line, with `kind = lines`).
template <typename Calendar = us_federal, typename T>
std::string render_svg(const monthly_series<T>& s, const chart_options& o = {}, std::string name = {}) {
    std::vector<chart_series<T>> one{chart_series<T>{std::move(name), s, {}}};
    return render_svg<Calendar>(one, o);
}

/// The series of a group-by (as produced by `group_by`), in key order, named by `key_name(key)`.
template <typename Key, typename T, typename KeyFormatter>
std::vector<chart_series<T>> chart_series_from(const std::map<Key, monthly_series<T>>& groups, KeyFormatter key_name) {
    std::vector<chart_series<T>> out;
    for (const auto& kv : groups) out.push_back({std::string(key_name(kv.first)), kv.second, {}});
    return out;
}

}  // namespace v1
}  // namespace borderstats
