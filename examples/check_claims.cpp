// check_claims: checks every claim of a claims file against the releases it
// names, as known the day the statement was made and as known now.
//
// Usage: check_claims [--format text|markdown|csv|json] FILE.claims
//
// FILE `-` reads the claims file from standard input (data paths are then
// relative to the working folder). A claims file holds at most 16 MiB of
// text; a directory, a control byte such as NUL, or more is an error.
//
// A claims file is plain text (docs/CLAIMS.md); examples/claims/ holds real
// statements. Exit status: 0 when the file was read and every claim
// evaluated, whatever the verdicts; 1 on a malformed claims file or a data
// error (printed as FILE:LINE:COLUMN: message); 2 on a usage error.
#include <borderstats/io/claims_data.hpp>
#include <borderstats/output/claims.hpp>

#include "common/program.hpp"

#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bs = borderstats;

namespace {

constexpr example::program_info program{"check_claims", "usage: check_claims [--format text|markdown|csv|json] FILE.claims"};

}  // namespace

int main(int argc, char** argv) try {
    std::string format = "text";
    std::string path;
    example::single_options given;  // --format twice: a usage error
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--format") {
            format = given.value(i, argc, argv);
            if (format != "text" && format != "markdown" && format != "csv" && format != "json")
                throw example::usage_error("--format is text, markdown, csv or json");
        } else if (arg.size() > 1 && arg[0] == '-') {
            throw example::usage_error("unknown option " + std::string(arg));
        } else if (path.empty()) {
            path = std::string(arg);
        } else {
            throw example::usage_error("one claims file at a time");
        }
    }
    if (path.empty()) throw example::usage_error("no claims file given");

    bs::parse_failure failure;
    std::optional<std::vector<bs::claim_result>> results;
    if (path == "-") {
        if (const auto claims = bs::try_load_claims(stdin, "<stdin>", {}, failure))
            results = bs::io::try_check_claims(*claims, failure);
    } else {
        results = bs::io::try_check_claims_file(path, failure);
    }
    if (!results) {
        std::fprintf(stderr, "%s\n", failure.describe().c_str());
        return 1;
    }
    const std::string out = format == "json"       ? bs::to_json(*results)
                            : format == "csv"      ? bs::to_csv(*results)
                            : format == "markdown" ? bs::to_markdown(*results)
                                                   : bs::to_text(*results);
    if (results->empty() && format == "text") std::printf("%s: no claim lines\n", path.c_str());
    std::fputs(out.c_str(), stdout);
    return example::finish(program);  // 1 when standard output could not be written
} catch (...) {
    return example::failed(program);
}
