// Benchmarks of the calendar and series core: fiscal-year arithmetic, percent
// change, series roll-ups and the aggregation core over generic and dense keys.
#include <borderstats/aggregate.hpp>
#include <borderstats/borderstats.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace bs = borderstats;

namespace {
struct synthetic_record {
    bs::year_month month;
    std::uint32_t group;
    std::int64_t count;
};

// Deterministic records over FY2000-FY2025 and `groups` groups, shaped like a
// CBP file (many small counts per group and month).
std::vector<synthetic_record> make_records(std::size_t n, std::uint32_t groups) {
    std::mt19937_64 rng(20190605);
    std::uniform_int_distribution<int> month_offset(0, 26 * 12 - 1);
    std::uniform_int_distribution<std::uint32_t> group(0, groups - 1);
    std::uniform_int_distribution<std::int64_t> count(1, 5000);
    std::vector<synthetic_record> out(n);
    for (auto& r : out) r = {bs::year_month{1999, 10} + bs::months{month_offset(rng)}, group(rng), count(rng)};
    return out;
}
}  // namespace

static void BM_fiscal_year_of_month(benchmark::State& state) {
    std::int64_t checksum = 0;
    for (auto _ : state) {
        for (bs::year_month m{2000, 1}; m < bs::year_month{2025, 1}; ++m) {
            const auto fy = bs::fiscal_year<bs::us_federal>::containing(m);
            checksum += fy.number() + bs::us_federal::month_number(m) + bs::us_federal::quarter(m);
        }
        benchmark::DoNotOptimize(checksum);
    }
    state.SetItemsProcessed(state.iterations() * 25 * 12);
}
BENCHMARK(BM_fiscal_year_of_month);

static void BM_parse_fiscal_year_label(benchmark::State& state) {
    const std::vector<std::string> labels{"2019", "FY2019", "FY 2019", "2025 (FYTD)"};
    std::int64_t checksum = 0;
    for (auto _ : state) {
        for (const auto& l : labels) checksum += bs::try_parse_fiscal_year<bs::us_federal>(l)->year.number();
        benchmark::DoNotOptimize(checksum);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(labels.size()));
}
BENCHMARK(BM_parse_fiscal_year_label);

static void BM_percent_change(benchmark::State& state) {
    std::vector<std::int64_t> values(1024);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::int64_t>(i * 7919 % 100000);
    for (auto _ : state) {
        double acc = 0;
        for (std::size_t i = 1; i < values.size(); ++i)
            if (const auto p = bs::percent_change(values[i - 1], values[i])) acc += *p;
        benchmark::DoNotOptimize(acc);
    }
    state.SetItemsProcessed(state.iterations() * 1023);
}
BENCHMARK(BM_percent_change);

static void BM_exact_rounded_percent(benchmark::State& state) {
    for (auto _ : state) {
        double acc = 0;
        for (std::int64_t i = 1; i < 1024; ++i) acc += *bs::make_change(i * 101, i * 137).rounded_percent_change(1);
        benchmark::DoNotOptimize(acc);
    }
    state.SetItemsProcessed(state.iterations() * 1023);
}
BENCHMARK(BM_exact_rounded_percent);

static void BM_series_fiscal_roll_up(benchmark::State& state) {
    const auto years = static_cast<std::int32_t>(state.range(0));
    std::vector<std::int64_t> values(static_cast<std::size_t>(years) * 12);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::int64_t>(40000 + i % 97 * 1000);
    const bs::monthly_series<std::int64_t> s{bs::year_month{1999, 10}, values};
    for (auto _ : state) {
        auto totals = s.by_fiscal_year<bs::us_federal>();
        benchmark::DoNotOptimize(totals);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(values.size()));
}
BENCHMARK(BM_series_fiscal_roll_up)->Arg(21)->Arg(100);

static void BM_series_rolling_sum_12(benchmark::State& state) {
    std::vector<std::int64_t> values(21 * 12);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::int64_t>(40000 + i % 97 * 1000);
    const bs::monthly_series<std::int64_t> s{bs::year_month{1999, 10}, values};
    for (auto _ : state) {
        auto r = s.rolling_sum(12);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(values.size()));
}
BENCHMARK(BM_series_rolling_sum_12);

static void BM_group_by_generic_key(benchmark::State& state) {
    const auto records = make_records(static_cast<std::size_t>(state.range(0)), 64);
    for (auto _ : state) {
        auto groups = bs::group_by(
            records, [](const synthetic_record& r) { return r.group; },
            [](const synthetic_record& r) { return r.month; }, [](const synthetic_record& r) { return r.count; });
        benchmark::DoNotOptimize(groups);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_group_by_generic_key)->Arg(1 << 16)->Arg(1 << 20);

static void BM_group_by_dense_codes(benchmark::State& state) {
    const auto records = make_records(static_cast<std::size_t>(state.range(0)), 64);
    for (auto _ : state) {
        bs::dense_group_sums<std::int64_t> sums(64, bs::month_range::inclusive({1999, 10}, {2025, 9}));
        for (const auto& r : records) sums.add(r.group, r.month, r.count);
        benchmark::DoNotOptimize(sums);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_group_by_dense_codes)->Arg(1 << 16)->Arg(1 << 20);
