// borderstats peer task with fast-cpp-csv-parser (Debian libfccp-dev, <libfccp/csv.h>).
// Usage: peer_fccp FILE [THREADS]   (THREADS is ignored: the parser reads on one
// background thread and parses on the calling one; it has no knob)
// Build: g++ -O2 -std=c++17 -pthread peer_fccp.cpp -o peer_fccp
// Prints README.md "Output format".
#include <libfccp/csv.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

const char* const kMonths[12] = {"OCT", "NOV", "DEC", "JAN", "FEB", "MAR",
                                 "APR", "MAY", "JUN", "JUL", "AUG", "SEP"};

int month_index(const char* m) {
    for (int i = 0; i < 12; ++i)
        if (std::strcmp(m, kMonths[i]) == 0) return i;
    throw std::runtime_error(std::string("bad month ") + m);
}

// leading ASCII digits: "2025 (FYTD)" -> 2025
int fiscal_year(const char* s) {
    int fy = 0;
    const char* p = s;
    for (; *p >= '0' && *p <= '9'; ++p) fy = fy * 10 + (*p - '0');
    if (p == s || p - s > 6) throw std::runtime_error(std::string("bad fiscal year ") + s);
    return fy;
}

struct YearAgg {
    std::array<long long, 12> sw{};      // task 1 totals
    std::array<bool, 12> sw_seen{};      // month has a Southwest row
    std::vector<long long> by_cit;       // task 2 totals, by citizenship id
};

// round(1000*(cur-prev)/prev), half away from zero; prev > 0
std::string pct_change(long long cur, long long prev) {
    long long num = 1000 * (cur - prev);
    unsigned long long a = num < 0 ? 0ULL - static_cast<unsigned long long>(num)
                                   : static_cast<unsigned long long>(num);
    unsigned long long p = static_cast<unsigned long long>(prev);
    unsigned long long q = (2 * a + p) / (2 * p);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%llu.%llu", (num < 0 && q != 0) ? "-" : "",
                  q / 10, q % 10);
    return buf;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE [THREADS]\n", argv[0]);
        return 2;
    }
    try {
        io::CSVReader<5, io::trim_chars<>, io::double_quote_escape<',', '"'>> in(argv[1]);
        in.read_header(io::ignore_extra_column, "Fiscal Year", "Month (abbv)",
                       "Land Border Region", "Citizenship", "Encounter Count");
        std::map<int, YearAgg> years;
        std::unordered_map<std::string, std::size_t> cit_ids;
        std::vector<std::string> cit_names;
        std::string key;
        char *fy_s = nullptr, *month_s = nullptr, *region_s = nullptr, *cit_s = nullptr;
        long long count;
        int last_fy = -1;
        YearAgg* agg = nullptr;
        while (in.read_row(fy_s, month_s, region_s, cit_s, count)) {
            int fy = fiscal_year(fy_s);
            if (fy != last_fy) {
                agg = &years[fy];
                last_fy = fy;
            }
            if (std::strcmp(region_s, "Southwest Land Border") == 0) {
                int m = month_index(month_s);
                agg->sw[m] += count;
                agg->sw_seen[m] = true;
            }
            key.assign(cit_s);
            auto it = cit_ids.find(key);
            if (it == cit_ids.end()) {
                it = cit_ids.emplace(key, cit_names.size()).first;
                cit_names.push_back(key);
            }
            if (agg->by_cit.size() <= it->second) agg->by_cit.resize(it->second + 1, -1);
            long long& t = agg->by_cit[it->second];
            t = (t < 0 ? 0 : t) + count;
        }

        std::string out = "# task1 fy|month|calendar|total|pct_change\n";
        char line[256];
        bool have_prev = false;
        long long prev = 0;
        for (auto& [fy, a] : years) {
            for (int m = 0; m < 12; ++m) {
                if (!a.sw_seen[m]) continue;
                int year = m < 3 ? fy - 1 : fy;
                int civil = (m + 9) % 12 + 1;
                std::string pct = (have_prev && prev != 0) ? pct_change(a.sw[m], prev) : "";
                std::snprintf(line, sizeof line, "%d|%s|%04d-%02d|%lld|%s\n", fy, kMonths[m],
                              year, civil, a.sw[m], pct.c_str());
                out += line;
                prev = a.sw[m];
                have_prev = true;
            }
        }
        out += "# task2 fy|citizenship|total\n";
        std::vector<std::size_t> order(cit_names.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        // std::string compares as unsigned char, i.e. byte order
        std::sort(order.begin(), order.end(),
                  [&](std::size_t x, std::size_t y) { return cit_names[x] < cit_names[y]; });
        for (auto& [fy, a] : years) {
            for (std::size_t id : order) {
                if (id >= a.by_cit.size() || a.by_cit[id] < 0) continue;
                out += std::to_string(fy) + "|" + cit_names[id] + "|" +
                       std::to_string(a.by_cit[id]) + "\n";
            }
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "peer_fccp: %s\n", e.what());
        return 1;
    }
    return 0;
}
