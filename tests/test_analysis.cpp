// Streaks over a threshold, records, rankings. Monthly figures are the final
// USBP Southwest border apprehensions of cbp_southwest_border_fy2018_fy2019.csv
// and the June 2019 vintage totals quoted in SOURCES.md 1c; the expected
// months are read off those lists by hand.
#include <doctest/doctest.h>

#include <borderstats/analysis.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace bs = borderstats;
using bs::monthly_series;
using bs::months;
using bs::year_month;

namespace {
template <typename T>
monthly_series<T> fy2018_fy2019() {
    return monthly_series<T>{year_month{2017, 10},
                             {// Oct 2017 .. Sep 2018
                              25488, 29085, 28995, 25975, 26666, 37390, 38243, 40339, 34089, 31299, 37524, 41486,
                              // Oct 2018 .. Sep 2019
                              51005, 51857, 50751, 47979, 66883, 92833, 99273, 132856, 94902, 71978, 50684, 40507}};
}
}  // namespace

TEST_CASE_TEMPLATE("May 2019 was the third straight month with at least 100000", T, std::int32_t, std::int64_t,
                   double) {
    // SOURCES.md: Mar 103,719, Apr 109,474, May 144,278 (June 2019 vintage totals)
    const monthly_series<T> s{year_month{2019, 3}, {T(103719), T(109474), T(144278)}};
    const year_month may19{2019, 5};
    CHECK(bs::streak_at_least(s, may19, T(100000)) == 3);
    CHECK(bs::streak_at_least(s, year_month{2019, 4}, T(100000)) == 2);
    CHECK(bs::streak_at_least(s, may19, T(105000)) == 2);  // March is below
    CHECK(bs::streak_at_least(s, may19, T(144278)) == 1);  // at the threshold counts
    CHECK(bs::streak_at_least(s, may19, T(144279)) == 0);
    CHECK(bs::streak_at_least(s, year_month{2019, 6}, T(100000)) == 0);  // no figure
    CHECK(bs::streak_at_least(s, year_month{2019, 2}, T(100000)) == 0);  // before the series
    CHECK(bs::streak_at_least(monthly_series<T>{}, may19, T(1)) == 0);
}

TEST_CASE_TEMPLATE("a gap breaks a streak", T, std::int32_t, std::int64_t, double) {
    const monthly_series<T> s{year_month{2019, 3},
                              std::vector<std::optional<T>>{T(103719), std::nullopt, T(144278)}};
    CHECK(bs::streak_at_least(s, year_month{2019, 5}, T(100000)) == 1);
    CHECK(bs::streak_at_least(s, year_month{2019, 4}, T(100000)) == 0);
    const auto runs = bs::streaks_at_least(s, T(100000));
    REQUIRE(runs.size() == 2);
    CHECK(runs[0] == bs::streak{year_month{2019, 3}, year_month{2019, 3}, 1});
    CHECK(runs[1] == bs::streak{year_month{2019, 5}, year_month{2019, 5}, 1});
}

TEST_CASE("a streak may run back to the smallest representable month") {
    const monthly_series<std::int64_t> s{year_month::min(), {5, 6, 7}};
    CHECK(bs::streak_at_least(s, year_month::min() + months{2}, std::int64_t{5}) == 3);
    CHECK(bs::streak_at_least(s, year_month::min(), std::int64_t{5}) == 1);
}

TEST_CASE_TEMPLATE("streaks_at_least lists every maximal run in order", T, std::int32_t, std::int64_t, double) {
    const auto s = fy2018_fy2019<T>();
    // at 50,000: Oct 51,005 Nov 51,857 Dec 50,751 (Jan 47,979 below) then Feb 66,883 .. Aug 50,684 (Sep 40,507 below)
    const auto runs = bs::streaks_at_least(s, T(50000));
    REQUIRE(runs.size() == 2);
    CHECK(runs[0] == bs::streak{year_month{2018, 10}, year_month{2018, 12}, 3});
    CHECK(runs[1] == bs::streak{year_month{2019, 2}, year_month{2019, 8}, 7});
    // at 90,000: Mar 92,833 Apr 99,273 May 132,856 Jun 94,902
    const auto high = bs::streaks_at_least(s, T(90000));
    REQUIRE(high.size() == 1);
    CHECK(high[0] == bs::streak{year_month{2019, 3}, year_month{2019, 6}, 4});
    // a run that reaches the last month of the series is closed too
    const auto all = bs::streaks_at_least(s, T(0));
    REQUIRE(all.size() == 1);
    CHECK(all[0] == bs::streak{year_month{2017, 10}, year_month{2019, 9}, 24});
    CHECK(bs::streaks_at_least(s, T(200000)).empty());
    CHECK(bs::streaks_at_least(monthly_series<T>{}, T(0)).empty());
}

