// borderstats/output/chart.hpp: monthly series as a standalone SVG chart.
//
// `render_svg<Calendar>(series, options)` returns one SVG document as a
// string, with nothing beyond the standard library:
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
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
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

// ------------------------------------------------------------------ RENDER

/// Renders `series` (at least one) over the span of all of them.
template <typename Calendar = us_federal, typename T>
std::string render_svg(const std::vector<chart_series<T>>& series, const chart_options& o = {}) {
    using detail::svg_num;
    const double fs = o.font_size;
    const double W = std::max(200, o.width);
    const double H = std::max(150, o.height);
    const std::size_t k = series.size();
    const bool several = k > 1;

    // ---- the months spanned
    std::optional<year_month> first, last;
    for (const auto& s : series) {
        if (s.values.empty()) continue;
        if (!first || s.values.first_month() < *first) first = s.values.first_month();
        if (!last || s.values.last_month() > *last) last = s.values.last_month();
    }
    const int n = first ? (*last - *first).count() + 1 : 0;
    auto color_of = [&](std::size_t i) -> std::string {
        if (!series[i].color.empty()) return series[i].color;
        return o.palette.empty() ? std::string("#0072B2") : o.palette[i % o.palette.size()];
    };
    auto val = [&](std::size_t si, int mi) -> std::optional<double> {
        const auto v = series[si].values.at(*first + months{mi});
        if (!v) return std::nullopt;
        return static_cast<double>(*v);
    };
    const bool stacked = o.kind == chart_kind::stacked_bars;
    // The top and bottom of what is drawn at month `mi`.
    auto extent = [&](int mi) -> std::pair<std::optional<double>, std::optional<double>> {
        std::optional<double> top, bottom;
        double pos = 0, neg = 0;
        bool any = false;
        for (std::size_t si = 0; si < k; ++si) {
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
    };

    // ---- the layout, top to bottom
    const double pad = 16;
    double y_cursor = pad;
    const bool has_title = !o.title.empty();
    if (has_title) y_cursor += o.title_size;
    const double title_y = y_cursor;
    double subtitle_y = 0;
    if (!o.subtitle.empty()) {
        y_cursor += fs + 8;
        subtitle_y = y_cursor;
    }
    // Legend entries, wrapped into rows.
    struct legend_item {
        std::size_t series;
        double x, y;
    };
    std::vector<legend_item> legend;
    if (several) {
        y_cursor += fs + 12;
        double x = pad;
        for (std::size_t si = 0; si < k; ++si) {
            const double w = 18 + detail::text_width(series[si].name, fs) + 18;
            if (x + w > W - pad && x > pad) {
                x = pad;
                y_cursor += fs + 8;
            }
            legend.push_back({si, x, y_cursor});
            x += w;
        }
    }
    if (!o.value_label.empty()) y_cursor += fs + 10;
    const double plot_top = y_cursor + 12;

    double bottom_space = pad;
    const bool has_source = !o.source.empty();
    if (has_source) bottom_space += fs + 8;
    const double fy_label_h = o.fiscal_year_bands ? fs + 8 : 0;
    bottom_space += fy_label_h;

    // Month labels: the widest form that fits the width of a month.
    const double plot_right = W - pad - 8;
    // The left margin depends on the tick labels, the ticks on the axis, the
    // axis on the annotations' room: settle it in two passes.
    double plot_left = pad + 48;
    const double band_guess = n > 0 ? (plot_right - plot_left) / n : 0;
    int month_label_chars = 0;  // 0: none, 1: "O", 3: "Oct"
    if (o.month_labels && n > 0) {
        if (band_guess >= detail::text_width("Oct", fs - 1) + 6)
            month_label_chars = 3;
        else if (band_guess >= detail::text_width("O", fs - 1) + 4)
            month_label_chars = 1;
    }
    const double month_label_h = month_label_chars > 0 ? fs + 6 : 4;
    bottom_space += month_label_h + 6;
    const double plot_bottom = H - bottom_space;
    const double plot_h = std::max(20.0, plot_bottom - plot_top);

    // ---- the value axis
    double data_max = 0, data_min = 0;
    for (int mi = 0; mi < n; ++mi) {
        const auto e = extent(mi);
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
            if (e.value && first && e.month >= *first && e.month <= *last) {
                data_max = std::max(data_max, *e.value);
                data_min = std::min(data_min, *e.value);
            }

    struct annotation_layout {
        int month_index;
        std::vector<std::string> lines;
        double anchor_value;
        double ax = 0, ay = 0;
        detail::placed_box box{0, 0, 0, 0};
        bool text_left = false;
    };
    std::vector<annotation_layout> notes;
    for (const auto& a : o.annotations) {
        if (!first || a.month < *first || a.month > *last)
            detail::raise(error("chart annotation for " + to_string(a.month) + " is outside the months charted"));
        const int mi = (a.month - *first).count();
        const auto e = extent(mi);
        notes.push_back({mi, detail::split_lines(a.text), e.first.value_or(0), 0, 0, {0, 0, 0, 0}, false});
    }
    std::sort(notes.begin(), notes.end(),
              [](const annotation_layout& a, const annotation_layout& b) { return a.month_index < b.month_index; });
    const double line_h = fs + 4;
    const double leader = 22;

    axis_scale scale;
    double band = 0;
    auto y_of = [&](double v) { return plot_top + (scale.hi - v) / (scale.hi - scale.lo) * plot_h; };
    auto x_of = [&](int mi) { return plot_left + band * mi; };
    scale = nice_scale(data_min, data_max, o.value_ticks);
    for (int attempt = 0; attempt < 12; ++attempt) {
        // Each retry adds one step on top (keeping the step, so the axis
        // grows by the least round amount that makes room).
        if (attempt > 0) scale.hi += scale.step;
        double label_w = 0;
        for (double t : scale.ticks()) label_w = std::max(label_w, detail::text_width(format_tick(t, scale.step), fs));
        plot_left = pad + label_w + 10;
        band = n > 0 ? (plot_right - plot_left) / n : 0;
        // Place the annotations above their anchors, lifting any that collide.
        std::vector<detail::placed_box> placed;
        double highest = plot_top;
        for (auto& a : notes) {
            double w = 0;
            for (std::size_t li = 0; li < a.lines.size(); ++li)
                w = std::max(w, detail::text_width(a.lines[li], li == 0 ? fs + 0.5 : fs) * (li == 0 ? 1.06 : 1.0));
            const double h = line_h * static_cast<double>(a.lines.size());
            a.ax = x_of(a.month_index) + band / 2;
            a.ay = y_of(std::max(a.anchor_value, 0.0));
            double x0 = a.ax - w / 2;
            x0 = std::max(x0, plot_left + 2);
            x0 = std::min(x0, plot_right - w - 2);
            double y1 = a.ay - leader;
            detail::placed_box b{x0, y1 - h, x0 + w, y1};
            // Keep clear of the bars of neighbouring months too.
            for (int attempts = 0; attempts < 50; ++attempts) {
                bool moved = false;
                for (const auto& p : placed)
                    if (b.overlaps(p)) {
                        const double shift = b.y1 - p.y0 + 8;
                        b.y0 -= shift;
                        b.y1 -= shift;
                        moved = true;
                    }
                for (int mi = 0; mi < n; ++mi) {
                    const double bx0 = x_of(mi), bx1 = bx0 + band;
                    if (bx1 <= b.x0 || bx0 >= b.x1) continue;
                    const auto e = extent(mi);
                    if (!e.first) continue;
                    const double top_y = y_of(std::max(*e.first, 0.0)) - 4;
                    if (b.y1 > top_y) {
                        const double shift = b.y1 - top_y;
                        b.y0 -= shift;
                        b.y1 -= shift;
                        moved = true;
                    }
                }
                if (!moved) break;
            }
            a.box = b;
            placed.push_back(b);
            highest = std::min(highest, b.y0);
        }
        if (highest >= plot_top - 0.5) break;
    }
    const double zero_y = y_of(std::clamp(0.0, scale.lo, scale.hi));

    // ---- the description
    std::string desc = o.description;
    if (desc.empty()) {
        desc = detail::kind_name(o.kind);
        if (n > 0) {
            desc += " of monthly figures from " + to_long_string(*first) + " to " + to_long_string(*last);
            if (several) {
                desc += ": ";
                for (std::size_t si = 0; si < k; ++si) desc += (si ? ", " : "") + series[si].name;
            }
            desc += ".";
            // The highest month (of the total, for stacked bars).
            std::optional<int> best;
            double best_v = 0;
            for (int mi = 0; mi < n; ++mi) {
                const auto e = extent(mi);
                if (e.first && (!best || *e.first > best_v)) {
                    best = mi;
                    best_v = *e.first;
                }
            }
            if (best && k == 1) {
                desc += " Highest: " + to_long_string(*first + months{*best}) + ", " +
                        detail::value_text(*series[0].values.at(*first + months{*best})) + ".";
            } else if (best && stacked) {
                desc += " Highest total: " + to_long_string(*first + months{*best}) + ", " +
                        format_number(best_v, std::fabs(best_v) >= 100 ? 0 : 2) + ".";
            }
            std::size_t gaps = 0;
            for (const auto& s : series) gaps += s.values.size() - s.values.count_reported();
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
    }

    // ---- writing
    detail::svg_writer w;
    const std::string title_id = o.id + "-title";
    const std::string desc_id = o.id + "-desc";
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .attr("width", W)
        .attr("height", H)
        .attr("viewBox", "0 0 " + svg_num(W) + " " + svg_num(H))
        .attr("role", "img")
        .attr("aria-labelledby", title_id + " " + desc_id)
        .attr("font-family", o.font_family)
        .attr("font-size", fs)
        .raw(">\n");
    w.raw("<title").attr("id", title_id).raw(">").text(o.title.empty() ? std::string(detail::kind_name(o.kind)) : o.title).raw("</title>\n");
    w.raw("<desc").attr("id", desc_id).raw(">").text(desc).raw("</desc>\n");
    w.raw("<rect class=\"background\" x=\"0\" y=\"0\"").attr("width", W).attr("height", H).attr("fill", o.background).raw("/>\n");

    // Title, subtitle, legend, value label.
    if (has_title)
        w.raw("<text class=\"title\"").attr("x", pad).attr("y", title_y).attr("font-size", o.title_size)
            .attr("font-weight", "700").attr("fill", o.text_color).raw(">").text(o.title).raw("</text>\n");
    if (!o.subtitle.empty())
        w.raw("<text class=\"subtitle\"").attr("x", pad).attr("y", subtitle_y).attr("fill", o.muted_text_color)
            .raw(">").text(o.subtitle).raw("</text>\n");
    if (several) {
        w.raw("<g class=\"legend\">\n");
        for (const auto& li : legend) {
            const std::string c = color_of(li.series);
            if (o.kind == chart_kind::lines)
                w.raw("<line").attr("x1", li.x).attr("y1", li.y - fs * 0.35).attr("x2", li.x + 14)
                    .attr("y2", li.y - fs * 0.35).attr("stroke", c).attr("stroke-width", o.line_width + 1).raw("/>");
            else
                w.raw("<rect class=\"legend-swatch\"").attr("x", li.x).attr("y", li.y - fs * 0.85).attr("width", 12)
                    .attr("height", 12).attr("rx", 2).attr("fill", c).raw("/>");
            w.raw("<text").attr("x", li.x + 18).attr("y", li.y).attr("fill", o.text_color).raw(">")
                .text(series[li.series].name).raw("</text>\n");
        }
        w.raw("</g>\n");
    }
    if (!o.value_label.empty())
        w.raw("<text class=\"value-label\"").attr("x", pad).attr("y", plot_top - 12).attr("fill", o.muted_text_color)
            .raw(">").text(o.value_label).raw("</text>\n");

    // Fiscal-year bands, boundaries and labels.
    const double month_label_y = plot_bottom + 4 + fs;
    const double fy_label_y = plot_bottom + month_label_h + 6 + fs;
    if (n > 0 && o.fiscal_year_bands) {
        w.raw("<g class=\"fiscal-years\">\n");
        const auto fy_first = fiscal_year<Calendar>::containing(*first);
        const auto fy_last = fiscal_year<Calendar>::containing(*last);
        // Thin the labels when a year is too narrow for its label.
        const double year_w = band * 12;
        const double label_w = detail::text_width(fy_first.label(), fs) + 10;
        const int every = std::max(1, static_cast<int>(std::ceil(label_w / std::max(1.0, year_w))));
        int index = 0;
        for (auto fy = fy_first; fy <= fy_last; ++fy, ++index) {
            const int m0 = std::max(0, (fy.first_month() - *first).count());
            const int m1 = std::min(n, (fy.last_month() - *first).count() + 1);
            const double x0 = x_of(m0), x1 = x_of(m1);
            if (index % 2 == 1)
                w.raw("<path class=\"fiscal-band\"").attr("d", "M" + svg_num(x0) + " " + svg_num(plot_top) + "H" + svg_num(x1) + "V" + svg_num(plot_bottom) + "H" + svg_num(x0) + "Z")
                    .attr("fill", o.band_color).raw("/>\n");
            if (fy.first_month() > *first)
                w.raw("<line class=\"fiscal-boundary\"").attr("x1", x0).attr("y1", plot_top).attr("x2", x0)
                    .attr("y2", plot_bottom + month_label_h + 4).attr("stroke", o.axis_color).attr("stroke-opacity", "0.35")
                    .attr("stroke-width", 1).raw("/>\n");
            // Label only years shown for at least half their width, and every `every`-th.
            const bool wide_enough = (x1 - x0) >= std::min(label_w, year_w * 0.5);
            const int name_offset = fy.year() - fy_first.year();
            if (wide_enough && name_offset % every == 0)
                w.raw("<text class=\"fiscal-label\"").attr("x", (x0 + x1) / 2).attr("y", fy_label_y)
                    .attr("text-anchor", "middle").attr("fill", o.text_color).attr("font-weight", "600").raw(">")
                    .text(fy.label()).raw("</text>\n");
        }
        w.raw("</g>\n");
    }

    // Value axis: grid and labels.
    w.raw("<g class=\"value-axis\">\n");
    for (double t : scale.ticks()) {
        const double y = y_of(t);
        w.raw("<line").attr("x1", plot_left).attr("y1", y).attr("x2", plot_right).attr("y2", y)
            .attr("stroke", o.grid_color).attr("stroke-width", 1).raw("/>");
        w.raw("<text").attr("x", plot_left - 8).attr("y", y).attr("dy", "0.32em").attr("text-anchor", "end")
            .attr("fill", o.muted_text_color).raw(">").text(format_tick(t, scale.step)).raw("</text>\n");
    }
    w.raw("</g>\n");

    // Month ticks and names.
    if (n > 0) {
        w.raw("<g class=\"month-axis\">\n");
        const bool ticks = band >= 4;
        for (int mi = 0; mi <= n; ++mi) {
            const year_month m = *first + months{mi};
            const bool year_start = Calendar::month_number(m) == 1;
            if (ticks || year_start || mi == 0 || mi == n)
                w.raw("<line").attr("x1", x_of(mi)).attr("y1", plot_bottom).attr("x2", x_of(mi))
                    .attr("y2", plot_bottom + (year_start ? 6 : 4)).attr("stroke", o.axis_color).attr("stroke-width", 1).raw("/>");
            if (mi < n && month_label_chars > 0)
                w.raw("<text").attr("x", x_of(mi) + band / 2).attr("y", month_label_y).attr("text-anchor", "middle")
                    .attr("font-size", fs - 1).attr("fill", o.muted_text_color).raw(">")
                    .text(month_abbreviation(m.month()).substr(0, static_cast<std::size_t>(month_label_chars)))
                    .raw("</text>\n");
        }
        w.raw("</g>\n");
    }

    // The data.
    w.raw("<g class=\"data\">\n");
    const double gap = std::clamp(o.bar_gap, 0.0, 0.9);
    const double inner = band * (1 - gap) >= 1 ? band * (1 - gap) : band;
    auto tooltip = [&](std::size_t si, int mi, double) {
        const year_month m = *first + months{mi};
        std::string t = to_long_string(m) + ": " + detail::value_text(*series[si].values.at(m));
        if (several) t = series[si].name + ", " + t;
        return t;
    };
    auto bar = [&](double x, double y0, double y1, double bw, const std::string& c, const std::string& tip) {
        const double top = std::min(y0, y1), h = std::fabs(y1 - y0);
        w.raw("<rect class=\"bar\"").attr("x", x).attr("y", top).attr("width", bw).attr("height", h).attr("fill", c)
            .raw("><title>").text(tip).raw("</title></rect>\n");
    };
    if (o.kind == chart_kind::lines) {
        const bool markers = band >= 14;
        for (std::size_t si = 0; si < k; ++si) {
            const std::string c = color_of(si);
            std::string d;
            bool pen_down = false;
            std::vector<int> lonely;
            for (int mi = 0; mi < n; ++mi) {
                const auto v = val(si, mi);
                if (!v) {
                    pen_down = false;
                    continue;
                }
                const bool prev = mi > 0 && val(si, mi - 1).has_value();
                const bool next = mi + 1 < n && val(si, mi + 1).has_value();
                if (!prev && !next) lonely.push_back(mi);
                d += pen_down ? "L" : "M";
                d += svg_num(x_of(mi) + band / 2) + " " + svg_num(y_of(*v));
                pen_down = true;
            }
            w.raw("<g class=\"series\"").attr("data-name", series[si].name).raw(">\n");
            if (!d.empty())
                w.raw("<path class=\"line\"").attr("d", d).attr("fill", "none").attr("stroke", c)
                    .attr("stroke-width", o.line_width).attr("stroke-linejoin", "round").attr("stroke-linecap", "round").raw("/>\n");
            for (int mi = 0; mi < n; ++mi) {
                const auto v = val(si, mi);
                if (!v) continue;
                const bool is_lonely = std::find(lonely.begin(), lonely.end(), mi) != lonely.end();
                if (!markers && !is_lonely) continue;
                w.raw("<circle class=\"point\"").attr("cx", x_of(mi) + band / 2).attr("cy", y_of(*v))
                    .attr("r", std::max(2.0, o.line_width * 1.25)).attr("fill", c).raw("><title>")
                    .text(tooltip(si, mi, *v)).raw("</title></circle>\n");
            }
            w.raw("</g>\n");
        }
    } else {
        for (int mi = 0; mi < n; ++mi) {
            double pos = 0, neg = 0;
            std::size_t present = 0;
            for (std::size_t si = 0; si < k; ++si) if (val(si, mi)) ++present;
            (void)present;
            for (std::size_t si = 0; si < k; ++si) {
                const auto v = val(si, mi);
                if (!v) continue;
                const std::string c = color_of(si);
                const std::string tip = tooltip(si, mi, *v);
                if (o.kind == chart_kind::grouped_bars && several) {
                    const double sub = inner / static_cast<double>(k);
                    bar(x_of(mi) + (band - inner) / 2 + sub * static_cast<double>(si), zero_y, y_of(*v), sub, c, tip);
                } else if (stacked) {
                    double& base = *v >= 0 ? pos : neg;
                    bar(x_of(mi) + (band - inner) / 2, y_of(base), y_of(base + *v), inner, c, tip);
                    base += *v;
                } else {
                    // Plain bars; with several series and this kind they overlap, last on top.
                    bar(x_of(mi) + (band - inner) / 2, zero_y, y_of(*v), inner, c, tip);
                }
            }
        }
    }
    w.raw("</g>\n");
    if (n > 0) detail::draw_overlays(w, o, *first, n, [&](int mi) { return x_of(mi) + band / 2; }, y_of);

    // The zero line over the bars.
    w.raw("<line class=\"baseline\"").attr("x1", plot_left).attr("y1", zero_y).attr("x2", plot_right).attr("y2", zero_y)
        .attr("stroke", o.axis_color).attr("stroke-width", 1).raw("/>\n");

    // Thresholds.
    for (const auto& t : o.thresholds) {
        const double y = y_of(t.value);
        const std::string label = t.label.empty() ? format_tick(t.value, 1) : t.label;
        w.raw("<g class=\"threshold\">");
        w.raw("<line class=\"threshold-line\"").attr("x1", plot_left).attr("y1", y).attr("x2", plot_right).attr("y2", y)
            .attr("stroke", o.threshold_color).attr("stroke-width", 1.5).attr("stroke-dasharray", "6 4").raw("/>");
        w.raw("<text class=\"threshold-label\"").attr("x", plot_left + 6).attr("y", y - 5)
            .attr("fill", o.threshold_color).attr("font-weight", "600").attr("stroke", o.background)
            .attr("stroke-width", 3).attr("paint-order", "stroke").raw(">").text(label).raw("</text></g>\n");
    }

    // Annotations.
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
            if (li > 0) w.attr("dy", line_h);
            if (li == 0) w.attr("font-weight", "700");
            w.raw(">").text(a.lines[li]).raw("</tspan>");
        }
        w.raw("</text></g>\n");
    }

    if (n == 0)
        w.raw("<text").attr("x", (plot_left + plot_right) / 2).attr("y", plot_top + plot_h / 2)
            .attr("text-anchor", "middle").attr("fill", o.muted_text_color).raw(">No data</text>\n");

    if (has_source)
        w.raw("<text class=\"source\"").attr("x", pad).attr("y", H - pad).attr("font-size", fs - 1)
            .attr("fill", o.muted_text_color).raw(">").text(o.source).raw("</text>\n");
    w.raw("</svg>\n");
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
