// Benchmarks of the readers: the RFC 4180 reader (io/csv.hpp) over the real
// CBP state file and over a generated ~100 MB CBP-shaped buffer, the CBP row
// reader (io/cbp.hpp), the projected fast scanner (io/fast_scan.hpp) and
// sum_encounters on 1 and 2 threads over a file (real time).
#include <borderstats/io/cbp.hpp>
#include <borderstats/io/csv.hpp>
#include <borderstats/aggregate_scan.hpp>
#include <borderstats/io/fast_scan.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace bs = borderstats;
namespace io = borderstats::io;

namespace {

const std::string& real_file_text() {
    static const std::string text = [] {
        std::ifstream in(std::string(BORDERSTATS_DATA_DIR) + "/cbp-nationwide-encounters-fy20-fy23-state.csv",
                         std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }();
    return text;
}

// A CBP-shaped file of about `bytes` bytes (CRLF, quoted citizenships with
// commas, "2025 (FYTD)"), deterministic, in random row order.
std::string generate_cbp(std::size_t bytes) {
    static const char* const months[] = {"OCT", "NOV", "DEC", "JAN", "FEB", "MAR",
                                         "APR", "MAY", "JUN", "JUL", "AUG", "SEP"};
    static const char* const years[] = {"2020", "2021", "2022", "2023", "2024", "2025 (FYTD)"};
    static const char* const regions[] = {"Southwest Land Border", "Northern Land Border", "Other"};
    static const char* const states[] = {"TX", "CA", "AZ", "NM", "NY", "WA", "FL", "DC"};
    static const char* const demographics[] = {"Single Adults", "FMUA", "UC / Single Minors", "Accompanied Minors"};
    static const char* const citizenships[] = {"MEXICO", "GUATEMALA", "HONDURAS", "\"CHINA, PEOPLES REPUBLIC OF\"",
                                               "CUBA", "\"KOREA, SOUTH\"", "OTHER", "VENEZUELA", "INDIA"};
    std::mt19937_64 rng(20201001);
    std::string out =
        "Fiscal Year,Month Grouping,Month (abbv),Land Border Region,State,Demographic,Citizenship,Title of "
        "Authority,Encounter Count\r\n";
    out.reserve(bytes + 256);
    while (out.size() < bytes) {
        out += years[rng() % 6];
        out += ",FYTD,";
        out += months[rng() % 12];
        out += ',';
        out += regions[rng() % 3];
        out += ',';
        out += states[rng() % 8];
        out += ',';
        out += demographics[rng() % 4];
        out += ',';
        out += citizenships[rng() % 9];
        out += rng() % 4 == 0 ? ",Title 42," : ",Title 8,";
        out += std::to_string(1 + rng() % 5000 / (1 + rng() % 50));
        out += "\r\n";
    }
    return out;
}

const std::string& generated_text() {
    static const std::string text = generate_cbp(std::size_t{100} << 20);
    return text;
}

// The generated text written once to a temporary file, for the file readers.
const std::filesystem::path& generated_file() {
    static const std::filesystem::path path = [] {
        auto p = std::filesystem::temp_directory_path() / "borderstats_bench_io_100mb.csv";
        std::ofstream out(p, std::ios::binary);
        out << generated_text();
        return p;
    }();
    return path;
}

void csv_fields(benchmark::State& state, const std::string& text) {
    std::uint64_t fields = 0;
    for (auto _ : state) {
        io::csv_reader reader(text, "<bench>");
        io::csv_record record;
        while (reader.next(record)) fields += record.size();
        benchmark::DoNotOptimize(fields);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.SetItemsProcessed(static_cast<std::int64_t>(fields));
}

void cbp_rows(benchmark::State& state, const std::string& text) {
    std::int64_t total = 0;
    std::uint64_t rows = 0;
    for (auto _ : state) {
        // Record at a time: the generated rows repeat keys (random draws),
        // which for_each_cbp_record refuses as repeated rows.
        std::istringstream in(text);
        io::cbp_file_reader reader{io::csv_stream_reader(in, "<bench>")};
        io::cbp_record r;
        while (reader.next(r)) {
            total += r.count;
            ++rows;
        }
        benchmark::DoNotOptimize(total);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.SetItemsProcessed(static_cast<std::int64_t>(rows));
}

void projected(benchmark::State& state, const std::string& text) {
    const io::projected_scanner scanner(text, "<bench>",
                                        {"Fiscal Year", "Month (abbv)", "Land Border Region", "Citizenship",
                                         "Encounter Count"});
    std::int64_t total = 0;
    std::uint64_t rows = 0;
    for (auto _ : state) {
        scanner.scan([&](const io::raw_field* f, io::projected_scanner::record_failure&) {
            total += static_cast<std::int64_t>(f[0].size + f[1].size + f[2].size + f[3].size);
            total += io::try_parse_count(f[4]).value_or(0);
            ++rows;
            return true;
        });
        benchmark::DoNotOptimize(total);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.SetItemsProcessed(static_cast<std::int64_t>(rows));
}

}  // namespace

static void BM_csv_reader_real_file(benchmark::State& state) { csv_fields(state, real_file_text()); }
BENCHMARK(BM_csv_reader_real_file)->Unit(benchmark::kMillisecond);

static void BM_csv_reader_generated_100MB(benchmark::State& state) { csv_fields(state, generated_text()); }
BENCHMARK(BM_csv_reader_generated_100MB)->Unit(benchmark::kMillisecond);

static void BM_cbp_rows_real_file(benchmark::State& state) { cbp_rows(state, real_file_text()); }
BENCHMARK(BM_cbp_rows_real_file)->Unit(benchmark::kMillisecond);

static void BM_cbp_rows_generated_100MB(benchmark::State& state) { cbp_rows(state, generated_text()); }
BENCHMARK(BM_cbp_rows_generated_100MB)->Unit(benchmark::kMillisecond);

static void BM_projected_scan_real_file(benchmark::State& state) { projected(state, real_file_text()); }
BENCHMARK(BM_projected_scan_real_file)->Unit(benchmark::kMillisecond);

static void BM_projected_scan_generated_100MB(benchmark::State& state) { projected(state, generated_text()); }
BENCHMARK(BM_projected_scan_generated_100MB)->Unit(benchmark::kMillisecond);

namespace {
// The whole fast path from a file: read in 1 MiB chunks, scan, parse, sum,
// on state.range(0) threads.
void sum_encounters_file(benchmark::State& state, const std::filesystem::path& path) {
    io::encounter_columns cols;
    cols.dimensions = {"Land Border Region", "Citizenship"};
    const auto threads = static_cast<unsigned>(state.range(0));
    std::uint64_t rows = 0;
    for (auto _ : state) {
        const io::encounter_sums sums = io::sum_encounters(path, cols, threads);
        rows += sums.rows();
        benchmark::DoNotOptimize(rows);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * std::filesystem::file_size(path)));
    state.SetItemsProcessed(static_cast<std::int64_t>(rows));
}
}  // namespace

static void BM_sum_encounters_file_100MB(benchmark::State& state) { sum_encounters_file(state, generated_file()); }
BENCHMARK(BM_sum_encounters_file_100MB)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// Any CBP file on disk, e.g. the 10-million-row file of the peer comparison:
//   BORDERSTATS_BENCH_FILE=/tmp/borderstats-bench/cbp_10000000.csv borderstats_benchmarks
// Registered only when the variable names a file, so the default run stays
// small; this is how the suite reaches tens of millions of rows.
namespace {
const bool env_file_registered = [] {
    const char* file = std::getenv("BORDERSTATS_BENCH_FILE");
    if (file == nullptr || *file == '\0') return false;
    const std::filesystem::path path(file);
    benchmark::RegisterBenchmark(("BM_sum_encounters_env_file/" + path.filename().string()).c_str(),
                                 [path](benchmark::State& state) { sum_encounters_file(state, path); })
        ->Arg(1)
        ->Arg(2)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
    return true;
}();
}  // namespace