TEST_CASE_TEMPLATE("longest_streak_at_least gives the longest run and the earliest of equal ones", T, std::int32_t,
                   std::int64_t, double) {
    const auto s = fy2018_fy2019<T>();
    const auto longest = bs::longest_streak_at_least(s, T(50000));
    REQUIRE(longest);
    CHECK(*longest == bs::streak{year_month{2019, 2}, year_month{2019, 8}, 7});
    CHECK_FALSE(bs::longest_streak_at_least(s, T(200000)));
    // two runs of two: 5 5 _ 5 5 -> the first
    const monthly_series<T> twins{year_month{2019, 1},
                                  std::vector<std::optional<T>>{T(5), T(5), std::nullopt, T(5), T(5)}};
    const auto first = bs::longest_streak_at_least(twins, T(5));
    REQUIRE(first);
    CHECK(*first == bs::streak{year_month{2019, 1}, year_month{2019, 2}, 2});
    // a longer run later wins: 5 _ 5 5
    const monthly_series<T> later{year_month{2019, 1}, std::vector<std::optional<T>>{T(5), T(1), T(5), T(5)}};
    CHECK(bs::longest_streak_at_least(later, T(5))->first == year_month{2019, 3});
}

TEST_CASE_TEMPLATE("highest_since gives the latest earlier month at or above a month", T, std::int32_t, std::int64_t,
                   double) {
    const auto s = fy2018_fy2019<T>();
    // May 2019 (132,856) is above every earlier month: a record within the series
    CHECK_FALSE(bs::highest_since(s, year_month{2019, 5}));
    CHECK(bs::is_record_high(s, year_month{2019, 5}));
    // June 2019 (94,902): May 2019 is higher
    CHECK(bs::highest_since(s, year_month{2019, 6}) == year_month{2019, 5});
    CHECK_FALSE(bs::is_record_high(s, year_month{2019, 6}));
    // September 2019 (40,507): August 2019 (50,684) is higher
    CHECK(bs::highest_since(s, year_month{2019, 9}) == year_month{2019, 8});
    // January 2019 (47,979): December 2018 (50,751) is higher
    CHECK(bs::highest_since(s, year_month{2019, 1}) == year_month{2018, 12});
    // February 2019 (66,883) is above every month before it
    CHECK(bs::is_record_high(s, year_month{2019, 2}));
    // October 2017 is the first month: a record with nothing before it
    CHECK(bs::is_record_high(s, year_month{2017, 10}));
    // November 2017 (29,085) is above October 2017 (25,488)
    CHECK(bs::is_record_high(s, year_month{2017, 11}));
    // December 2017 (28,995) is below November 2017 (29,085)
    CHECK(bs::highest_since(s, year_month{2017, 12}) == year_month{2017, 11});
    // an equal value counts as "at or above"
    const monthly_series<T> eq{year_month{2019, 1}, {T(5), T(3), T(5)}};
    CHECK(bs::highest_since(eq, year_month{2019, 3}) == year_month{2019, 1});
    CHECK_FALSE(bs::is_record_high(eq, year_month{2019, 3}));
    // a month without a figure has no answer and is no record
    CHECK_FALSE(bs::highest_since(s, year_month{2019, 10}));
    CHECK_FALSE(bs::is_record_high(s, year_month{2019, 10}));
    CHECK_FALSE(bs::is_record_high(monthly_series<T>{}, year_month{2019, 10}));
}

