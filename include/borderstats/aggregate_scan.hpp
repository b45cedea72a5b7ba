// borderstats/aggregate_scan.hpp: `sum_encounters`, the fast path's
// aggregation. It sums a CBP-style count column by (month, dimension values)
// over a whole file on one or more threads, on top of the projected scanner
// of io/fast_scan.hpp, in a few buffers of memory whatever the file's size.
//
//   io::encounter_columns cols;                 // "Fiscal Year", "Month (abbv)",
//   cols.dimensions = {"Land Border Region",    // "Encounter Count" by default
//                      "Citizenship"};
//   io::encounter_sums sums = io::sum_encounters("cbp.csv", cols, 2);  // 2 threads
//   auto sw = sums.find(0, "Southwest Land Border");
//   monthly_series<std::int64_t> s = sums.total_by_month(
//       [&](const std::uint32_t* codes) { return sw && codes[0] == *sw; });
//
// (The names stay in namespace io, where they were when this code lived in
// io/fast_scan.hpp, so no caller changes.)
//
// Threads. The data after the header is cut into N byte ranges. Thread k
// starts at the first line end after its nominal start s_k, speculating that
// this line end is outside quotes, and parses whole records until a record
// begins at or after s_(k+1); the offset of that record is the true boundary
// t_(k+1) (thread k started from a true boundary, so it knows the quote state
// exactly). After the join the boundaries are checked in order: where thread
// k+1's speculative start differs from t_(k+1) (a quoted line end near the
// cut), its partial result is thrown away and that range is parsed again from
// t_(k+1) on the calling thread. The result is therefore exactly the
// single-threaded one; a wrong guess costs time, never correctness. Each thread
// has its own dictionaries and sums; the merge remaps codes by their strings.
//
// Agreement with the rest of the library: fields are read by the parsers of
// io/fields.hpp that io/cbp.hpp uses, with the same rules and messages:
// fiscal years by `try_parse_cbp_fiscal_year` ("2019", "FY2019", "2025
// (FYTD)"), months by `try_parse_month_abbreviation` (JAN..DEC, any case),
// each once per distinct spelling (a spelling table caches the result by the
// raw bytes); counts by a fast path for plain digits (at most 18) and
// `try_parse_count` for everything else ("1,234" in quotes; no sign, no
// space). Sums are exact and checked (`overflow_error`). Dimension values are
// interned in a `dictionary` (dictionary.hpp) byte for byte, untrimmed, after
// un-doubling quotes, as io/csv.hpp gives them. A last record with no line end
// whose count is its last field, unquoted, is refused as cut short, as the
// CBP reader does (io/dialect.hpp).
//
// Repeated rows are summed here. The readers' loads and streams
// (io/record_table.hpp) refuse a row whose month and every dimension value
// repeat an earlier row's; this path projects only the columns it is given,
// so two rows that differ in a column it does not read look alike to it, and
// it cannot tell a repeat from two parts of one group. A file that may hold
// repeated rows (stacked or appended downloads) is checked once with
// io::for_each_cbp_record, or summed with it. The differential fuzz target
// (tests/fuzz/fuzz_dialect.cpp) compares this path with the reader record at
// a time, which does not check either, and the load with the stream.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "dense_group_sums.hpp"
#include "calendar.hpp"
#include "checked.hpp"
#include "detail/hash_index.hpp"
#include "dictionary.hpp"
#include "error.hpp"
#include "fiscal.hpp"
#include "io/dialect.hpp"
#include "io/fast_scan.hpp"
#include "io/record_table.hpp"
#include "io/fields.hpp"
#include "io/file.hpp"
#include "series.hpp"

