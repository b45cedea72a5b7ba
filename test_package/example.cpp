// The smallest use of the package: which months make up FY2019?
#include <borderstats/borderstats.hpp>

#include <iostream>

int main() {
    const borderstats::fiscal_year<borderstats::us_federal> fy2019{2019};
    std::cout << "borderstats " << BORDERSTATS_VERSION_STRING << ": " << fy2019.label() << " runs from "
              << borderstats::to_string(fy2019.first_month()) << " to "
              << borderstats::to_string(fy2019.last_month()) << '\n';
    return fy2019.first_month() == borderstats::year_month{2018, 10} ? 0 : 1;
}