TEST_CASE_TEMPLATE("highest_since and lowest_since stop at a month without a figure as streaks do", T, std::int32_t,
                   std::int64_t, double) {
    const monthly_series<T> s{year_month{2019, 1},
                              std::vector<std::optional<T>>{T(9), T(1), std::nullopt, std::nullopt, T(4), T(2)}};
    // May (4): April has no figure, so February (1, below) and January (9, above)
    // are not reached: April might have been higher or lower.
    CHECK_FALSE(bs::highest_since(s, year_month{2019, 5}));
    CHECK_FALSE(bs::lowest_since(s, year_month{2019, 5}));
    CHECK_FALSE(bs::is_record_high(s, year_month{2019, 5}));  // unknown, not a record
    CHECK(bs::streak_at_least(s, year_month{2019, 5}, T(3)) == 1);  // the same gap ends the streak
    // June (2): May (4) is above it and comes before the gap.
    CHECK(bs::highest_since(s, year_month{2019, 6}) == year_month{2019, 5});
    CHECK_FALSE(bs::lowest_since(s, year_month{2019, 6}));
    // February (1): January (9) is above; the gap is after it.
    CHECK(bs::highest_since(s, year_month{2019, 2}) == year_month{2019, 1});
    CHECK(bs::is_record_high(s, year_month{2019, 1}));  // the first month: nothing before it
    CHECK_FALSE(bs::highest_since(s, year_month{2019, 3}));  // no figure of its own
    CHECK_FALSE(bs::lowest_since(s, year_month{2019, 4}));
}

TEST_CASE_TEMPLATE("lowest_since gives the latest earlier month at or below a month", T, std::int32_t, std::int64_t,
                   double) {
    const auto s = fy2018_fy2019<T>();
    // September 2019 (40,507): the latest month at or below it is August 2018 (37,524);
    // every month from September 2018 (41,486) to August 2019 is above
    CHECK(bs::lowest_since(s, year_month{2019, 9}) == year_month{2018, 8});
    // January 2018 (25,975): October 2017 (25,488) is lower
    CHECK(bs::lowest_since(s, year_month{2018, 1}) == year_month{2017, 10});
    // October 2017 has nothing before it
    CHECK_FALSE(bs::lowest_since(s, year_month{2017, 10}));
    // December 2017 (28,995) is below November 2017 (29,085) but above October 2017 (25,488)
    CHECK(bs::lowest_since(s, year_month{2017, 12}) == year_month{2017, 10});
}

TEST_CASE_TEMPLATE("rank_months ranks the months with ties sharing the better rank", T, std::int32_t, std::int64_t,
                   double) {
    // 5 7 7 3 _ 7 : the three 7s rank 1, 5 ranks 4, 3 ranks 5 ("competition" ranking)
    const monthly_series<T> s{year_month{2019, 1},
                              std::vector<std::optional<T>>{T(5), T(7), T(7), T(3), std::nullopt, T(7)}};
    const auto ranked = bs::rank_months(s);
    REQUIRE(ranked.size() == 5);  // the gap is not ranked
    CHECK(ranked[0].month == year_month{2019, 2});
    CHECK(ranked[1].month == year_month{2019, 3});
    CHECK(ranked[2].month == year_month{2019, 6});  // ties in chronological order
    CHECK(ranked[0].rank == 1);
    CHECK(ranked[1].rank == 1);
    CHECK(ranked[2].rank == 1);
    CHECK(ranked[3].month == year_month{2019, 1});
    CHECK(ranked[3].value == T(5));
    CHECK(ranked[3].rank == 4);
    CHECK(ranked[4].month == year_month{2019, 4});
    CHECK(ranked[4].rank == 5);

    CHECK(bs::rank_of(s, year_month{2019, 2}) == 1);
    CHECK(bs::rank_of(s, year_month{2019, 6}) == 1);
    CHECK(bs::rank_of(s, year_month{2019, 1}) == 4);
    CHECK(bs::rank_of(s, year_month{2019, 4}) == 5);
    CHECK_FALSE(bs::rank_of(s, year_month{2019, 5}));  // a gap
    CHECK_FALSE(bs::rank_of(s, year_month{2020, 1}));  // outside

    // lowest first: 3 ranks 1, 5 ranks 2, the 7s rank 3
    const auto low = bs::rank_months(s, bs::rank_order::lowest_first);
    REQUIRE(low.size() == 5);
    CHECK(low[0].month == year_month{2019, 4});
    CHECK(low[0].rank == 1);
    CHECK(low[1].rank == 2);
    CHECK(low[2].rank == 3);
    CHECK(low[4].rank == 3);
    CHECK(low[4].month == year_month{2019, 6});
    CHECK(bs::rank_of(s, year_month{2019, 4}, bs::rank_order::lowest_first) == 1);
    CHECK(bs::rank_of(s, year_month{2019, 3}, bs::rank_order::lowest_first) == 3);

    CHECK(bs::rank_months(monthly_series<T>{}).empty());
}

