// check_claims: checks every claim of a claims file against the releases it
// names, as known the day the statement was made and as known now.
//
// Usage: check_claims [--format text|markdown|csv|json] FILE.claims
//
// A claims file is plain text (docs/CLAIMS.md); examples/claims/ holds real
// statements. Exit status: 0 when the file was read and every claim
// evaluated, whatever the verdicts; 1 on a malformed claims file or a data
// error (printed as FILE:LINE:COLUMN: message); 2 on a usage error.
#include <borderstats/io/claims_data.hpp>
#include <borderstats/output/claims.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

namespace bs = borderstats;

namespace {

int usage(const char* why) {
    std::fprintf(stderr, "check_claims: %s\nusage: check_claims [--format text|markdown|csv|json] FILE.claims\n", why);
    return 2;
}

}  // namespace

int main(int argc, char** argv) try {
    std::string format = "text";
    std::string path;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--format") {
            if (i + 1 >= argc) return usage("--format needs a value");
            format = argv[++i];
            if (format != "text" && format != "markdown" && format != "csv" && format != "json")
                return usage("--format is text, markdown, csv or json");
        } else if (arg.size() > 1 && arg[0] == '-') {
            return usage(("unknown option " + std::string(arg)).c_str());
        } else if (path.empty()) {
            path = std::string(arg);
        } else {
            return usage("one claims file at a time");
        }
    }
    if (path.empty()) return usage("no claims file given");

    bs::parse_failure failure;
    const auto results = bs::io::try_check_claims_file(path, failure);
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
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "check_claims: %s\n", e.what());
    return 1;
}