namespace borderstats {
inline namespace v1 {
namespace io {

// ------------------------------------------------------------ ENCOUNTERS

/// The columns `sum_encounters` reads: a fiscal year (U.S. federal), a month
/// name, a count, and up to four dimensions to group by.
struct encounter_columns {
    std::string fiscal_year = "Fiscal Year";
    std::string month = "Month (abbv)";
    std::string count = "Encounter Count";
    std::vector<std::string> dimensions;
};

/// Sums of a count column by (month, one value of each dimension): the
/// result of `sum_encounters`. Dimension values get dense codes 0, 1, ... per
/// dimension; a *group* is one combination of codes seen in the data.
class encounter_sums {
public:
    encounter_sums() = default;
    explicit encounter_sums(std::size_t dimensions) : values_(dimensions) {}

    std::size_t dimension_count() const noexcept { return values_.size(); }
    /// Distinct values of dimension `d`: a dictionary whose codes are the
    /// codes in `group_codes`.
    const dictionary& values(std::size_t d) const { return values_.at(d); }
    /// The code of `value` in dimension `d`, if it occurs.
    std::optional<std::uint32_t> find(std::size_t d, std::string_view value) const {
        const auto code = values_.at(d).find(value);
        if (!code) return std::nullopt;
        return code->value;
    }

    /// The code of `value` in dimension `d`, checked by the rule of
    /// `basic_record_table::try_code` (io/record_table.hpp): empty with
    /// `failure` set, naming `source` and the dimension as `column`, when no
    /// row has exactly `value` or when values differing from it only in case
    /// or surrounding spaces exist. (This and `merge` are templates on
    /// nothing, so that a program that does not call them does not compile
    /// them: issue 14, compile time.)
    template <typename = void>
    std::optional<std::uint32_t> try_code(std::size_t d, std::string_view value, std::string_view source,
                                          std::string_view column, parse_failure& failure) const {
        std::vector<std::pair<std::string_view, std::string>> near;
        for (const std::string_view v : near_values(values_.at(d), value)) near.emplace_back(v, std::string());
        const auto exact = find(d, value);
        if (!io::detail::check_lookup(source, column, value, exact.has_value(), near, values_.at(d).names(), failure))
            return std::nullopt;
        return exact;
    }
    /// The throwing form of `try_code`: `lookup_error`.
    template <typename = void>
    std::uint32_t code(std::size_t d, std::string_view value, std::string_view source, std::string_view column) const {
        parse_failure failure;
        const auto c = try_code(d, value, source, column, failure);
        if (!c) borderstats::detail::raise(lookup_error(std::move(failure)));
        return *c;
    }
    template <typename = void>
    [[deprecated("use try_code(d, value, source, column, failure), which applies the same rule (borderstats 0.2)")]]
    std::optional<std::uint32_t> try_filter_code(std::size_t d, std::string_view value, std::string_view source,
                                                 std::string_view column, std::string& why) const {
        parse_failure failure;
        const auto c = try_code(d, value, source, column, failure);
        why = c ? std::string() : failure.describe();
        return c;
    }

    std::size_t group_count() const noexcept { return dimension_count() == 0 ? sums_.group_count() : groups_.size() / dimension_count(); }
    /// The `dimension_count()` codes of group `g`.
    const std::uint32_t* group_codes(std::size_t g) const noexcept { return groups_.data() + g * dimension_count(); }
    /// The sums by (group, month); a cell with no row is a gap.
    const dense_group_sums<std::int64_t>& sums() const noexcept { return sums_; }
    /// Data rows read.
    std::uint64_t rows() const noexcept { return rows_; }

    /// The sum over the groups for which `keep(codes)` is true, by month: a
    /// month is present when any kept group had a row in it; with
    /// `absent_rows::zero`, also (as 0) when the file has a row of another
    /// group in it, while a month with no row at all stays a gap (see
    /// aggregate.hpp).
    template <typename Keep>
    monthly_series<std::int64_t> total_by_month(Keep keep, absent_rows absent = absent_rows::gap) const {
        monthly_series<std::int64_t> out;
        bool kept = false;
        for (std::size_t g = 0; g < group_count(); ++g) {
            if (!keep(group_codes(g))) continue;
            kept = true;
            const monthly_series<std::int64_t> s = sums_.series(g);
            for (const auto& e : s)
                if (e.value) out.add(e.month, *e.value);
        }
        // As group_by: a filter that keeps no group gives no series, not zeros.
        if (!kept || absent == absent_rows::gap || sums_.months_range().empty()) return out;
        out.cover(sums_.months_range());
        for (const year_month m : sums_.months_range())
            if (!out.has_value(m) && (absent == absent_rows::zero_every_month || sums_.covers(m))) out.set(m, 0);
        return out;
    }

    /// Calls `f(year_month, const std::uint32_t* codes, std::int64_t sum)` for
    /// every (month, group) that had a row.
    template <typename F>
    void for_each(F f) const {
        for (std::size_t g = 0; g < group_count(); ++g) {
            const monthly_series<std::int64_t> s = sums_.series(g);
            for (const auto& e : s)
                if (e.value) f(e.month, group_codes(g), *e.value);
        }
    }

    /// Adds `other` into this, matching dimension values by their strings.
    template <typename Sums = encounter_sums>
    void merge(const Sums& other) {
        const std::size_t d = dimension_count();
        std::vector<std::vector<std::uint32_t>> remap(d);
        for (std::size_t k = 0; k < d; ++k)
            for (std::string_view v : other.values_[k].names()) remap[k].push_back(intern(k, v));
        std::vector<std::uint32_t> codes(d);
        for (std::size_t g = 0; g < other.group_count(); ++g) {
            for (std::size_t k = 0; k < d; ++k) codes[k] = remap[k][other.group_codes(g)[k]];
            const std::uint32_t mine = group_of(codes.data());
            const monthly_series<std::int64_t> s = other.sums_.series(g);
            for (const auto& e : s)
                if (e.value) sums_.add(mine, e.month, *e.value);
        }
        rows_ += other.rows_;
    }

    // ---- building (used by sum_encounters) ----

    /// The code of `value` in dimension `d`, added when new.
    std::uint32_t intern(std::size_t d, std::string_view value) { return values_[d].intern(value).value; }
    /// The group of a combination of codes, added when new.
    std::uint32_t group_of(const std::uint32_t* codes) {
        const std::size_t d = dimension_count();
        if (d == 0) return 0;
        std::uint64_t key = 0;
        for (std::size_t k = 0; k < d; ++k) key = key * 0x100000001B3ULL + codes[k] + 1;
        const std::uint64_t h = (key * 0x9E3779B97F4A7C15ULL) >> 17;
        const auto known = group_index_.find(h, [&](std::uint32_t g) noexcept {
            const std::uint32_t* codes_of_g = group_codes(g);
            std::size_t k = 0;
            while (k < d && codes_of_g[k] == codes[k]) ++k;
            return k == d;
        });
        if (known) return *known;
        groups_.reserve(groups_.size() + d);  // so that a failed insert leaves both as they were
        const std::uint32_t g = group_index_.insert(h);
        groups_.insert(groups_.end(), codes, codes + d);
        return g;
    }
    dense_group_sums<std::int64_t>& mutable_sums() noexcept { return sums_; }
    void add_rows(std::uint64_t n) noexcept { rows_ += n; }

private:
    std::vector<dictionary> values_;
    std::vector<std::uint32_t> groups_;  // dimension_count() codes per group
    borderstats::detail::hash_index group_index_;  // group by the hash of its codes
    dense_group_sums<std::int64_t> sums_;
    std::uint64_t rows_ = 0;
};

namespace detail {

/// One thread's state while summing: spelling tables and partial sums. A
/// class template on nothing (`encounter_worker` names it), so that its code
/// is compiled only where `sum_encounters` is called (issue 14, compile time).
template <typename = void>
class basic_encounter_worker {
public:
    explicit basic_encounter_worker(std::size_t dimensions) : sums(dimensions), dims_(dimensions), spellings_(dimensions) {}

    // Slots: 0 fiscal year, 1 month, 2 count, 3.. dimensions. Each field is
    // looked up by its raw bytes in a small table of its own (they stay in
    // the L1 cache); a spelling is parsed once, when first seen.
    bool operator()(const raw_field* f, projected_scanner::record_failure& failure) {
        const auto hfy = spelling_table<std::int32_t>::make_key(f[0]);
        const std::int32_t* fy = fy_.find(f[0], hfy);
        if (fy == nullptr) {
            std::string_view why = "expected a fiscal year within the supported years";
            const auto parsed = try_parse_cbp_fiscal_year(f[0].text(), &why);
            if (!parsed || !year_month::try_from_parts(parsed->year.number(), 1) ||
                !year_month::try_from_parts(parsed->year.number() - 1, 1)) {
                failure = {0, f[0].text(), std::string(why)};
                return false;
            }
            fy = &fy_.insert(f[0], hfy, parsed->year.first_month().index());
        }
        const auto hm = spelling_table<std::int32_t>::make_key(f[1]);
        const std::int32_t* mo = month_.find(f[1], hm);
        if (mo == nullptr) {
            std::string_view why;
            const auto m = try_parse_month_abbreviation(f[1].text(), &why);
            if (!m) {
                failure = {1, f[1].text(), std::string(why)};
                return false;
            }
            mo = &month_.insert(f[1], hm, (*m - us_federal::start_month + 12) % 12);
        }
        if (f[2].ends_input && !f[2].quoted) {  // a count with no line end after it: see io/dialect.hpp
            failure = {2, f[2].text(), csv_messages::cut_short("count")};
            return false;
        }
        const std::optional<std::int64_t> count = try_parse_count(f[2]);
        if (!count) {  // parsed again for the message, off the hot path
            std::string_view count_why;
            (void)try_parse_count(f[2], &count_why);
            failure = {2, f[2].text(), std::string(count_why)};
            return false;
        }
        // The span before the dimension values, in the CBP reader's order.
        const std::int32_t month = *fy + *mo;
        if (month < lo_ || month > hi_) {  // a month outside the span so far
            const std::string_view why = span_.check(year_month::from_index(month));
            if (!why.empty()) {
                failure = {0, f[0].text(), std::string(why)};
                span_failed_ = true;
                return false;
            }
            lo_ = std::min(lo_, month);
            hi_ = std::max(hi_, month);
        }
        std::uint32_t codes[4] = {0, 0, 0, 0};
        for (std::size_t k = 0; k < dims_; ++k) {
            const raw_field& d = f[3 + k];
            const auto h = spelling_table<std::uint32_t>::make_key(d);
            const std::uint32_t* c = spellings_[k].find(d, h);
            if (c == nullptr) {
                // A new spelling: checked as the readers check a dimension value.
                const std::string_view problem = dimension_text_problem(d.text());
                if (!problem.empty()) {
                    failure = {3 + k, d.text(), std::string(problem)};
                    return false;
                }
                c = &spellings_[k].insert(d, h, sums.intern(k, d.text()));
            }
            codes[k] = *c;
        }
        // The group of the codes: through a flat table while the codes are
        // small (the usual case), else through the sums' own hash table.
        std::uint32_t group = 0;
        if (dims_ > 0) {
            std::size_t cell = 0;
            bool small = true;
            for (std::size_t k = 0; k < dims_; ++k) {
                small = small && codes[k] < 64;
                cell = cell * 64 + codes[k];
            }
            if (small && dims_ <= 3) {
                if (cell >= flat_.size()) flat_.resize(std::size_t{1} << (6 * dims_), 0);
                std::uint32_t& slot = flat_[cell];
                if (slot == 0) slot = sums.group_of(codes) + 1;
                group = slot - 1;
            } else {
                group = sums.group_of(codes);
            }
        }
#if defined(BORDERSTATS_NO_EXCEPTIONS)
        sums.mutable_sums().add(group, year_month::from_index(month), *count);
#else
        try {  // an overflow is reported at the count that caused it (FILE:LINE:COLUMN)
            sums.mutable_sums().add(group, year_month::from_index(month), *count);
        } catch (const overflow_error& e) {
            failure = {2, f[2].text(), e.what()};
            overflowed = true;
            return false;
        }
#endif
        ++rows_;
        return true;
    }

    void finish() {
        sums.add_rows(rows_);
        rows_ = 0;
    }
    /// Whether the scan stopped at a month too far from the others of this
    /// range: the rows before the range may refuse an earlier row.
    bool span_failed() const noexcept { return span_failed_; }

    encounter_sums sums;
    bool overflowed = false;  // the failure is a sum that does not fit: overflow_error

private:
    std::size_t dims_;
    std::vector<spelling_table<std::uint32_t>> spellings_;
    spelling_table<std::int32_t> fy_;     // spelling -> index of the fiscal year's first month
    spelling_table<std::int32_t> month_;  // spelling -> months after the fiscal year's start
    std::vector<std::uint32_t> flat_;     // group + 1 by codes in base 64; 0 = not yet
    std::uint64_t rows_ = 0;
    month_span_guard span_;               // the months of this thread's range
    std::int32_t lo_ = std::numeric_limits<std::int32_t>::max();
    std::int32_t hi_ = std::numeric_limits<std::int32_t>::min();
    bool span_failed_ = false;
};
using encounter_worker = basic_encounter_worker<>;

}  // namespace detail

namespace detail {
inline std::vector<std::string> encounter_column_names(const encounter_columns& columns) {
    if (columns.dimensions.size() > 4) borderstats::detail::raise(error("sum_encounters: at most four dimensions"));
    std::vector<std::string> names{columns.fiscal_year, columns.month, columns.count};
    names.insert(names.end(), columns.dimensions.begin(), columns.dimensions.end());
    return names;
}

/// The body of `sum_encounters`: the scan on `threads` threads and the merge.
/// A template (on `projected_scanner` only) so that the threads, the workers
/// and the merge are compiled where a program calls `sum_encounters`, not in
/// every file that includes this header (issue 14, compile time).
template <typename Scanner>
encounter_sums sum_encounters_with(const Scanner& scanner, std::size_t dims, unsigned threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    const std::uint64_t begin = scanner.data_begin();
    const std::uint64_t size = scanner.input_size();
    // Small inputs are not worth a thread.
    if (size - begin < std::uint64_t{1} << 20) threads = 1;

    struct part {
        std::uint64_t start = 0;  // where the worker began (a guessed boundary)
        std::uint64_t next = 0;   // the true boundary after its range
        bool ok = false;
        detail::fast_failure failure;
        std::exception_ptr error;
        std::unique_ptr<detail::encounter_worker> worker;
    };
    std::vector<part> parts(threads);
    std::vector<std::uint64_t> cuts(threads + 1);
    for (unsigned k = 0; k <= threads; ++k) cuts[k] = begin + (size - begin) * k / threads;
    cuts[threads] = ~std::uint64_t{0};

    const auto run = [&](unsigned k, std::uint64_t start) {
        part& p = parts[k];
        p.start = start;
        p.error = nullptr;
        const auto work = [&] {
            p.worker = std::make_unique<detail::encounter_worker>(dims);
            p.ok = scanner.try_scan(*p.worker, start, cuts[k + 1], p.next, p.failure);
            p.worker->finish();
        };
#if defined(BORDERSTATS_NO_EXCEPTIONS)
        work();  // without exceptions an overflow aborts where it happens (error.hpp)
#else
        try {
            work();
        } catch (...) {  // overflow_error, bad_alloc: rethrown on the calling thread
            p.error = std::current_exception();
        }
#endif
    };
    {
        std::vector<std::thread> pool;
        for (unsigned k = 1; k < threads; ++k)
            pool.emplace_back([&, k] { run(k, scanner.guess_boundary(cuts[k])); });
        run(0, begin);
        for (auto& t : pool) t.join();
    }
    // Check the guessed starts in order; redo a range whose guess was wrong.
    for (unsigned k = 0; k < threads; ++k) {
        if (k > 0 && parts[k].start != parts[k - 1].next) run(k, parts[k - 1].next);
        if (parts[k].error) std::rethrow_exception(parts[k].error);
        // A later range saw only its own months: the row a sequential read
        // refuses for the span may come earlier; one thread finds it.
        if (!parts[k].ok && k > 0 && parts[k].worker->span_failed()) return sum_encounters_with(scanner, dims, 1);
        if (!parts[k].ok) {
            parse_error e = scanner.failure_to_error(parts[k].failure);
            if (parts[k].worker && parts[k].worker->overflowed) borderstats::detail::raise(overflow_error(e.what()));
            borderstats::detail::raise(std::move(e));
        }
    }
    // Each thread checked the span of its own range; when together they span
    // more than max_month_span, one thread finds the row a sequential read
    // refuses (only on such hostile input), so the error is the same.
    std::int32_t lo = std::numeric_limits<std::int32_t>::max();
    std::int32_t hi = std::numeric_limits<std::int32_t>::min();
    for (const part& p : parts) {
        const month_range span = p.worker->sums.sums().months_range();
        if (span.empty()) continue;
        lo = std::min(lo, span.front().index());
        hi = std::max(hi, span.back().index());
    }
    if (threads > 1 && lo <= hi && std::int64_t{hi} - lo + 1 > max_month_span)
        return sum_encounters_with(scanner, dims, 1);
    encounter_sums result = std::move(parts[0].worker->sums);
    for (unsigned k = 1; k < threads; ++k) result.merge(parts[k].worker->sums);
    return result;
}

}  // namespace detail

/// Sums `columns.count` by (month, dimension values) over every record of the
/// CSV file at `path`, on `threads` threads (0 = as many as the hardware has).
/// The month is the U.S. federal fiscal year's month named by the month
/// column. Throws `parse_error` (file, line, column, field) on bad input and
/// `overflow_error` when a sum does not fit 64 bits (its message starts with
/// FILE:LINE:COLUMN: of the count that made it overflow, except when only the
/// per-thread sums together overflow). The result does not
/// depend on the number of threads, except for the order of codes.
/// (A template on nothing, as `sum_encounters_text`, for the reason
/// `detail::sum_encounters_with` gives.)
template <typename = void>
encounter_sums sum_encounters(const io::file_path& path, const encounter_columns& columns,
                              unsigned threads = 1,
                              std::size_t chunk_size = projected_scanner::default_chunk_size) {
    const projected_scanner scanner(path, detail::encounter_column_names(columns), csv_options{}, chunk_size);
    return detail::sum_encounters_with(scanner, columns.dimensions.size(), threads);
}

/// As `sum_encounters`, over `text` in memory, named `source_name` in errors.
template <typename = void>
encounter_sums sum_encounters_text(std::string_view text, std::string source_name,
                                   const encounter_columns& columns, unsigned threads = 1,
                                   csv_options options = {}) {
    const projected_scanner scanner(text, std::move(source_name), detail::encounter_column_names(columns), options);
    return detail::sum_encounters_with(scanner, columns.dimensions.size(), threads);
}


}  // namespace io
}  // namespace v1
}  // namespace borderstats