TEST_CASE_TEMPLATE("May 2019 is the highest month of FY2018 and FY2019 and March the fourth", T, std::int32_t,
                   std::int64_t, double) {
    const auto s = fy2018_fy2019<T>();
    // the four highest: May 2019 132,856 ; Apr 2019 99,273 ; Jun 2019 94,902 ; Mar 2019 92,833
    CHECK(bs::rank_of(s, year_month{2019, 5}) == 1);
    CHECK(bs::rank_of(s, year_month{2019, 4}) == 2);
    CHECK(bs::rank_of(s, year_month{2019, 6}) == 3);
    CHECK(bs::rank_of(s, year_month{2019, 3}) == 4);
    // the lowest: October 2017 25,488
    CHECK(bs::rank_of(s, year_month{2017, 10}) == 24);
    CHECK(bs::rank_of(s, year_month{2017, 10}, bs::rank_order::lowest_first) == 1);
    const auto ranked = bs::rank_months(s);
    REQUIRE(ranked.size() == 24);
    CHECK(ranked[0].month == year_month{2019, 5});
    CHECK(ranked[0].value == T(132856));
    CHECK(ranked[3].month == year_month{2019, 3});
    CHECK(ranked[23].month == year_month{2017, 10});
    CHECK(ranked[23].rank == 24);
}

TEST_CASE_TEMPLATE("rank_range_of says how many months were missing and how low a month may rank", T, std::int32_t,
                   std::int64_t, double) {
    // 5 7 7 3 _ 7 : one gap (May). Among the five figures the 7s rank 1 and 3 ranks 5;
    // were the gap above them, the 7s would rank 2 and 3 would rank 6.
    const monthly_series<T> s{year_month{2019, 1},
                              std::vector<std::optional<T>>{T(5), T(7), T(7), T(3), std::nullopt, T(7)}};
    const auto seven = bs::rank_range_of(s, year_month{2019, 2});
    REQUIRE(seven);
    CHECK(seven->best == 1);
    CHECK(seven->worst == 2);
    CHECK(seven->ranked == 5);
    CHECK(seven->missing == 1);
    CHECK_FALSE(seven->exact());
    const auto three = bs::rank_range_of(s, year_month{2019, 4});
    REQUIRE(three);
    CHECK(three->best == 5);
    CHECK(three->worst == 6);
    const auto low = bs::rank_range_of(s, year_month{2019, 4}, bs::rank_order::lowest_first);
    REQUIRE(low);
    CHECK(low->best == 1);
    CHECK(low->worst == 2);
    CHECK_FALSE(bs::rank_range_of(s, year_month{2019, 5}));  // the month itself is a gap: not ranked
    CHECK_FALSE(bs::rank_range_of(s, year_month{2020, 1}));  // outside the series

    // Without gaps the rank is exact: May 2019 (132,856) is the highest of the 24 months.
    const auto may = bs::rank_range_of(fy2018_fy2019<T>(), year_month{2019, 5});
    REQUIRE(may);
    CHECK(may->exact());
    CHECK(may->best == 1);
    CHECK(may->worst == 1);
    CHECK(may->ranked == 24);
}
