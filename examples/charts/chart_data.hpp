// examples/charts/chart_data.hpp: what the chart examples share to read the
// small derived CSV files that have no reader of their own in the library
// (the USBP sector file, the final USBP figures). Writing the SVG is
// examples/common/program.hpp's write_file, as for every example.
//
// The CBP encounter file and the release vintages file are read by
// io::load_cbp_file and io::load_release_vintages_file; these helpers are for
// the rest, on top of io::csv_stream_reader and io::csv_header, with the
// library's field parsers (io/fields.hpp): counts by io::try_parse_count
// (digits only: no sign, spaces or decimals), fiscal years by
// io::try_parse_cbp_fiscal_year, months by io::try_parse_month_abbreviation.
// Every error is a parse_error naming the file, line, column and field.
#pragma once

#include <borderstats/calendar.hpp>
#include <borderstats/error.hpp>
#include <borderstats/fiscal.hpp>
#include <borderstats/io/csv.hpp>
#include <borderstats/io/fields.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace chart_data {

namespace bs = borderstats;
namespace io = borderstats::io;

/// One data row of a CSV file, its fields found by column name.
class row {
public:
    row(const std::string& path, const io::csv_record& record, const std::vector<std::size_t>& index,
        const std::vector<std::string>& names)
        : path_(path), record_(record), index_(index), names_(names) {}

    /// The field of the i-th column asked for.
    std::string_view operator[](std::size_t i) const { return record_[index_[i]]; }

    /// The i-th column as a count; an error unless it is one.
    std::int64_t count(std::size_t i) const {
        std::string_view why;
        if (const auto v = io::try_parse_count((*this)[i], &why)) return *v;
        throw error_at(i, why);
    }

    /// The civil month of a (U.S. federal fiscal year, "OCT") pair of columns.
    bs::year_month month(std::size_t fy_column, std::size_t month_column) const {
        std::string_view why;
        const auto fy = io::try_parse_cbp_fiscal_year((*this)[fy_column], &why);
        if (!fy) throw error_at(fy_column, why);
        const auto m = io::try_parse_month_abbreviation((*this)[month_column], &why);
        if (!m) throw error_at(month_column, why);
        return fy->year.month_of(*m);
    }

    /// A parse_error at the i-th column's field of this row.
    bs::parse_error error_at(std::size_t i, std::string_view message) const {
        const std::size_t f = index_[i];
        return bs::parse_error(path_, record_.line_of(f), record_.column_of(f), names_[i], record_[f],
                               std::string(message));
    }

private:
    const std::string& path_;
    const io::csv_record& record_;
    const std::vector<std::size_t>& index_;
    const std::vector<std::string>& names_;
};

namespace detail {
inline std::string width_message(std::size_t want, std::size_t have) {
    return "expected " + std::to_string(want) + " fields as in the header, found " + std::to_string(have);
}
/// Bytes field `i` takes in the file: its quotes, and each quote inside it twice.
inline std::size_t written_width(const io::csv_record& record, std::size_t i) {
    const std::string_view v = record[i];
    if (!record.was_quoted(i)) return v.size();
    std::size_t n = v.size() + 2;
    for (char c : v) n += c == '"' ? 1 : 0;
    return n;
}
}  // namespace detail

/// Calls `fn(row)` for every data row of the CSV file at `path`, with
/// `row[i]` the field of the i-th of `columns`, found by header name. A
/// missing column, a row whose width differs from the header's, and
/// malformed CSV are parse_errors.
template <typename Fn>
void for_each_row(const std::string& path, std::initializer_list<std::string_view> columns, Fn fn) {
    auto reader = io::csv_stream_reader::open(path);
    io::csv_record record;
    if (!reader.next(record)) throw bs::parse_error(path, 1, 1, "", "", "expected a header line, found an empty file");
    const io::csv_header header(record, path);
    std::vector<std::size_t> index;
    std::vector<std::string> names;
    for (std::string_view c : columns) {
        const auto i = header.find(c);
        if (!i) throw bs::parse_error(path, record.line(), 1, std::string(c), "", "expected a column '" + std::string(c) + "'");
        index.push_back(*i);
        names.emplace_back(c);
    }
    while (reader.next(record)) {
        if (record.size() > header.size())  // at the first extra field, which has no column name
            throw bs::parse_error(path, record.line_of(header.size()), record.column_of(header.size()), "",
                                  record[header.size()], detail::width_message(header.size(), record.size()));
        if (record.size() < header.size()) {  // just past the last field, naming the first missing column
            const std::size_t last = record.size() - 1;
            throw bs::parse_error(path, record.line_of(last), record.column_of(last) + detail::written_width(record, last),
                                  header.name(record.size()), "",
                                  detail::width_message(header.size(), record.size()) + ": the row ends before this column");
        }
        fn(row(path, record, index, names));
    }
}

}  // namespace chart_data
