// may_2019_statement: checks a real statement, figure by figure.
//
// In June 2019 the White House said: "In May, 144,278 individuals were
// apprehended or deemed inadmissible along the southern border, a 32% increase
// over the previous month, the third straight month with at least 100,000
// apprehensions or inadmissibles; more than 680,000 this fiscal year, more
// than the entire population of Miami."
//
// For each claim this program prints the figure CBP had published when the
// statement was made (its May-data release of 2019-06-05), the later revised
// figure where one exists, and a verdict: supported, not supported, or cannot
// be checked (with why). The figures come from the release vintages file, read
// into a release history (borderstats/releases.hpp: every figure says which
// release gave it), and Miami's population from its own data file, both in
// examples/data with their sources (examples/data/SOURCES.md). Every verdict
// is the claims engine's (borderstats/claims.hpp) on the same statement written
// as a claims file, examples/claims/june_2019_statement.claims; this program
// adds the prose around it. `check_claims` on that file prints the engine's
// own table.
//
// Usage: may_2019_statement [DATA_DIR [CLAIMS_FILE]]   (default examples/data)
// Exit status 0; 1 on bad input or output that cannot be written; 2 on a
// usage error (examples/common/program.hpp).
#include <borderstats/borderstats.hpp>
#include <borderstats/io/claims_data.hpp>
#include <borderstats/io/csv.hpp>
#include <borderstats/io/vintages.hpp>
#include <borderstats/releases.hpp>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "common/program.hpp"

namespace bs = borderstats;
namespace io = borderstats::io;
using history = bs::release_history<std::int64_t>;

