// Fuzz target: the release-vintages reader (borderstats/io/vintages.hpp) and
// its queries.
//
// Invariants:
// - the try_ and throwing loaders agree, only parse_error is thrown, and a
//   stream read in tiny chunks gives the same rows and failure as the buffer;
// - every row is consistent: at least one figure, none negative, total =
//   apprehensions + inadmissibles when all three are known, the period lies in
//   the row's fiscal year;
// - the queries never throw on what was read: revisions come in publication
//   order, first_published/latest are their ends, as_published_on on the
//   last publication date agrees with as_of month by month, and compare
//   between the first and last dates gives exact differences; history(measure)
//   never conflicts and its latest figures are the rows' latest.
#include <borderstats/io/vintages.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_common.hpp"

using namespace borderstats;
using namespace borderstats::io;

namespace {

bool same_rows(const release_vintages& a, const release_vintages& b) {
    if (a.rows().size() != b.rows().size()) return false;
    for (std::size_t i = 0; i < a.rows().size(); ++i) {
        const vintage_row& x = a.rows()[i];
        const vintage_row& y = b.rows()[i];
        if (x.period != y.period || x.figures != y.figures || x.total_derived != y.total_derived ||
            x.published.date != y.published.date || x.published.day_known != y.published.day_known ||
            x.vintage != y.vintage || x.source_id != y.source_id || x.line != y.line)
            return false;
    }
    return true;
}

void check_queries(const release_vintages& v) {
    if (v.rows().empty()) return;
    civil_date first = v.rows().front().published.date;
    civil_date last = first;
    for (const vintage_row& r : v.rows()) {
        const bool any = r.figures[0] || r.figures[1] || r.figures[2];
        FUZZ_CHECK(any);
        for (const auto& f : r.figures)
            if (f) FUZZ_CHECK(*f >= 0);
        if (r.figures[0] && r.figures[1] && r.figures[2]) FUZZ_CHECK(*r.figures[0] + *r.figures[1] == *r.figures[2]);
        FUZZ_CHECK(!r.total_derived || (r.figures[0] && r.figures[1]));
        if (r.published.date < first) first = r.published.date;
        if (last < r.published.date) last = r.published.date;
    }
    for (vintage_measure m : vintage_all_measures) {
        for (const vintage_row& r : v.rows()) {
            const auto revisions = v.revisions(r.period, m);
            for (std::size_t i = 1; i < revisions.size(); ++i)
                FUZZ_CHECK(!(revisions[i].published.date < revisions[i - 1].published.date));
            const auto first_figure = v.first_published(r.period, m);
            const auto latest = v.latest(r.period, m);
            FUZZ_CHECK(first_figure.has_value() == !revisions.empty());
            FUZZ_CHECK(latest.has_value() == !revisions.empty());
            if (!revisions.empty()) {
                FUZZ_CHECK(first_figure->row == revisions.front().row);
                FUZZ_CHECK(latest->row == revisions.back().row);
                const auto as_of_last = v.as_of(r.period, m, last);
                FUZZ_CHECK(as_of_last && as_of_last->row == latest->row);
            }
        }
        const auto snapshot = v.as_published_on(last, m);
        for (const auto& e : snapshot) {
            const auto expected = v.as_of(e.month, m, last);
            FUZZ_CHECK(e.value.has_value() == expected.has_value());
            if (e.value) FUZZ_CHECK(*e.value == expected->value);
        }
        // One model: the release history agrees with the rows (and never
        // conflicts: the reader refuses two same-day figures of one period).
        const auto history = v.history(m);
        for (const vintage_row& r : v.rows()) {
            if (r.period.kind != vintage_period_kind::month) continue;
            const auto from_rows = v.latest(r.period, m);
            const auto from_history = history.latest(r.period.through);
            FUZZ_CHECK(from_rows.has_value() == from_history.has_value());
            if (from_rows) FUZZ_CHECK(from_rows->value == from_history->value);
        }
        for (const vintage_change& c : v.compare(first, last, m)) {
            FUZZ_CHECK(c.before || c.after);
            if (c.before && c.after) FUZZ_CHECK(*c.difference == c.after->value - c.before->value);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = 1 + (data[0] & 31);
    const std::string_view text = fuzz::as_text(data + 1, size - 1);

    parse_failure failure;
    const auto vintages = try_load_release_vintages(text, "<fuzz>", failure);
    FUZZ_CHECK(fuzz::only_parse_errors([&] { (void)load_release_vintages(text, "<fuzz>"); }) == vintages.has_value());
    if (!vintages) {
        FUZZ_CHECK(!failure.message.empty());
        FUZZ_CHECK(failure.where.line >= 1);
    }

    std::istringstream in{std::string(text)};
    parse_failure stream_failure;
    const auto streamed =
        io::detail::try_load_vintages_from(csv_stream_reader{in, "<fuzz>", {}, chunk}, stream_failure);
    FUZZ_CHECK(streamed.has_value() == vintages.has_value());
    if (vintages) {
        FUZZ_CHECK(same_rows(*vintages, *streamed));
        check_queries(*vintages);
    } else {
        FUZZ_CHECK(stream_failure.where.line == failure.where.line &&
                   stream_failure.where.column == failure.where.column && stream_failure.message == failure.message);
    }
    return 0;
}
