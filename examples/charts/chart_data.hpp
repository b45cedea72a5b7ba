// examples/charts/chart_data.hpp: the little the chart examples need to read
// the bundled CSV files, on top of borderstats/io/csv.hpp.
//
// TODO: use borderstats/io/cbp.hpp for the CBP encounter file once it is
// committed; until then the (fiscal year, "OCT") -> month mapping is done here
// with fiscal_year<us_federal>::month_of, which is what that reader will do.
#pragma once

#include <borderstats/calendar.hpp>
#include <borderstats/error.hpp>
#include <borderstats/fiscal.hpp>
#include <borderstats/io/csv.hpp>

#include <charconv>
#include <fstream>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace chart_data {

/// The fields of one record, looked up by the column names asked for.
struct row {
    const borderstats::io::csv_record* record;
    const std::vector<std::size_t>* index;
    std::string_view operator[](std::size_t i) const { return (*record)[(*index)[i]]; }
};

/// Calls `fn(row)` for every record of the CSV file at `path`, with
/// `row[i]` the field of the i-th of `columns` (found by header name).
template <typename Fn>
void for_each_row(const std::string& path, std::initializer_list<std::string_view> columns, Fn fn) {
    auto reader = borderstats::io::csv_stream_reader::open(path);
    borderstats::io::csv_record record;
    if (!reader.next(record)) throw borderstats::error(path + ": empty file");
    const borderstats::io::csv_header header(record, path);
    std::vector<std::size_t> index;
    for (std::string_view c : columns) {
        const auto i = header.find(c);
        if (!i) throw borderstats::error(path + ": no column '" + std::string(c) + "'");
        index.push_back(*i);
    }
    while (reader.next(record)) fn(row{&record, &index});
}

/// A whole number, or empty for an empty field; throws on anything else.
inline std::optional<std::int64_t> count(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::int64_t v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc{} || r.ptr != text.data() + text.size())
        throw borderstats::error("not a whole number: '" + std::string(text) + "'");
    return v;
}

/// The civil month of CBP's (fiscal year, "OCT") pair.
inline borderstats::year_month cbp_month(std::string_view fiscal_year, std::string_view month_abbv) {
    const auto fy = borderstats::parse_fiscal_year<borderstats::us_federal>(fiscal_year).year;
    return fy.month_of(borderstats::parse_month_name(month_abbv));
}

/// Writes `text` to `path`; throws when the file cannot be written.
inline void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw borderstats::error("cannot write " + path);
}

}  // namespace chart_data