namespace {

constexpr example::program_info program{"may_2019_statement", "usage: may_2019_statement [DATA_DIR [CLAIMS_FILE]]"};

enum class verdict { supported, not_supported, cannot_check };

const char* to_text(verdict v) {
    switch (v) {
        case verdict::supported: return "SUPPORTED";
        case verdict::not_supported: return "NOT SUPPORTED";
        default: return "CANNOT BE CHECKED";
    }
}

/// The engine's verdict "as known then" on claim `i` of the claims file.
verdict engine_verdict(const std::vector<bs::claim_result>& results, std::size_t i) {
    switch (results.at(i).then.result) {
        case bs::verdict::supported: return verdict::supported;
        case bs::verdict::not_supported: return verdict::not_supported;
        default: return verdict::cannot_check;
    }
}

void report(int number, const std::string& claim, const std::string& at_the_time, const std::string& revised,
            verdict v, const std::string& why) {
    std::printf("Claim %d: \"%s\"\n", number, claim.c_str());
    std::printf("  as published in June 2019: %s\n", at_the_time.c_str());
    std::printf("  later revised:             %s\n", revised.c_str());
    std::printf("  verdict: %s. %s\n\n", to_text(v), why.c_str());
}

// "144,278 (2019-06-05)": a figure and the day its release was published.
std::string describe(const std::optional<bs::release_figure<std::int64_t>>& f) {
    if (!f) return "not published";
    std::string out = bs::format_count(f->value) + " (" + f->published.to_string();
    if (f->derived) out += ", apprehensions + inadmissibles";
    return out + ")";
}

// A sum a release printed as such: "977,509 (2019-10-29)".
std::string describe(const std::optional<bs::release_sum<std::int64_t>>& s, const history& h) {
    if (!s) return "not published";
    return bs::format_count(s->value) + " (" + h.releases().at(s->releases.back()).published.to_string() + ")";
}

// Revisions published after `after`, as "144,255 (2019-09-09), 144,116 (2019-11-14)".
std::string revisions_after(const history& h, bs::year_month m, bs::civil_date after) {
    std::string out;
    for (const auto& r : h.revisions(m))
        if (after < r.figure.published.date) out += (out.empty() ? "" : ", ") + describe(r.figure);
    return out.empty() ? "no later figure published" : out;
}

struct population_estimate {
    std::int64_t population = 0;
    std::string as_of;
    std::string vintage;
};

// The latest estimate of Miami's population dated before the statement.
population_estimate miami_population(const std::string& path, const std::string& before) {
    auto csv = io::csv_stream_reader::open(path);
    io::csv_record record;
    csv.next(record);
    const io::csv_header header(record, path);
    const auto as_of_column = header.find("estimate_as_of");
    const auto population_column = header.find("population");
    const auto vintage_column = header.find("vintage");
    if (!as_of_column || !population_column || !vintage_column)
        throw bs::error(path + ": expected columns estimate_as_of, population and vintage");
    population_estimate best;
    while (csv.next(record)) {
        const std::string as_of(record[*as_of_column]);
        if (as_of >= before || as_of < best.as_of) continue;  // ISO dates compare as text
        const auto count = io::try_parse_count(record[*population_column]);
        if (!count)
            throw bs::parse_error(path, record.line_of(*population_column), record.column_of(*population_column),
                                  "population", record[*population_column], "expected a whole number");
        best = {*count, as_of, std::string(record[*vintage_column])};
    }
    return best;
}

// Claim 3: the run of months at or above 100,000 ending in May, as published
// then (`total`), and the lowest figure any release gave for its months.
void report_streak(const history& totals, const bs::monthly_series<std::int64_t>& total, bs::year_month may,
                   const std::vector<bs::claim_result>& engine) {
    const int run = bs::streak_at_least(total, may, 100'000);
    auto month_text = [&](bs::year_month m) {
        const auto value = total.at(m);
        return bs::to_long_string(m) + " " + (value ? bs::format_count(*value) : std::string("not published"));
    };
    std::string months;
    for (bs::year_month m = may - bs::months{run - 1}; run > 0 && m <= may; ++m)
        months += (months.empty() ? "" : ", ") + month_text(m);
    months = run > 0 ? std::to_string(run) + " straight month(s) at or above 100,000: " + months + "; before them " +
                           month_text(may - bs::months{run})
                     : "no run: " + month_text(may);
    // Would any later revision move one of these months below 100,000?
    std::optional<std::int64_t> lowest_ever;
    for (bs::year_month m = may - bs::months{run - 1}; run > 0 && m <= may; ++m)
        for (const auto& r : totals.revisions(m))
            if (!lowest_ever || r.figure.value < *lowest_ever) lowest_ever = r.figure.value;
    const std::string revised =
        lowest_ever ? "the lowest figure any release gave for these months is " + bs::format_count(*lowest_ever) +
                          (*lowest_ever >= 100'000 ? ", still at least 100,000" : ", below 100,000")
                    : "no figures";
    const verdict v = engine_verdict(engine, 2);
    report(3, "the third straight month with at least 100,000 apprehensions or inadmissibles",
           months, revised, v,
           run == 3         ? "May is the third month in a row at or above 100,000."
           : !total.at(may) ? "May's total was not published by then."
                            : "the run is not three months long.");
}

}  // namespace

int main(int argc, char** argv) try {
    const auto args = example::plain_arguments(argc, argv, 2);
    const std::string dir = args.empty() ? "examples/data" : args[0];
    const std::vector<bs::claim_result> engine =
        io::check_claims_file(args.size() > 1 ? args[1] : dir + "/../claims/june_2019_statement.claims");
    // Southwest border totals (apprehensions + inadmissibles), release by release.
    const history totals = io::load_release_vintages_file(dir + "/cbp_southwest_border_fy2017_fy2019_release_vintages.csv")
                               .history(bs::vintage_measure::total);

    // The statement used CBP's May-data release of 2019-06-05.
    const bs::civil_date statement_release{2019, 6, 5};
    const bs::year_month may{2019, 5};
    const bs::year_month april = may - bs::months{1};
    const auto then = totals.as_of(statement_release);
    const auto& total = then.series();

    std::printf("The June 2019 statement, checked against CBP's Southwest border releases\n");
    std::printf("(as published on %s, the release the statement used, and as revised later)\n\n",
                statement_release.to_string().c_str());

    // 1. The May figure.
    const auto may_then = totals.as_of(may, statement_release);
    const auto may_final = totals.latest(may);
    {
        const bool matches = may_then && may_then->value == 144'278;
        std::string why = !may_then ? "CBP had published no May total by " + statement_release.to_string()
                          : matches ? "CBP's release gave exactly this figure"
                                    : "CBP's release gave a different figure";
        if (may_final && may_then && may_final->value != may_then->value)
            why += "; CBP later revised it to " + bs::format_count(may_final->value) + " (" +
                   bs::format_count(may_final->value > may_then->value ? may_final->value - may_then->value
                                                                       : may_then->value - may_final->value) +
                   (may_final->value > may_then->value ? " more)" : " fewer)");
        report(1, "In May, 144,278 individuals were apprehended or deemed inadmissible along the southern border",
               describe(may_then), revisions_after(totals, may, statement_release),
               engine_verdict(engine, 0), why + ".");
    }

    // 2. The increase over April.
    {
        const auto april_then = totals.as_of(april, statement_release);
        const auto april_first = totals.first_published(april);
        const auto change = bs::month_over_month(total, may);
        std::string at_the_time = "n/a";
        verdict v = verdict::cannot_check;
        std::string why = std::string(total.at(may) ? "April" : "May") + "'s total was not published by then";
        if (change) {
            const auto rounded = change->rounded_percent_change(0);
            at_the_time = bs::format_percent(change->rounded_percent_change(1), 1) + " (April " + describe(april_then) +
                          " to May " + bs::format_count(change->to) + ")";
            v = engine_verdict(engine, 1);
            why = "rounded half away from zero, " + bs::format_percent(change->rounded_percent_change(1), 1) + " is " +
                  bs::format_percent(rounded);
            if (april_first && april_first->value != change->from) {
                const auto first = bs::make_change(april_first->value, change->to);
                why += "; against April as first published (" + describe(april_first) + ") it is " +
                       bs::format_percent(first.rounded_percent_change(1), 1) + ", also " +
                       bs::format_percent(first.rounded_percent_change(0));
            }
        }
        const auto april_final = totals.latest(april);
        const std::string revised =
            april_final && april_final->published.date > statement_release
                ? "April " + describe(april_final)
                : "cannot be recomputed: no revised April total was published after " + statement_release.to_string();
        report(2, "a 32% increase over the previous month", at_the_time, revised, v, why + ".");
    }

    report_streak(totals, total, may, engine);  // 3. The streak.

    // 4. The fiscal year to date.
    std::optional<std::int64_t> fytd_then;
    {
        // The months published by then do not cover October-May, so this is
        // the total CBP printed for it (release_sum::printed_total).
        const auto fytd = then.fiscal_year_to_date<bs::us_federal>(may);
        if (fytd) fytd_then = fytd->value;
        const auto fy = bs::fiscal_year<bs::us_federal>::containing(may);
        const auto from_months = total.sum_reported(fy.first_month(), may);
        std::string at_the_time =
            !fytd ? "not published"
                  : bs::format_count(fytd->value) +
                        (fytd->printed_total ? " (CBP's own October-May total, " : " (the sum of the months, ") +
                        totals.releases().at(fytd->releases.back()).published.to_string() + ")";
        at_the_time += "; the monthly totals published by then cover " + std::to_string(from_months.months_reported) +
                       " of the " + std::to_string(from_months.months_reported + from_months.months_missing) +
                       " months";
        verdict v = verdict::cannot_check;
        std::string why = "CBP published no October-May total by then";
        if (fytd) {
            v = engine_verdict(engine, 3);
            why = fytd->value > 680'000
                      ? "CBP's figure is above 680,000"
                      : "CBP's own May release gives " + bs::format_count(fytd->value) + " for October-May, " +
                            bs::format_count(680'000 - fytd->value) +
                            " short of 680,000; no CBP figure found reproduces 680,000";
        }
        report(4, "more than 680,000 this fiscal year", at_the_time,
               "cannot be recomputed: final monthly totals for FY2019 were published only for May and September "
               "(the FY2019 total, " +
                   describe(totals.latest().fiscal_year_total(fy), totals) + ")",
               v, why + ".");
    }

    // 5. Miami.
    {
        const auto miami = miami_population(dir + "/miami_population.csv", "2019-06-01");
        std::string at_the_time = "Miami " + bs::format_count(miami.population) + " (" + miami.vintage + ", as of " +
                                  miami.as_of + ")";
        verdict v = verdict::cannot_check;
        std::string why = "no fiscal-year-to-date figure to compare";
        if (fytd_then && miami.population > 0) {
            const double ratio = static_cast<double>(*fytd_then) / static_cast<double>(miami.population);
            v = engine_verdict(engine, 4);
            why = "CBP's " + bs::format_count(*fytd_then) + " is " + bs::format_number(ratio, 2) +
                  " times Miami's population, so the statement's larger 680,000 exceeds it too";
        }
        report(5, "more than the entire population of Miami", at_the_time,
               "not applicable: the latest estimate published before the statement is used", v, why + ".");
    }
    return example::finish(program);
} catch (...) {
    return example::failed(program);
}
