// Shared by the CBP and BTS fuzz targets: what a reader made of an input (the
// records, or the failure that stopped it), drained the same way for every
// reader so that the buffer and the stream forms can be compared exactly.
#pragma once

#include <borderstats/error.hpp>
#include <borderstats/io/csv.hpp>

#include <utility>  // std::declval, std::move
#include <vector>

#include "fuzz_common.hpp"

namespace fuzz {

inline bool same_failure(const borderstats::parse_failure& a, const borderstats::parse_failure& b) {
    return a.where.line == b.where.line && a.where.column == b.where.column && a.field == b.field &&
           a.text == b.text && a.message == b.message;
}

template <typename Copy>
struct record_outcome {
    std::vector<Copy> records;
    bool failed = false;
    borderstats::parse_failure failure;
    bool operator==(const record_outcome& o) const {
        return records == o.records && failed == o.failed && (!failed || same_failure(failure, o.failure));
    }
};

/// Every record of `reader`, each checked and copied by `copy(record,
/// dimensions)`. A failure must carry a message and a line, and must stay:
/// asking again gives the same failure, never a record after it.
template <typename Record, typename Reader, typename CopyRecord>
auto drain_records(Reader& reader, CopyRecord copy)
    -> record_outcome<decltype(copy(std::declval<const Record&>(), reader.dimensions()))> {
    record_outcome<decltype(copy(std::declval<const Record&>(), reader.dimensions()))> out;
    Record r;
    for (;;) {
        borderstats::parse_failure failure;
        const borderstats::io::csv_status s = reader.try_next(r, failure);
        if (s == borderstats::io::csv_status::end_of_input) return out;
        if (s == borderstats::io::csv_status::error) {
            out.failed = true;
            out.failure = failure;
            FUZZ_CHECK(!failure.message.empty());
            FUZZ_CHECK(failure.where.line >= 1);
            borderstats::parse_failure again;
            FUZZ_CHECK(reader.try_next(r, again) == borderstats::io::csv_status::error);
            FUZZ_CHECK(again.where.line == failure.where.line && again.message == failure.message);
            return out;
        }
        FUZZ_CHECK(r.line >= 2);
        out.records.push_back(copy(r, reader.dimensions()));
    }
}

}  // namespace fuzz
