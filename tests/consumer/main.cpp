// A downstream program: U.S. Border Patrol apprehensions at the Southwest
// border, FY2018 and FY2019 (CBP's final figures, as in
// examples/data/cbp_southwest_border_fy2018_fy2019.csv). It prints one figure
// and checks every result against a hand computation; it exits non-zero on a
// mismatch, so the packaging tests fail when the installed package is wrong.
//
// Hand computations:
//   FY2018 = 25,488 + 29,085 + 28,995 + 25,975 + 26,666 + 37,390
//          + 38,243 + 40,339 + 34,089 + 31,299 + 37,524 + 41,486 = 396,579
//   FY2019 = 51,005 + 51,857 + 50,751 + 47,979 + 66,883 + 92,833
//          + 99,273 + 132,856 + 94,902 + 71,978 + 50,684 + 40,507 = 851,508
//   change = (851,508 - 396,579) / 396,579 * 100 = 114.713...%, shown "+115%"
#include <borderstats/borderstats.hpp>
#ifdef BORDERSTATS_CONSUMER_BOOST
#include <borderstats/boost_date_time.hpp>
#endif

#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>

namespace bs = borderstats;

namespace {
int failures = 0;

void check(bool ok, const char* what) {
    if (!ok) {
        std::cerr << "consumer: check failed: " << what << '\n';
        ++failures;
    }
}
}  // namespace

int main() {
    using fy = bs::fiscal_year<bs::us_federal>;

    // Civil-month arithmetic and the U.S. federal fiscal year.
    constexpr bs::year_month may2019{2019, 5};
    static_assert(may2019 - bs::months{7} == bs::year_month{2018, 10});
    static_assert(fy::containing(bs::year_month{2018, 10}).number() == 2019);
    check(fy{2019}.first_month() == bs::year_month{2018, 10}, "FY2019 starts in October 2018");
    check(fy{2019}.last_month() == bs::year_month{2019, 9}, "FY2019 ends in September 2019");
    check(fy{2019}.label() == "FY2019", "FY2019 label");

    const bs::monthly_series<std::int32_t> apprehensions(
        fy{2018}.first_month(),
        {25488, 29085, 28995, 25975, 26666, 37390, 38243, 40339, 34089, 31299, 37524, 41486,
         51005, 51857, 50751, 47979, 66883, 92833, 99273, 132856, 94902, 71978, 50684, 40507});

    const auto fy2018 = apprehensions.fiscal_year_total(fy{2018});
    const auto fy2019 = apprehensions.fiscal_year_total(fy{2019});
    check(fy2018 && *fy2018 == 396579, "FY2018 total is 396,579");
    check(fy2019 && *fy2019 == 851508, "FY2019 total is 851,508");
    check(!apprehensions.fiscal_year_total(fy{2020}), "FY2020 has no figures: no total");

    const auto change = bs::percent_change(fy2018, fy2019);
    check(change && *change > 114.713 && *change < 114.714, "FY2018 to FY2019 is +114.713%");
    const std::string shown = bs::format_percent(change);
    check(shown == "+115%", "the change prints as +115%");

#ifdef BORDERSTATS_CONSUMER_BOOST
    // Boost.Date_Time reaches the consumer through borderstats::boost_date_time.
    check(bs::first_day(may2019) == boost::gregorian::date(2019, 5, 1), "May 2019 starts on 2019-05-01");
#endif

#ifdef BORDERSTATS_EXPECTED_VERSION
    check(std::strcmp(BORDERSTATS_VERSION_STRING, BORDERSTATS_EXPECTED_VERSION) == 0,
          "version.hpp agrees with the package version");
#endif

    std::cout << "borderstats " << BORDERSTATS_VERSION_STRING << ": FY2019 total: "
              << bs::format_count(fy2019.value_or(0)) << " (" << shown << " on FY2018)\n";
    return failures == 0 ? 0 : 1;
}
