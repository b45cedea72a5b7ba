// borderstats/moving_average.hpp: 3- and 12-month averages, trailing or centred.
//
// A moving average smooths a monthly series: the value of a month becomes the
// mean of a window of months around it.
//
//   auto smooth = bs::trailing_average(s, 3);   // May 2019 = mean of Mar, Apr, May 2019
//   auto trend  = bs::centred_average(s, 12);   // the 2x12 average classical decomposition uses
//
// The windows, for a window of `w` months at month m:
//   - trailing: the w months ending at m, each weighing 1/w;
//   - centred, w odd (3): the w months from m-(w-1)/2 to m+(w-1)/2, each 1/w;
//   - centred, w even (12): the w+1 months from m-w/2 to m+w/2, the two ends
//     weighing 1/(2w) and the others 1/w (the "2xw" average: the mean of the
//     two w-month windows that straddle m, so that it is centred on a month and
//     not between two; R's filter(x, c(0.5, rep(1, 11), 0.5) / 12)).
//
// What it refuses. A window that reaches outside the series has no average
// (R's filter gives NA there too). A missing month is not a zero: a window
// with a gap has no average, unless the caller asks by name for
// `gaps_in_window::average_reported`, which averages the months of the window
// that have a figure, their weights rescaled to sum to one (and still gives no
// average when none has). A window below one month, or above 1200, is an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar.hpp"
#include "error.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {

/// Where the window of a month lies.
enum class window_placement : unsigned char {
    trailing,  ///< the window ends at the month
    centred    ///< the month is in the middle (2xw for an even w)
};

/// What a window with a month that has no figure gives.
enum class gaps_in_window : unsigned char {
    no_average,       ///< no average (the default: a gap is not a zero)
    average_reported  ///< the weighted mean of the months that have a figure
};

/// One month of a window: its offset from the month averaged and its weight.
struct window_weight {
    int offset = 0;
    double weight = 0;
};

/// The longest window taken: a hundred years.
inline constexpr int max_moving_average_window = 1200;

/// The weights of a window of `window` months placed as `placement`; they sum
/// to one. Throws `error` when `window` is below one or above
/// `max_moving_average_window`.
inline std::vector<window_weight> moving_average_weights(int window, window_placement placement) {
    if (window < 1 || window > max_moving_average_window)
        detail::raise(error("a moving average needs a window of 1 to " + std::to_string(max_moving_average_window) +
                            " months, not " + std::to_string(window)));
    std::vector<window_weight> out;
    const double w = static_cast<double>(window);
    if (placement == window_placement::trailing) {
        for (int k = window - 1; k >= 0; --k) out.push_back({-k, 1.0 / w});
    } else if (window % 2 == 1) {
        const int half = (window - 1) / 2;
        for (int k = -half; k <= half; ++k) out.push_back({k, 1.0 / w});
    } else {
        const int half = window / 2;
        for (int k = -half; k <= half; ++k) out.push_back({k, (k == -half || k == half ? 0.5 : 1.0) / w});
    }
    return out;
}

/// The moving average of `s`: a series over the same months, with a gap where
/// the window has no average (see the header comment).
template <typename T>
monthly_series<double> moving_average(const monthly_series<T>& s, int window, window_placement placement,
                                      gaps_in_window gaps = gaps_in_window::no_average) {
    const std::vector<window_weight> weights = moving_average_weights(window, placement);
    monthly_series<double> out{s.months_range()};
    if (s.empty()) return out;
    const auto n = static_cast<std::int64_t>(s.size());
    const int before = -weights.front().offset;  // months the window reaches back
    const int after = weights.back().offset;     // and forward
    std::int64_t i = 0;
    for (year_month m : s.months_range()) {
        if (i - before >= 0 && i + after < n) {
            double sum = 0;
            double weight = 0;
            bool gap = false;
            for (const window_weight& w : weights) {
                const auto v = s.at(m + months{w.offset});
                if (!v) {
                    gap = true;
                    continue;
                }
                sum += w.weight * static_cast<double>(*v);
                weight += w.weight;
            }
            if (!gap)
                out.set(m, sum);
            else if (gaps == gaps_in_window::average_reported && weight > 0)
                out.set(m, sum / weight);
        }
        ++i;
    }
    return out;
}

/// The mean of the `window` months ending at each month.
template <typename T>
monthly_series<double> trailing_average(const monthly_series<T>& s, int window,
                                        gaps_in_window gaps = gaps_in_window::no_average) {
    return moving_average(s, window, window_placement::trailing, gaps);
}

/// The centred mean around each month (2x`window` when `window` is even).
template <typename T>
monthly_series<double> centred_average(const monthly_series<T>& s, int window,
                                       gaps_in_window gaps = gaps_in_window::no_average) {
    return moving_average(s, window, window_placement::centred, gaps);
}

}  // namespace v1
}  // namespace borderstats
